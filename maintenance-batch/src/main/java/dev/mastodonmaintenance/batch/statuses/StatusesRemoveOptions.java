package dev.mastodonmaintenance.batch.statuses;

import java.util.Set;

import dev.mastodonmaintenance.batch.LevelParameters;
import dev.mastodonmaintenance.batch.Partitioning;

/**
 * Options of {@code statuses-remove}, with {@code tootctl statuses remove}'s names,
 * defaults and errors.
 *
 * @param days remote statuses published more than this many days ago are concerned (90)
 * @param batchSize the ids of {@code statuses} one window covers, so the most statuses
 * one statement deletes (1000)
 * @param concurrency how many windows (of statuses, then of unattached media, then of
 * conversations) are deleted at once, each in a transaction of its own (2)
 * @param cleanFollowed whether statuses of locally followed authors are concerned too
 * @param skipStatusRemove whether to skip the statuses themselves
 * @param skipMediaRemove whether to skip the removal of media left unattached
 * @param compressDatabase whether to run {@code VACUUM FULL} and {@code REINDEX}, which
 * lock the tables
 * @param partitioning how the statuses phase is cut into partitions by ranges of ids,
 * each deleting {@code concurrency} windows at once
 */
record StatusesRemoveOptions(int days, int batchSize, int concurrency, boolean cleanFollowed, boolean skipStatusRemove,
		boolean skipMediaRemove, boolean compressDatabase, Partitioning partitioning) {

	static final String DAYS = "days";

	static final String BATCH_SIZE = "batch-size";

	static final String CONCURRENCY = "concurrency";

	static final String CLEAN_FOLLOWED = "clean-followed";

	static final String SKIP_STATUS_REMOVE = "skip-status-remove";

	static final String SKIP_MEDIA_REMOVE = "skip-media-remove";

	static final String COMPRESS_DATABASE = "compress-database";

	static final String DOWNTIME_CONFIRMED = "downtime-confirmed";

	static final Set<String> NAMES = Set.of(DAYS, BATCH_SIZE, CONCURRENCY, CLEAN_FOLLOWED, SKIP_STATUS_REMOVE,
			SKIP_MEDIA_REMOVE, COMPRESS_DATABASE, DOWNTIME_CONFIRMED, Partitioning.GRID_SIZE, Partitioning.PARTITIONS);

	static StatusesRemoveOptions from(LevelParameters parameters) {
		double days = parameters.days(DAYS, 90);
		if (days != Math.rint(days) || days > Integer.MAX_VALUE) {
			throw parameters.invalid(DAYS, String.valueOf(days), "a whole number of days");
		}
		if (days < 1) {
			// unattached media older than days - 1 go too: with 0 that would take uploads
			// of a minute ago
			throw parameters.invalid(DAYS, String.valueOf((long) days),
					"a whole number of days of at least 1 (media attachments unattached for days - 1 days are removed too)");
		}
		StatusesRemoveOptions options = new StatusesRemoveOptions((int) days,
				parameters.batchSize(BATCH_SIZE, 1000, "Cannot run with this batch_size setting, must be at least 1"),
				parameters.concurrency(CONCURRENCY, 2), parameters.flag(CLEAN_FOLLOWED),
				parameters.flag(SKIP_STATUS_REMOVE), parameters.flag(SKIP_MEDIA_REMOVE),
				parameters.flag(COMPRESS_DATABASE), parameters.partitioning());
		if (options.compressDatabase() && !parameters.flag(DOWNTIME_CONFIRMED)) {
			throw new IllegalArgumentException("Invalid job parameter " + parameters.name(COMPRESS_DATABASE)
					+ ": VACUUM FULL and REINDEX lock the statuses and conversations tables for a long time, so "
					+ "Mastodon must be stopped; confirm with " + parameters.name(DOWNTIME_CONFIRMED) + "=true");
		}
		return options;
	}

}
