package dev.mastodonmaintenance;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cuts a table into bounded windows of its primary key. Mastodon's big tables have no
 * index on the columns the clean-up filters on ({@code created_at}, {@code updated_at},
 * {@code remote_url}), so a query "the next 1000 matching rows" can read the whole rest
 * of the table when few rows match. Instead each chunk first takes the next {@code size}
 * ids from the primary-key index, then filters only that window: no statement reads more
 * than {@code size} rows, whatever matches.
 */
public final class IdWindow {

	private final JdbcTemplate jdbc;

	private final String table;

	/**
	 * Creates a window walker over one table.
	 * @param jdbc the Mastodon database
	 * @param table the table, whose primary key is {@code id}
	 */
	public IdWindow(JdbcTemplate jdbc, String table) {
		this.jdbc = jdbc;
		this.table = table;
	}

	/**
	 * The upper bound of the next window: the largest of the next {@code size} ids after
	 * {@code afterId}. Reads at most {@code size} entries of the primary-key index.
	 * @param afterId the last id of the previous window
	 * @param size the most rows the window may hold
	 * @return the inclusive upper bound, or {@code null} when no row follows
	 * {@code afterId}
	 */
	public @Nullable Long upperBound(long afterId, int size) {
		// index: <table>_pkey
		return this.jdbc.queryForObject("SELECT max(id) FROM (SELECT id FROM " + this.table
				+ " WHERE id > ? ORDER BY id LIMIT ?) AS window_ids", Long.class, afterId, size);
	}

	/**
	 * The upper bound of the next window within a range of ids: as
	 * {@link #upperBound(long, int)}, not beyond {@code upToId}.
	 * @param afterId the last id of the previous window
	 * @param upToId the last id of the range, inclusive; {@link Long#MAX_VALUE} for no
	 * bound
	 * @param size the most rows the window may hold
	 * @return the inclusive upper bound, or {@code null} when no row of the range follows
	 * {@code afterId}
	 */
	public @Nullable Long upperBound(long afterId, long upToId, int size) {
		if (upToId == Long.MAX_VALUE) {
			return upperBound(afterId, size);
		}
		// index: <table>_pkey
		return this.jdbc.queryForObject(
				"SELECT max(id) FROM (SELECT id FROM " + this.table
						+ " WHERE id > ? AND id <= ? ORDER BY id LIMIT ?) AS window_ids",
				Long.class, afterId, upToId, size);
	}

	/**
	 * The table's smallest and largest id, as they are now.
	 * @return the extent, or {@code null} when the table is empty
	 */
	public @Nullable Extent extent() {
		// index: <table>_pkey (min and max are two reads of the index's ends)
		Map<String, Object> ids = this.jdbc.queryForMap("SELECT min(id) AS first, max(id) AS last FROM " + this.table);
		if (ids.get("first") instanceof Number first && ids.get("last") instanceof Number last) {
			return new Extent(first.longValue(), last.longValue());
		}
		return null;
	}

	/**
	 * The ids a table holds, from its smallest to its largest.
	 *
	 * @param first the smallest id
	 * @param last the largest id
	 */
	public record Extent(long first, long last) {
	}

}
