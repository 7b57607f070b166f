package dev.mastodonmaintenance.boot.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.RunRequest;

/**
 * The console's form to launch a run: the levels, the days of the levels that take days, and whether it is
 * a dry run (checked by default: a run that deletes is chosen, not stumbled into).
 */
public class LaunchForm {

	/** The levels that take a number of days, with tootctl's default, in the form's order. */
	static final Map<Level, Integer> DAYS_DEFAULTS = daysDefaults();

	private List<String> levels = new ArrayList<>();

	private Map<String, String> days = new LinkedHashMap<>();

	private boolean dryRun = true;

	private static Map<Level, Integer> daysDefaults() {
		Map<Level, Integer> defaults = new LinkedHashMap<>();
		defaults.put(Level.PREVIEW_CARDS_REMOVE, 180);
		defaults.put(Level.MEDIA_REMOVE, 7);
		defaults.put(Level.STATUSES_REMOVE, 90);
		return defaults;
	}

	public List<String> getLevels() {
		return this.levels;
	}

	public void setLevels(List<String> levels) {
		this.levels = levels;
	}

	public Map<String, String> getDays() {
		return this.days;
	}

	public void setDays(Map<String, String> days) {
		this.days = days;
	}

	public boolean isDryRun() {
		return this.dryRun;
	}

	public void setDryRun(boolean dryRun) {
		this.dryRun = dryRun;
	}

	/**
	 * The request this form describes. Days left blank keep the configured default, else tootctl's.
	 * @return the request
	 * @throws IllegalArgumentException when no level is chosen or a level is unknown
	 */
	RunRequest toRequest() {
		if (this.levels.isEmpty()) {
			throw new IllegalArgumentException("Choose at least one level to run");
		}
		List<Level> chosen = this.levels.stream().map(Level::ofStepName).toList();
		RunRequest request = RunRequest.of(chosen.toArray(Level[]::new)).dryRun(this.dryRun);
		for (Level level : chosen) {
			String value = this.days.get(level.stepName());
			if (DAYS_DEFAULTS.containsKey(level) && value != null && !value.isBlank()) {
				request = request.option(level, "days", value.strip());
			}
		}
		return request;
	}

}
