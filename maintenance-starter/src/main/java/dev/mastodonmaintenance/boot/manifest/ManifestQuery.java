package dev.mastodonmaintenance.boot.manifest;

import dev.mastodonmaintenance.batch.Level;
import org.jspecify.annotations.Nullable;

/**
 * A filter and a page over one run's deletion manifest, in the order the run recorded it.
 * Every filter is optional; several narrow together.
 *
 * @param executionId the job execution
 * @param level only what this level recorded
 * @param table only rows of this Mastodon table (stored objects are left out)
 * @param state only entries in this state
 * @param statusId only the row of this status (table {@code statuses})
 * @param accountId only the row of this account (table {@code accounts}) and its avatar
 * and header objects
 * @param keyPrefix only stored objects whose key starts with this (rows are left out)
 * @param after the page starts after this position, {@code null} from the start
 * @param limit the page size, from 1 to {@value #MAX_LIMIT}
 */
public record ManifestQuery(long executionId, @Nullable Level level, @Nullable String table,
		@Nullable ManifestState state, @Nullable Long statusId, @Nullable Long accountId, @Nullable String keyPrefix,
		@Nullable ManifestPosition after, int limit) {

	/** The largest page. */
	public static final int MAX_LIMIT = 1000;

	/** The page size of {@link #of(long)}. */
	public static final int DEFAULT_LIMIT = 100;

	public ManifestQuery {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("Invalid limit " + limit + ": from 1 to " + MAX_LIMIT);
		}
		table = blankToNull(table);
		keyPrefix = blankToNull(keyPrefix);
	}

	/**
	 * The first {@value #DEFAULT_LIMIT} entries of a run, unfiltered.
	 * @param executionId the job execution
	 * @return the query
	 */
	public static ManifestQuery of(long executionId) {
		return new ManifestQuery(executionId, null, null, null, null, null, null, null, DEFAULT_LIMIT);
	}

	/**
	 * This query restricted to a level.
	 * @param level the level, or {@code null} for all
	 * @return a new query
	 */
	public ManifestQuery level(@Nullable Level level) {
		return new ManifestQuery(this.executionId, level, this.table, this.state, this.statusId, this.accountId,
				this.keyPrefix, this.after, this.limit);
	}

	/**
	 * This query restricted to rows of a table.
	 * @param table the Mastodon table, or {@code null} for all
	 * @return a new query
	 */
	public ManifestQuery table(@Nullable String table) {
		return new ManifestQuery(this.executionId, this.level, table, this.state, this.statusId, this.accountId,
				this.keyPrefix, this.after, this.limit);
	}

	/**
	 * This query restricted to a state.
	 * @param state the state, or {@code null} for all
	 * @return a new query
	 */
	public ManifestQuery state(@Nullable ManifestState state) {
		return new ManifestQuery(this.executionId, this.level, this.table, state, this.statusId, this.accountId,
				this.keyPrefix, this.after, this.limit);
	}

	/**
	 * This query restricted to one status.
	 * @param statusId the status id, or {@code null} for all
	 * @return a new query
	 */
	public ManifestQuery statusId(@Nullable Long statusId) {
		return new ManifestQuery(this.executionId, this.level, this.table, this.state, statusId, this.accountId,
				this.keyPrefix, this.after, this.limit);
	}

	/**
	 * This query restricted to one account and its profile images.
	 * @param accountId the account id, or {@code null} for all
	 * @return a new query
	 */
	public ManifestQuery accountId(@Nullable Long accountId) {
		return new ManifestQuery(this.executionId, this.level, this.table, this.state, this.statusId, accountId,
				this.keyPrefix, this.after, this.limit);
	}

	/**
	 * This query restricted to stored objects under a key prefix.
	 * @param keyPrefix the prefix, or {@code null} for all
	 * @return a new query
	 */
	public ManifestQuery keyPrefix(@Nullable String keyPrefix) {
		return new ManifestQuery(this.executionId, this.level, this.table, this.state, this.statusId, this.accountId,
				keyPrefix, this.after, this.limit);
	}

	/**
	 * This query's page after a position.
	 * @param after the last position of the previous page, or {@code null} for the first
	 * page
	 * @return a new query
	 */
	public ManifestQuery after(@Nullable ManifestPosition after) {
		return new ManifestQuery(this.executionId, this.level, this.table, this.state, this.statusId, this.accountId,
				this.keyPrefix, after, this.limit);
	}

	/**
	 * This query with another page size.
	 * @param limit the page size
	 * @return a new query
	 */
	public ManifestQuery limit(int limit) {
		return new ManifestQuery(this.executionId, this.level, this.table, this.state, this.statusId, this.accountId,
				this.keyPrefix, this.after, limit);
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
