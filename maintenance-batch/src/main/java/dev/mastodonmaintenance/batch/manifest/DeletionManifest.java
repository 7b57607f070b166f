package dev.mastodonmaintenance.batch.manifest;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.mastodonmaintenance.storage.DeletionReport;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

/**
 * The {@code deletion_manifest} table of our schema: one entry per chunk for the stored
 * objects it queued, removed or would remove, holding their keys and sizes (a key the
 * storage refused has an entry of its own, with the reason), and one per chunk and table
 * for database rows, holding their ids. Every write joins the caller's transaction, which
 * in a step is the chunk's: what a chunk records commits or rolls back with the chunk's
 * own changes. It keeps no state of its own, so threads may share it, each within its own
 * transaction.
 */
public class DeletionManifest {

	static final String PENDING = "pending";

	static final String REMOVED = "removed";

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
	 * Records database rows a step deleted or changed, as one entry holding all their
	 * ids: a chunk changes many rows of a table and they share everything but the id. The
	 * entry's subject is the table.
	 * @param step the step execution
	 * @param table the Mastodon table
	 * @param ids the rows' ids
	 * @param dryRun whether they were only selected
	 */
	public void recordRows(StepExecution step, String table, List<Long> ids, boolean dryRun) {
		if (ids.isEmpty()) {
			return;
		}
		this.jdbc.update(
				"INSERT INTO " + this.table + " (job_instance_id, job_execution_id, step_name, subject_kind, "
						+ "subject, row_ids, state) VALUES (?, ?, ?, 'rows', ?, ?, ?)",
				instanceId(step), step.getJobExecutionId(), step.getStepName(), table, array("bigint", ids),
				dryRun ? DRY_RUN : REMOVED);
	}

	/**
	 * Queues stored objects for removal once the chunk that freed them has committed, as
	 * one entry.
	 * @param step the step execution
	 * @param objects the objects
	 * @return the entry, for {@link #pending} to take its keys from rather than read them
	 * back; {@code null} without objects
	 */
	public @Nullable PendingObjects queue(StepExecution step, List<ObjectToRemove> objects) {
		return insertObjects(step, objects, PENDING);
	}

	/**
	 * Records the objects a dry run would remove, as one entry.
	 * @param step the step execution
	 * @param objects the objects, with the storage's sizes where known (see
	 * {@link StorageSizes#sized})
	 */
	public void recordDryRun(StepExecution step, List<ObjectToRemove> objects) {
		insertObjects(step, objects, DRY_RUN);
	}

	/**
	 * The oldest entries of objects still waiting for removal in a step of a job
	 * instance, whichever attempt queued them: as many as hold at most {@code maxObjects}
	 * keys together, and at least one.
	 * @param step the step execution
	 * @param maxObjects the most keys to return, unless the oldest entry alone holds more
	 * @param queuedHere entries this step execution queued, by id: those still pending
	 * are returned as they are here, without reading their keys back (an entry that
	 * rolled back, or is no longer pending, is not)
	 * @return the entries in the order they were queued
	 */
	public PendingBatch pending(StepExecution step, int maxObjects, Map<Long, PendingObjects> queuedHere) {
		// index: deletion_manifest_pending; a step has a few pending entries at a time, a
		// crashed one a few more
		List<PendingObjects> entries = new ArrayList<>();
		long[] queued = { 0 };
		this.jdbc.query("SELECT id, queued, CASE WHEN known THEN NULL ELSE object_keys END AS object_keys, "
				+ "CASE WHEN known THEN NULL ELSE object_recorded_bytes END AS object_recorded_bytes, "
				+ "CASE WHEN known THEN NULL ELSE object_storage_bytes END AS object_storage_bytes FROM (SELECT id, "
				+ "id = ANY(?) AS known, object_keys, object_recorded_bytes, object_storage_bytes, "
				+ "count(*) OVER () AS queued, "
				+ "row_number() OVER (ORDER BY id) AS n, sum(cardinality(object_keys)) OVER (ORDER BY id) AS through "
				+ "FROM " + this.table + " WHERE job_instance_id = ? AND step_name = ? AND state = 'pending') AS p "
				+ "WHERE n = 1 OR through <= ? ORDER BY id", (rs) -> {
					queued[0] = rs.getLong("queued");
					PendingObjects known = queuedHere.get(rs.getLong("id"));
					if (known != null) {
						entries.add(known);
						return;
					}
					List<String> keys = List.of((String[]) rs.getArray("object_keys").getArray());
					// the sizes a level listed, for the entries of a failed attempt; none
					// for the other levels
					Array listed = rs.getArray("object_storage_bytes");
					entries.add(new PendingObjects(rs.getLong("id"), keys,
							Arrays.asList((Long[]) rs.getArray("object_recorded_bytes").getArray()),
							Arrays.asList((listed != null) ? (Long[]) listed.getArray() : new Long[keys.size()])));
				}, array("bigint", queuedHere.keySet().toArray()), instanceId(step), step.getStepName(), maxObjects);
		return new PendingBatch(entries, queued[0] > entries.size());
	}

