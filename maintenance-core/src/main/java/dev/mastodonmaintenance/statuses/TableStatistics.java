package dev.mastodonmaintenance.statuses;

import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * tootctl's statistics steps after removing statuses and conversations: {@code ANALYZE <table>}, or with
 * {@code --compress-database} {@code VACUUM FULL ANALYZE <table>} and {@code REINDEX TABLE <table>}.
 * Compressing rewrites the table under an ACCESS EXCLUSIVE lock, so Mastodon cannot read or write it until it
 * is done, and needs free disk about the size of the table and its indexes.
 */
public class TableStatistics {

	private static final Set<String> TABLES = Set.of("statuses", "conversations");

	private final JdbcTemplate jdbc;

	/**
	 * Creates the statements over a Mastodon database.
	 * @param jdbc the Mastodon database, in auto-commit mode ({@code VACUUM} cannot run in a transaction)
	 */
	public TableStatistics(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Refreshes the planner statistics of a table.
	 * @param table {@code statuses} or {@code conversations}
	 */
	public void analyze(String table) {
		this.jdbc.execute("ANALYZE " + known(table));
	}

	/**
	 * Rewrites a table and its indexes to give their free space back to the operating system. Needs downtime.
	 * @param table {@code statuses} or {@code conversations}
	 */
	public void compress(String table) {
		this.jdbc.execute("VACUUM FULL ANALYZE " + known(table));
		this.jdbc.execute("REINDEX TABLE " + known(table));
	}

	private static String known(String table) {
		if (!TABLES.contains(table)) {
			throw new IllegalArgumentException("Not a table statuses remove maintains: " + table);
		}
		return table;
	}

}
