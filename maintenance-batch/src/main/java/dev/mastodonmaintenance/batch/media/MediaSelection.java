package dev.mastodonmaintenance.batch.media;

import java.util.List;
import java.util.function.ToLongFunction;

import dev.mastodonmaintenance.batch.LevelReport;

/**
 * The rows {@code media-remove} takes files from in one of its modes, a window of ids at
 * a time.
 */
interface MediaSelection {

	/**
	 * The table walked by id windows.
	 * @return the table
	 */
	String table();

	/**
	 * Clears the files of a window's qualifying rows, or only finds them in a dry run.
	 * @param afterId exclusive lower id bound
	 * @param upToId inclusive upper id bound
	 * @param dryRun whether to change nothing
	 * @return what the window gave up
	 */
	TakenFiles take(long afterId, long upToId, boolean dryRun);

	/**
	 * tootctl's summary line.
	 * @param report the level's figures
	 * @return the line
	 */
	String summary(LevelReport report);

	static String dryRun(LevelReport report) {
		return report.dryRun() ? " (DRY RUN)" : "";
	}

	static <T> List<Long> ids(List<T> rows, ToLongFunction<T> id) {
		return rows.stream().mapToLong(id).boxed().toList();
	}

}
