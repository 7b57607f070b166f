package dev.mastodonmaintenance.operator.cli;

import dev.mastodonmaintenance.batch.Level;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code -d/--days}, checked while the command line is parsed and kept typed as the level
 * reads it: a number of days of at least 0, fractions allowed as tootctl allows them;
 * {@code statuses remove} takes whole days of at least 1, since its media phase removes
 * media unattached for {@code days - 1} days (the job refuses other values too).
 */
final class DaysOption {

	@Spec(Spec.Target.MIXEE)
	CommandSpec mixee;

	private @Nullable Number days;

	@Option(names = { "-d", "--days" }, paramLabel = "N", description = "How old, in days, what is removed must be "
			+ "(default: ${DEFAULT-VALUE}, tootctl's; mastodon.maintenance.levels.<level>.days overrides it).")
	void days(String value) {
		if (wholeDays()) {
			if (!value.trim().matches("\\d{1,9}") || Integer.parseInt(value.trim()) < 1) {
				throw new ParameterException(this.mixee.commandLine(), "--days: must be a whole number >= 1");
			}
			this.days = Integer.valueOf(value.trim());
		}
		else {
			double parsed;
			try {
				parsed = Double.parseDouble(value.trim());
			}
			catch (NumberFormatException ex) {
				parsed = Double.NaN;
			}
			if (!Double.isFinite(parsed) || parsed < 0) {
				throw new ParameterException(this.mixee.commandLine(), "--days: must be a number >= 0");
			}
			this.days = parsed;
		}
	}

	/**
	 * The days given, or shown as the default.
	 * @return whole days ({@link Integer}) for {@code statuses remove}, else fractional
	 * ones ({@link Double})
	 */
	@Nullable Number days() {
		return this.days;
	}

	private boolean wholeDays() {
		return this.mixee.userObject() instanceof LevelCommand command && command.level() == Level.STATUSES_REMOVE;
	}

}
