package dev.mastodonmaintenance.statuses;

/**
 * The options of {@code tootctl statuses remove}, checked as tootctl checks them, plus the confirmation that
 * {@code --compress-database} needs here.
 *
 * @param days statuses older than this many days may go (tootctl's default 90); also the age of unattached
 * media, minus one day
 * @param batchSize how many statuses one chunk handles (tootctl's default 1000)
 * @param skipStatusRemove skip removing statuses, still run the other steps
 * @param skipMediaRemove skip removing unattached media
 * @param cleanFollowed remove statuses of authors followed locally too
 * @param compressDatabase {@code VACUUM FULL} and {@code REINDEX} instead of {@code ANALYZE}
 * @param downtimeConfirmed the operator confirms that Mastodon is stopped for {@code compressDatabase}
 */
public record StatusesRemoveOptions(int days, int batchSize, boolean skipStatusRemove, boolean skipMediaRemove,
		boolean cleanFollowed, boolean compressDatabase, boolean downtimeConfirmed) {

	/** tootctl's default {@code --days}. */
	public static final int DEFAULT_DAYS = 90;

	/** tootctl's default {@code --batch-size}. */
	public static final int DEFAULT_BATCH_SIZE = 1000;

	/**
	 * Checks the options.
	 * @throws IllegalArgumentException naming the option that is wrong
	 */
	public StatusesRemoveOptions {
		if (batchSize < 1) {
			throw new IllegalArgumentException("Cannot run with this batch_size setting, must be at least 1");
		}
		if (days < 1) {
			// days - 1 is the age of the unattached media that go too: 0 days would take uploads of a minute ago
			throw new IllegalArgumentException("Cannot run with this days setting, must be at least 1 (was " + days
					+ ")");
		}
		if (compressDatabase && !downtimeConfirmed) {
			throw new IllegalArgumentException("compress-database rewrites statuses and conversations under an "
					+ "exclusive lock that blocks Mastodon until it ends, and needs free disk the size of both tables: "
					+ "stop Mastodon and confirm the downtime to run it");
		}
	}

	/**
	 * tootctl's defaults.
	 * @return the default options
	 */
	public static StatusesRemoveOptions defaults() {
		return new StatusesRemoveOptions(DEFAULT_DAYS, DEFAULT_BATCH_SIZE, false, false, false, false, false);
	}

}
