package dev.mastodonmaintenance.boot.log;

import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The per-run log in table {@code run_log} of the maintenance schema: the lines the
 * levels logged while an execution ran, at most {@value #MAX_LINES} per execution, each
 * cut at {@value #MAX_LENGTH} characters.
 */
public class RunLog {

	/**
	 * The key of the execution's id in the logging MDC of the thread that runs its
	 * levels; log patterns may show it too ({@code %X{mastodon.maintenance.execution}}).
	 */
	public static final String MDC_EXECUTION = "mastodon.maintenance.execution";

	/**
	 * The key of the running level's step name in that MDC, once its first chunk started.
	 */
	public static final String MDC_STEP = "mastodon.maintenance.step";

	/**
	 * The most lines kept per execution; the line after them says how many more were not
	 * kept.
	 */
	public static final int MAX_LINES = 1000;

	/** The longest line kept. */
	public static final int MAX_LENGTH = 2000;

	private final JdbcTemplate jdbc;

	private final String table;

	/**
	 * Creates the log.
	 * @param jdbc on the database of the maintenance schema
	 * @param schema the schema's name
	 */
	public RunLog(JdbcTemplate jdbc, String schema) {
		this.jdbc = jdbc;
		this.table = schema + ".run_log";
	}

	/**
	 * The lines of an execution, in the order they were logged.
	 * @param executionId the execution
	 * @return its lines, none when it logged none or ran elsewhere before the log existed
	 */
	public List<RunLogLine> of(long executionId) {
		// index run_log_execution (job_execution_id, id)
		return this.jdbc.query(
				"SELECT job_execution_id, step_name, severity, logged_at, message FROM " + this.table
						+ " WHERE job_execution_id = ? ORDER BY id",
				(rs, row) -> new RunLogLine(rs.getLong(1), rs.getString(2), rs.getString(3),
						rs.getTimestamp(4).toInstant(), rs.getString(5)),
				executionId);
	}

	void write(List<RunLogLine> lines) {
		this.jdbc.batchUpdate(
				"INSERT INTO " + this.table
						+ " (job_execution_id, step_name, severity, logged_at, message) VALUES (?, ?, ?, ?, ?)",
				lines, 100, (statement, line) -> {
					statement.setLong(1, line.executionId());
					statement.setString(2, line.step());
					statement.setString(3, line.severity());
					statement.setTimestamp(4, Timestamp.from(line.at()));
					statement.setString(5, line.message());
				});
	}

}
