package dev.mastodonmaintenance.boot.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.boot.MastodonMaintenance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code operator_action} table of our schema: who launched, restarted, stopped,
 * abandoned or recovered each execution. {@link #by} gives the facade as one operator
 * uses it, recording each state change it makes.
 */
public class OperatorActions {

	private final JdbcTemplate jdbc;

	private final String table;

	/**
	 * Creates the record over our schema.
	 * @param jdbc Mastodon's database
	 * @param schema our schema's name
	 */
	public OperatorActions(JdbcTemplate jdbc, String schema) {
		this.jdbc = jdbc;
		this.table = schema + ".operator_action";
	}

	/**
	 * The facade as an operator uses it: each launch, restart, stop, abandon and recover
	 * that succeeds is recorded under their name; reads are passed through.
	 * @param maintenance the facade
	 * @param operator who acts, such as {@code admin (console, 127.0.0.1)}
	 * @return the recording facade
	 */
	public MastodonMaintenance by(MastodonMaintenance maintenance, String operator) {
		return new RecordingMaintenance(maintenance, this, operator);
	}

	/**
	 * Records an action.
	 * @param executionId the execution
	 * @param kind what was done
	 * @param operator who did it
	 */
	public void record(long executionId, OperatorAction.Kind kind, String operator) {
		this.jdbc.update("INSERT INTO " + this.table + " (job_execution_id, kind, operator) VALUES (?, ?, ?)",
				executionId, kind.name(), operator);
	}

	/**
	 * What operators did to an execution.
	 * @param executionId the execution
	 * @return its actions, oldest first
	 */
	public List<OperatorAction> of(long executionId) {
		// index: operator_action_execution
		return this.jdbc.query(
				"SELECT job_execution_id, kind, operator, acted_at FROM " + this.table
						+ " WHERE job_execution_id = ? ORDER BY id",
				(rs, n) -> new OperatorAction(rs.getLong(1), OperatorAction.Kind.valueOf(rs.getString(2)),
						rs.getString(3), instant(rs.getTimestamp(4))),
				executionId);
	}

	/**
	 * Who started each of some executions: the operator who launched it, or restarted a
	 * run as it.
	 * @param executionIds the executions
	 * @return the launch or restart of each, by execution id; an execution started by no
	 * recorded operator (by an earlier version, or through the facade directly) is left
	 * out
	 */
	public Map<Long, OperatorAction> starters(Collection<Long> executionIds) {
		Map<Long, OperatorAction> starters = new LinkedHashMap<>();
		if (executionIds.isEmpty()) {
			return starters;
		}
		// index: operator_action_execution
		this.jdbc.query("SELECT DISTINCT ON (job_execution_id) job_execution_id, kind, operator, acted_at FROM "
				+ this.table + " WHERE job_execution_id = ANY (?) AND kind IN ('LAUNCH', 'RESTART') "
				+ "ORDER BY job_execution_id, id", (rs) -> {
					OperatorAction action = new OperatorAction(rs.getLong(1),
							OperatorAction.Kind.valueOf(rs.getString(2)), rs.getString(3), instant(rs.getTimestamp(4)));
					starters.put(action.executionId(), action);
				}, (Object) executionIds.toArray(Long[]::new));
		return starters;
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp.toInstant();
	}

}
