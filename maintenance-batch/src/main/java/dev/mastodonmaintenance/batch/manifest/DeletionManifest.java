package dev.mastodonmaintenance.batch.manifest;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.storage.DeletionReport;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code deletion_manifest} table of our schema: one entry per stored object, and one per chunk and table
 * for database rows, holding their ids. Every write joins the caller's transaction, which in a step is the
 * chunk's: what a chunk records commits or rolls back with the chunk's own changes. It keeps no state of its
 * own, so threads may share it, each within its own transaction.
 */
public class DeletionManifest {

	static final String PENDING = "pending";

	static final String REMOVED = "removed";

	static final String FAILED = "failed";

	static final String DRY_RUN = "dry-run";

	private final JdbcTemplate jdbc;

	private final String schema;

	private final String table;

	/**
	 * Creates the manifest over our schema.
	 * @param jdbc Mastodon's database
	 * @param schema our schema's name
	 */
	public DeletionManifest(JdbcTemplate jdbc, String schema) {
		this.jdbc = jdbc;
		this.schema = schema;
		this.table = schema + ".deletion_manifest";
	}

	/**
	 * Our schema's name.
	 * @return the schema
	 */
	public String schema() {
		return this.schema;
	}

	/**
	 * Records database rows a step deleted or changed, as one entry holding all their ids: a chunk changes
	 * many rows of a table and they share everything but the id. The entry's subject is the table.
	 * @param step the step execution
	 * @param table the Mastodon table
	 * @param ids the rows' ids
	 * @param dryRun whether they were only selected
	 */
	public void recordRows(StepExecution step, String table, List<Long> ids, boolean dryRun) {
		if (ids.isEmpty()) {
			return;
		}
		this.jdbc.execute((ConnectionCallback<Integer>) (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + this.table
					+ " (job_instance_id, job_execution_id, step_name, subject_kind, subject, row_ids, state) "
					+ "VALUES (?, ?, ?, 'rows', ?, ?, ?)")) {
				statement.setLong(1, instanceId(step));
				statement.setLong(2, step.getJobExecutionId());
				statement.setString(3, step.getStepName());
				statement.setString(4, table);
				statement.setArray(5, connection.createArrayOf("bigint", ids.toArray()));
				statement.setString(6, dryRun ? DRY_RUN : REMOVED);
				return statement.executeUpdate();
			}
		});
	}

	/**
	 * Queues stored objects for removal once the chunk that freed them has committed.
	 * @param step the step execution
	 * @param objects the objects
	 */
	public void queue(StepExecution step, List<ObjectToRemove> objects) {
		insertObjects(step, objects, PENDING);
	}

	/**
	 * Records the objects a dry run would remove.
	 * @param step the step execution
	 * @param objects the objects
	 */
	public void recordDryRun(StepExecution step, List<ObjectToRemove> objects) {
		insertObjects(step, objects, DRY_RUN);
	}

	/**
	 * Records objects removed right away, with what the storage said.
	 * @param step the step execution
	 * @param objects the objects that were to be removed
	 * @param report the storage's answer
	 */
	public void recordRemoved(StepExecution step, List<ObjectToRemove> objects, DeletionReport report) {
		Map<String, ObjectToRemove> byKey = new HashMap<>();
		objects.forEach((object) -> byKey.put(object.key(), object));
		List<ObjectToRemove> removed = report.removed().stream().map((entry) -> {
			ObjectToRemove object = byKey.get(entry.key());
			return new ObjectToRemove(entry.key(), (object != null) ? object.recordedBytes() : null,
					storageBytes(entry, object));
		}).toList();
		insertObjects(step, removed, REMOVED);
		for (DeletionReport.Failed failed : report.failed()) {
			ObjectToRemove object = byKey.get(failed.key());
			this.jdbc.update("INSERT INTO " + this.table + " (job_instance_id, job_execution_id, step_name, "
					+ "subject_kind, subject, recorded_bytes, state, detail) VALUES (?, ?, ?, 'object', ?, ?, ?, ?)",
					instanceId(step), step.getJobExecutionId(), step.getStepName(), failed.key(),
					(object != null) ? object.recordedBytes() : null, FAILED, failed.reason());
		}
	}

	/**
	 * The objects still waiting for removal in a step of a job instance, whichever attempt queued them.
	 * @param step the step execution
	 * @param limit the most to return
	 * @return pending entries in the order they were queued
	 */
	public List<PendingObject> pending(StepExecution step, int limit) {
		// index: deletion_manifest_pending
		return this.jdbc.query("SELECT id, subject, recorded_bytes FROM " + this.table
				+ " WHERE job_instance_id = ? AND step_name = ? AND state = 'pending' ORDER BY id LIMIT ?",
				(rs, row) -> {
					long recorded = rs.getLong("recorded_bytes");
					return new PendingObject(rs.getLong("id"), rs.getString("subject"), rs.wasNull() ? null : recorded);
				},
				instanceId(step), step.getStepName(), limit);
	}

	/**
	 * Settles pending entries with the storage's answer.
	 * @param pending the entries that were sent to the storage
	 * @param report what the storage did
	 */
	public void settle(List<PendingObject> pending, DeletionReport report) {
		Map<String, List<PendingObject>> byKey = new HashMap<>();
		pending.forEach((object) -> byKey.computeIfAbsent(object.key(), (key) -> new ArrayList<>()).add(object));
		// by entry id: should the storage answer for a key twice, its last answer counts
		Map<Long, @Nullable Long> removed = new LinkedHashMap<>();
		for (DeletionReport.Removed entry : report.removed()) {
			byKey.getOrDefault(entry.key(), List.of()).forEach((object) -> removed.put(object.id(), entry.bytes()));
		}
		Map<Long, String> failed = new LinkedHashMap<>();
		for (DeletionReport.Failed entry : report.failed()) {
			byKey.getOrDefault(entry.key(), List.of()).forEach((object) -> failed.put(object.id(), entry.reason()));
		}
		// one statement per outcome, not one per entry: a batch settles up to a thousand entries
		updateByIds("UPDATE " + this.table + " AS m SET state = 'removed', storage_bytes = u.value "
				+ "FROM unnest(?::bigint[], ?::bigint[]) AS u(id, value) WHERE m.id = u.id", "bigint", removed);
		updateByIds("UPDATE " + this.table + " AS m SET state = 'failed', detail = u.value "
				+ "FROM unnest(?::bigint[], ?::text[]) AS u(id, value) WHERE m.id = u.id", "text", failed);
	}

	/**
	 * Forgets the entries of all but the most recent job executions, keeping the table bounded.
	 * @param keepExecutions how many job executions to keep entries of
	 * @return the entries deleted
	 */
	public int purgeAllBut(int keepExecutions) {
		return this.jdbc.update("DELETE FROM " + this.table + " WHERE state <> 'pending' AND job_execution_id NOT IN "
				+ "(SELECT DISTINCT job_execution_id FROM " + this.table
				+ " ORDER BY job_execution_id DESC LIMIT ?)", keepExecutions);
	}

	private void insertObjects(StepExecution step, List<ObjectToRemove> objects, String state) {
		if (objects.isEmpty()) {
			return;
		}
		this.jdbc.execute((ConnectionCallback<Integer>) (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + this.table
					+ " (job_instance_id, job_execution_id, step_name, subject_kind, subject, recorded_bytes, storage_bytes, state) "
					+ "SELECT ?, ?, ?, 'object', s, r, b, ? FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS u(s, r, b)")) {
				statement.setLong(1, instanceId(step));
				statement.setLong(2, step.getJobExecutionId());
				statement.setString(3, step.getStepName());
				statement.setString(4, state);
				statement.setArray(5, connection.createArrayOf("text", objects.stream().map(ObjectToRemove::key).toArray()));
				statement.setArray(6,
						connection.createArrayOf("bigint", objects.stream().map(ObjectToRemove::recordedBytes).toArray()));
				statement.setArray(7,
						connection.createArrayOf("bigint", objects.stream().map(ObjectToRemove::listedBytes).toArray()));
				return statement.executeUpdate();
			}
		});
	}

	private void updateByIds(String sql, String valueType, Map<Long, ? extends @Nullable Object> values) {
		if (values.isEmpty()) {
			return;
		}
		this.jdbc.execute((ConnectionCallback<Integer>) (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				statement.setArray(1, connection.createArrayOf("bigint", values.keySet().toArray()));
				statement.setArray(2, connection.createArrayOf(valueType, values.values().toArray()));
				return statement.executeUpdate();
			}
		});
	}

	private static @Nullable Long storageBytes(DeletionReport.Removed removed, @Nullable ObjectToRemove object) {
		if (removed.bytes() != null) {
			return removed.bytes();
		}
		return (object != null) ? object.listedBytes() : null;
	}

	private static long instanceId(StepExecution step) {
		return step.getJobExecution().getJobInstance().getInstanceId();
	}

	/**
	 * An object waiting for removal.
	 *
	 * @param id the manifest entry
	 * @param key the storage key
	 * @param recordedBytes the size Mastodon recorded, may be null
	 */
	public record PendingObject(long id, String key, @Nullable Long recordedBytes) {
	}

}
