package dev.mastodonmaintenance.statuses;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

import javax.sql.DataSource;

/**
 * tootctl's statistics steps after removing statuses and conversations: {@code ANALYZE}
 * of each table, or with {@code --compress-database} {@code VACUUM FULL ANALYZE} and
 * {@code REINDEX TABLE} of it. Compressing rewrites the table under an ACCESS EXCLUSIVE
 * lock, so Mastodon cannot read or write it until it is done, and needs free disk about
 * the size of the table and its indexes. Each statement runs on a connection of its own
 * in auto-commit, outside any transaction of the caller ({@code VACUUM} cannot run in
 * one).
 */
public class TableStatistics {

	private static final Set<String> TABLES = Set.of("statuses", "conversations");

	private final DataSource dataSource;

	/**
	 * Creates the statements over a Mastodon database.
	 * @param dataSource the Mastodon database
	 */
	public TableStatistics(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Refreshes the planner statistics of a table.
	 * @param table {@code statuses} or {@code conversations}
	 */
	public void analyze(String table) {
		run("ANALYZE " + known(table));
	}

	/**
	 * Rewrites a table and its indexes to give their free space back to the operating
	 * system. Needs downtime.
	 * @param table {@code statuses} or {@code conversations}
	 */
	public void compress(String table) {
		run("VACUUM FULL ANALYZE " + known(table), "REINDEX TABLE " + known(table));
	}

	private void run(String... statements) {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			try (Statement statement = connection.createStatement()) {
				for (String sql : statements) {
					statement.execute(sql);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot run " + String.join("; ", statements) + ": " + ex.getMessage(), ex);
		}
	}

	private static String known(String table) {
		if (!TABLES.contains(table)) {
			throw new IllegalArgumentException("Not a table statuses remove maintains: " + table);
		}
		return table;
	}

}
