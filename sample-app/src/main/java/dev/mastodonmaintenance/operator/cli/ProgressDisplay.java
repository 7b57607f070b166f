package dev.mastodonmaintenance.operator.cli;

import dev.mastodonmaintenance.boot.Progress;

/**
 * How a run's progress is shown while the command follows it.
 */
interface ProgressDisplay extends AutoCloseable {

	/**
	 * Shows the progress just read.
	 * @param progress the progress of the level that runs
	 */
	void show(Progress progress);

	/**
	 * Ends the display, before the summaries are printed.
	 */
	@Override
	void close();

	/**
	 * A level's name as tootctl's command ({@code media remove}), or the step's name for
	 * a step this version does not know.
	 * @param progress the progress
	 * @return the name
	 */
	static String levelName(Progress progress) {
		return (progress.level() != null) ? progress.level().tootctlCommand() : String.valueOf(progress.stepName());
	}

}