	/**
	 * Settles pending entries with the storage's answer. An entry whose keys were all
	 * removed is marked removed with the sizes the storage reported, or else those the
	 * storage listed when the level listed them (S3's DeleteObjects reports none);
	 * otherwise it is split: its removed keys into a removed entry, each key the storage
	 * refused into a failed entry with the reason, and the keys it did not answer for
	 * into an entry that stays pending.
	 * @param pending the entries that were sent to the storage
	 * @param report what the storage did
	 * @return the bytes freed: for each key removed, the size the storage reported, or
	 * else the listed one
	 */
	public long settle(PendingBatch pending, DeletionReport report) {
		Map<String, Long> listed = new HashMap<>();
		pending.entries().forEach((entry) -> {
			for (int i = 0; i < entry.keys().size(); i++) {
				Long bytes = entry.listedBytes().get(i);
				if (bytes != null) {
					listed.put(entry.keys().get(i), bytes);
				}
			}
		});
		// should the storage answer for a key twice, its last answer counts, and a
		// refusal over a removal
		Map<String, @Nullable Long> removed = new HashMap<>();
		report.removed()
			.forEach((entry) -> removed.put(entry.key(),
					(entry.bytes() != null) ? entry.bytes() : listed.get(entry.key())));
		Map<String, String> failed = new HashMap<>();
		report.failed().forEach((entry) -> failed.put(entry.key(), entry.reason()));
		for (PendingObjects entry : pending.entries()) {
			Settled settled = new Settled();
			for (int i = 0; i < entry.keys().size(); i++) {
				settled.add(entry.keys().get(i), entry.recordedBytes().get(i), entry.listedBytes().get(i), removed,
						failed);
			}
			if (settled.allRemoved(entry)) {
				this.jdbc.update(
						"UPDATE " + this.table + " SET state = 'removed', object_storage_bytes = ? WHERE id = ?",
						sizes(settled.removedStorage.toArray()), entry.id());
			}
			else {
				split(entry, settled);
			}
		}
		return report.removed()
			.stream()
			.mapToLong((entry) -> (entry.bytes() != null) ? entry.bytes() : listed.getOrDefault(entry.key(), 0L))
			.sum();
	}

	/**
	 * Forgets the entries of all but the most recent job executions, keeping the table
	 * bounded.
	 * @param keepExecutions how many job executions to keep entries of
	 * @return the entries deleted
	 */
	public int purgeAllBut(int keepExecutions) {
		return this.jdbc.update("DELETE FROM " + this.table + " WHERE state <> 'pending' AND job_execution_id NOT IN "
				+ "(SELECT DISTINCT job_execution_id FROM " + this.table + " ORDER BY job_execution_id DESC LIMIT ?)",
				keepExecutions);
	}

	// The entry's parts take its place, each an entry of the same run and chunk.
	private void split(PendingObjects entry, Settled settled) {
		String copy = "INSERT INTO " + this.table + " (job_instance_id, job_execution_id, step_name, subject_kind, "
				+ "object_keys, object_recorded_bytes, object_storage_bytes, state, detail, recorded_at) ";
		if (!settled.removedKeys.isEmpty()) {
			this.jdbc.update(
					copy + "SELECT job_instance_id, job_execution_id, step_name, 'objects', ?, ?, ?, 'removed', "
							+ "NULL, recorded_at FROM " + this.table + " WHERE id = ?",
					array("text", settled.removedKeys), array("bigint", settled.removedRecorded),
					sizes(settled.removedStorage.toArray()), entry.id());
		}
		if (!settled.failedKeys.isEmpty()) {
			this.jdbc.update(copy + "SELECT m.job_instance_id, m.job_execution_id, m.step_name, 'objects', ARRAY[k], "
					+ "ARRAY[r], NULL, 'failed', d, m.recorded_at FROM " + this.table + " AS m, "
					+ "unnest(?::text[], ?::bigint[], ?::text[]) WITH ORDINALITY AS u(k, r, d, n) WHERE m.id = ? ORDER BY n",
					array("text", settled.failedKeys), array("bigint", settled.failedRecorded),
					array("text", settled.failedReasons), entry.id());
		}
		if (!settled.unansweredKeys.isEmpty()) {
			this.jdbc.update(
					copy + "SELECT job_instance_id, job_execution_id, step_name, 'objects', ?, ?, ?, "
							+ "'pending', NULL, recorded_at FROM " + this.table + " WHERE id = ?",
					array("text", settled.unansweredKeys), array("bigint", settled.unansweredRecorded),
					sizes(settled.unansweredListed.toArray()), entry.id());
		}
		this.jdbc.update("DELETE FROM " + this.table + " WHERE id = ?", entry.id());
	}

