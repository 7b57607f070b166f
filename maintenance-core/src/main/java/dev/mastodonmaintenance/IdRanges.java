package dev.mastodonmaintenance;

import java.sql.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cuts a table's primary key into ranges holding about as many rows each, for partitions
 * that each walk one range. The bounds are percentiles of a sample of the table's ids,
 * read from a bounded number of its pages ({@code TABLESAMPLE SYSTEM}): Mastodon's ids
 * are time-based, so even steps between the smallest and largest id would hold very
 * different numbers of rows.
 */
public final class IdRanges {

	/**
	 * The most pages of the table the sample reads: some hundred thousand ids, enough for
	 * ranges within a few percent of each other.
	 */
	static final int SAMPLE_PAGES = 1000;

	private final JdbcTemplate jdbc;

	private final String table;

	/**
	 * Creates the cutter of one table.
	 * @param jdbc Mastodon's database
	 * @param table the table, whose primary key is {@code id}
	 */
	public IdRanges(JdbcTemplate jdbc, String table) {
		this.jdbc = jdbc;
		this.table = table;
	}

	/**
	 * The inner bounds of at most {@code count} ranges: range {@code i} holds the ids
	 * above bound {@code i-1} (or all from the start for the first) up to bound {@code i}
	 * inclusive (or all to the end for the last). Fewer bounds when the table holds fewer
	 * distinct ids than ranges.
	 * @param count how many ranges are wanted, at least 1
	 * @return the increasing inner bounds, at most {@code count - 1}; empty for an empty
	 * table or one range
	 */
	public List<Long> bounds(int count) {
		return bounds(count, Long.MAX_VALUE);
	}

	/**
	 * The inner bounds of at most {@code count} ranges of the ids below a limit, as
	 * {@link #bounds(int)} cuts all ids: for a walk that never goes beyond the limit.
	 * @param count how many ranges are wanted, at least 1
	 * @param below the ids walked are below this one
	 * @return the increasing inner bounds, at most {@code count - 1}
	 */
	public List<Long> bounds(int count, long below) {
		if (count < 2) {
			return List.of();
		}
		// index: <table>_pkey (min and max are two reads of the index's ends, the max
		// one below the limit)
		Map<String, Object> range = this.jdbc
			.queryForMap("SELECT min(id) AS low, max(id) AS high FROM " + this.table + " WHERE id < ?", below);
		if (!(range.get("low") instanceof Number low) || !(range.get("high") instanceof Number high)) {
			return List.of();
		}
		Long pages = this.jdbc.queryForObject(
				"SELECT greatest(1, pg_relation_size(?::regclass) / current_setting('block_size')::bigint)", Long.class,
				this.table);
		double percent = Math.min(100d, 100d * SAMPLE_PAGES / ((pages != null) ? pages : 1));
		StringBuilder fractions = new StringBuilder("{");
		for (int i = 1; i < count; i++) {
			fractions.append((i > 1) ? "," : "").append((double) i / count);
		}
		fractions.append('}');
		// reads about SAMPLE_PAGES pages of the table's heap, chosen at random but the
		// same on every call (REPEATABLE)
		List<Long> sampled = this.jdbc
			.query("SELECT percentile_disc(?::float8[]) WITHIN GROUP (ORDER BY id) AS bounds FROM " + this.table
					+ " TABLESAMPLE SYSTEM (?::float8) REPEATABLE (13) WHERE id < ?", (rs) -> {
						List<Long> bounds = new ArrayList<>();
						if (rs.next()) {
							Array array = rs.getArray("bounds");
							if (array != null) {
								for (Object bound : (Object[]) array.getArray()) {
									if (bound instanceof Number number) {
										bounds.add(number.longValue());
									}
								}
							}
						}
						return bounds;
					}, fractions.toString(), percent, below);
		List<Long> bounds = new ArrayList<>();
		for (Long bound : (sampled != null) ? sampled : List.<Long>of()) {
			// strictly increasing, and no empty range at either end
			if (bound >= low.longValue() && bound < high.longValue()
					&& (bounds.isEmpty() || bound > bounds.get(bounds.size() - 1))) {
				bounds.add(bound);
			}
		}
		return bounds;
	}

}
