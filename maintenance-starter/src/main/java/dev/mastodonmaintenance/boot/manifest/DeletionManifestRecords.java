package dev.mastodonmaintenance.boot.manifest;

import java.util.List;
import java.util.function.Consumer;

/**
 * The deletion manifest, read: what each run removed, row by row and stored object by
 * stored object, with what failed, what is still pending and what a dry run would have
 * removed; and, across runs, when and by which run a given stored object or row was
 * removed.
 */
public interface DeletionManifestRecords {

	/**
	 * A page of one run's manifest.
	 * @param query the run, filters and page
	 * @return the page, in the order the run recorded it
	 */
	ManifestPage page(ManifestQuery query);

	/**
	 * Every entry the query matches from its position on, whatever its limit, handed over
	 * as they are read a page at a time: for exports of runs too large to hold.
	 * @param query the run and filters
	 * @param action called with each entry, in order
	 */
	void each(ManifestQuery query, Consumer<ManifestEntry> action);

	/**
	 * How many rows per table and stored objects each level of a run recorded, per state.
	 * @param executionId the job execution
	 * @return the counts, by level, kind, table and state
	 */
	List<ManifestTally> tally(long executionId);

	/**
	 * The entries of a stored object across runs: when and by which run and level it was
	 * removed (or failed to be, or would have been).
	 * @param key the storage key, exactly as the manifest holds it (relative to
	 * Mastodon's storage root)
	 * @param limit the most entries to return
	 * @return its entries, newest first
	 */
	List<ManifestEntry> findKey(String key, int limit);

	/**
	 * The entries of a database row across runs.
	 * @param table the Mastodon table, such as {@code statuses}
	 * @param id the row's id
	 * @param limit the most entries to return
	 * @return its entries, newest first
	 */
	List<ManifestEntry> findRow(String table, long id, int limit);

}