	private @Nullable PendingObjects insertObjects(StepExecution step, List<ObjectToRemove> objects, String state) {
		if (objects.isEmpty()) {
			return null;
		}
		String[] keys = new String[objects.size()];
		@Nullable Long[] recorded = new Long[objects.size()];
		@Nullable Long[] storage = new Long[objects.size()];
		for (int i = 0; i < keys.length; i++) {
			ObjectToRemove object = objects.get(i);
			keys[i] = object.key();
			recorded[i] = object.recordedBytes();
			storage[i] = object.listedBytes();
		}
		Long id = this.jdbc.queryForObject(
				"INSERT INTO " + this.table + " (job_instance_id, job_execution_id, "
						+ "step_name, subject_kind, object_keys, object_recorded_bytes, object_storage_bytes, state) "
						+ "VALUES (?, ?, ?, 'objects', ?, ?, ?, ?) RETURNING id",
				Long.class, instanceId(step), step.getJobExecutionId(), step.getStepName(), array("text", keys),
				array("bigint", recorded), sizes(storage), state);
		return new PendingObjects(Objects.requireNonNull(id), Arrays.asList(keys), Arrays.asList(recorded),
				Arrays.asList(storage));
	}

	private static long instanceId(StepExecution step) {
		return step.getJobExecution().getJobInstance().getInstanceId();
	}

	// an SQL array parameter, made by the statement's own connection
	private static SqlTypeValue array(String type, @Nullable Object[] values) {
		return new AbstractSqlTypeValue() {

			@Override
			protected Object createTypeValue(Connection connection, int sqlType, @Nullable String typeName)
					throws SQLException {
				return connection.createArrayOf(type, values);
			}

		};
	}

	// the sizes the storage reported or listed; none at all, as from S3's DeleteObjects,
	// is NULL
	private static @Nullable SqlTypeValue sizes(@Nullable Object[] bytes) {
		return Arrays.stream(bytes).allMatch(Objects::isNull) ? null : array("bigint", bytes);
	}

	private static SqlTypeValue array(String type, List<?> values) {
		return array(type, values.toArray());
	}

	/**
	 * The objects of one pending entry.
	 *
	 * @param id the manifest entry
	 * @param keys the storage keys
	 * @param recordedBytes the sizes Mastodon recorded, at the keys' positions; an
	 * element may be null
	 * @param listedBytes the sizes the storage listed, at the keys' positions, for a
	 * level that listed them; an element may be null
	 */
	public record PendingObjects(long id, List<String> keys, List<@Nullable Long> recordedBytes,
			List<@Nullable Long> listedBytes) {
	}

	/**
	 * Pending entries to remove together.
	 *
	 * @param entries the entries, oldest first
	 * @param more whether the step has more pending entries than these
	 */
	public record PendingBatch(List<PendingObjects> entries, boolean more) {

		/**
		 * The keys of all the entries.
		 * @return the keys, entry after entry
		 */
		public List<String> keys() {
			List<String> keys = new ArrayList<>();
			this.entries.forEach((entry) -> keys.addAll(entry.keys()));
			return keys;
		}

		/**
		 * The keys no listing sized, whose size only the storage can tell.
		 * @return those keys, entry after entry
		 */
		public List<String> unsizedKeys() {
			List<String> keys = new ArrayList<>();
			this.entries.forEach((entry) -> {
				for (int i = 0; i < entry.keys().size(); i++) {
					if (entry.listedBytes().get(i) == null) {
						keys.add(entry.keys().get(i));
					}
				}
			});
			return keys;
		}

		/**
		 * Whether there is nothing to remove.
		 * @return {@code true} without entries
		 */
		public boolean isEmpty() {
			return this.entries.isEmpty();
		}

	}

	/**
	 * The keys of one pending entry sorted by the storage's answer, each with its sizes.
	 */
	private static final class Settled {

		final List<String> removedKeys = new ArrayList<>();

		final List<@Nullable Long> removedRecorded = new ArrayList<>();

		final List<@Nullable Long> removedStorage = new ArrayList<>();

		final List<String> failedKeys = new ArrayList<>();

		final List<@Nullable Long> failedRecorded = new ArrayList<>();

		final List<String> failedReasons = new ArrayList<>();

		final List<String> unansweredKeys = new ArrayList<>();

		final List<@Nullable Long> unansweredRecorded = new ArrayList<>();

		final List<@Nullable Long> unansweredListed = new ArrayList<>();

		void add(String key, @Nullable Long recorded, @Nullable Long listed, Map<String, @Nullable Long> removed,
				Map<String, String> failed) {
			String reason = failed.get(key);
			if (reason != null) {
				this.failedKeys.add(key);
				this.failedRecorded.add(recorded);
				this.failedReasons.add(reason);
			}
			else if (removed.containsKey(key)) {
				this.removedKeys.add(key);
				this.removedRecorded.add(recorded);
				this.removedStorage.add(removed.get(key));
			}
			else {
				this.unansweredKeys.add(key);
				this.unansweredRecorded.add(recorded);
				this.unansweredListed.add(listed);
			}
		}

		boolean allRemoved(PendingObjects entry) {
			return this.removedKeys.size() == entry.keys().size();
		}

	}

}
