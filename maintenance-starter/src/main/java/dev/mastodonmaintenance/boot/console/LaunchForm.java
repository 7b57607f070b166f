package dev.mastodonmaintenance.boot.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.RunRequest;

/**
 * The console's form to launch a run: the levels, their options ({@link LaunchOption}) by
 * job parameter name ({@code media-remove.days}), whether it is a dry run (checked by
 * default: a run that deletes is chosen, not stumbled into), and whether a real run was
 * confirmed against what a dry run predicted.
 */
public class LaunchForm {

	private List<String> levels = new ArrayList<>();

	private Map<String, String> options = new LinkedHashMap<>();

	private boolean dryRun = true;

	private boolean confirmed;

	public List<String> getLevels() {
		return this.levels;
	}

	public void setLevels(List<String> levels) {
		this.levels = levels;
	}

	public Map<String, String> getOptions() {
		return this.options;
	}

	public void setOptions(Map<String, String> options) {
		this.options = options;
	}

	public boolean isDryRun() {
		return this.dryRun;
	}

	public void setDryRun(boolean dryRun) {
		this.dryRun = dryRun;
	}

	public boolean isConfirmed() {
		return this.confirmed;
	}

	public void setConfirmed(boolean confirmed) {
		this.confirmed = confirmed;
	}

	/**
	 * Whether a level is chosen, for the form shown again.
	 * @param level the level's step name
	 * @return whether it is chosen
	 */
	public boolean chosen(String level) {
		return this.levels.contains(level);
	}

	/**
	 * The options given for the chosen levels, blank ones left out, in the job's order.
	 * @return values by job parameter name
	 */
	public Map<String, String> given() {
		Map<String, String> given = new LinkedHashMap<>();
		LaunchOption.ALL.forEach((level, options) -> {
			if (this.levels.contains(level.stepName())) {
				for (LaunchOption option : options) {
					String value = this.options.get(option.parameter());
					if (value != null && !value.isBlank()) {
						given.put(option.parameter(), value.strip());
					}
				}
			}
		});
		return given;
	}

	/**
	 * The request this form describes. Options left blank keep the configured default,
	 * else tootctl's; the options of levels not chosen are left out.
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
			for (LaunchOption option : LaunchOption.ALL.get(level)) {
				String value = this.options.get(option.parameter());
				if (value != null && !value.isBlank()) {
					request = request.option(level, option.name(), value.strip());
				}
			}
		}
		return request;
	}

}
