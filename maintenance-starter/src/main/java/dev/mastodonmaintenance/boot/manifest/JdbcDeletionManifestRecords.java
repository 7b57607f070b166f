package dev.mastodonmaintenance.boot.manifest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.storage.IdPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link DeletionManifestRecords} over the {@code deletion_manifest} table of our schema,
 * where each row holds a chunk's row ids ({@code row_ids}) or a chunk's stored objects
 * ({@code object_keys} and their size arrays): a manifest row is unfolded into one entry
 * per id or key, numbered by its position in the arrays.
 */
class JdbcDeletionManifestRecords implements DeletionManifestRecords {

	// One entry per row id or stored object of each manifest row; a row holds either ids
	// or keys, and unnest of
	// the other (NULL) array gives nothing. Sizes are NULL where the arrays hold none
	// (object_storage_bytes may
	// be NULL as a whole).
	private static final String ENTRIES = """
			SELECT m.id, m.job_instance_id, m.job_execution_id, m.step_name, m.subject_kind, m.subject, m.state,
				m.detail, m.recorded_at, i.n, i.row_id, i.object_key, i.recorded_bytes, i.storage_bytes
			FROM %s AS m
			CROSS JOIN LATERAL (
				SELECT r.n, r.row_id, NULL::text AS object_key, NULL::bigint AS recorded_bytes,
					NULL::bigint AS storage_bytes
				FROM unnest(m.row_ids) WITH ORDINALITY AS r(row_id, n)
				UNION ALL
				SELECT o.n, NULL, o.object_key, o.recorded_bytes, o.storage_bytes
				FROM unnest(m.object_keys, m.object_recorded_bytes, m.object_storage_bytes)
					WITH ORDINALITY AS o(object_key, recorded_bytes, storage_bytes, n)
			) AS i
			""";

	private final JdbcTemplate jdbc;

	private final String table;

	/**
	 * Reads the manifest of our schema.
	 * @param jdbc Mastodon's database
	 * @param schema our schema's name
	 */
	JdbcDeletionManifestRecords(JdbcTemplate jdbc, String schema) {
		this.jdbc = jdbc;
		this.table = schema + ".deletion_manifest";
	}

	@Override
	public ManifestPage page(ManifestQuery query) {
		// index: deletion_manifest_execution_order, read from the page's position on in
		// id order (the ORDER BY
		// names its columns, the execution being fixed); each manifest row's entries are
		// then put in order on
		// their own (an incremental sort), so a page reads about its own size however
		// deep into the run it is
		List<Object> parameters = new ArrayList<>();
		StringBuilder sql = new StringBuilder(ENTRIES.formatted(this.table)).append("WHERE m.job_execution_id = ?");
		parameters.add(query.executionId());
		if (query.after() != null) {
			sql.append(" AND m.id >= ? AND (m.id > ? OR i.n > ?)");
			parameters.addAll(List.of(query.after().entryId(), query.after().entryId(), query.after().index()));
		}
		if (query.level() != null) {
			// a partitioned level's entries are its partitions'
			// (media-remove-partition:3)
			sql.append(" AND (m.step_name = ? OR m.step_name LIKE ?)");
			parameters.add(query.level().stepName());
			parameters.add(query.level().partitionStepName() + ":%");
		}
		if (query.state() != null) {
			sql.append(" AND m.state = ?");
			parameters.add(query.state().value());
		}
		if (query.table() != null) {
			sql.append(" AND m.subject_kind = 'rows' AND m.subject = ?");
			parameters.add(query.table());
		}
		if (query.statusId() != null) {
			// index: deletion_manifest_row_ids too, for the run's manifest rows holding
			// the id
			sql.append(" AND m.subject_kind = 'rows' AND m.subject = 'statuses' AND m.row_ids @> ARRAY[?]::bigint[]"
					+ " AND i.row_id = ?");
			parameters.addAll(List.of(query.statusId(), query.statusId()));
		}
		if (query.accountId() != null) {
			// an account's avatar and header live under its id's partition
			String partition = IdPartition.of(query.accountId());
			sql.append(" AND ((m.subject_kind = 'rows' AND m.subject = 'accounts' AND i.row_id = ?)"
					+ " OR i.object_key LIKE ? OR i.object_key LIKE ?)");
			parameters.addAll(List.of(query.accountId(), "%accounts/avatars/" + partition + "/%",
					"%accounts/headers/" + partition + "/%"));
		}
		if (query.keyPrefix() != null) {
			sql.append(" AND i.object_key LIKE ? ESCAPE '\\'");
			parameters.add(escapeLike(query.keyPrefix()) + "%");
		}
		sql.append(" ORDER BY m.job_execution_id, m.id, i.n LIMIT ?");
		parameters.add(query.limit() + 1);
		List<ManifestEntry> entries = this.jdbc.query(sql.toString(), JdbcDeletionManifestRecords::entry,
				parameters.toArray());
		if (entries.size() <= query.limit()) {
			return new ManifestPage(entries, null);
		}
		List<ManifestEntry> page = entries.subList(0, query.limit());
		return new ManifestPage(page, page.get(page.size() - 1).position());
	}

	@Override
	public void each(ManifestQuery query, Consumer<ManifestEntry> action) {
		ManifestQuery next = query.limit(ManifestQuery.MAX_LIMIT);
		while (true) {
			ManifestPage page = page(next);
			page.entries().forEach(action);
			if (page.next() == null) {
				return;
			}
			next = next.after(page.next());
		}
	}

	@Override
	public List<ManifestTally> tally(long executionId) {
		// index: deletion_manifest_execution_order; counts the arrays without unfolding
		// them
		// the partitions of a level are tallied as their level
		return this.jdbc.query("SELECT regexp_replace(step_name, '-partition:[0-9]+$', '') AS step_name, subject_kind, "
				+ "subject, state, sum(CASE WHEN subject_kind = 'rows' "
				+ "THEN cardinality(row_ids) ELSE cardinality(object_keys) END) AS count FROM " + this.table
				+ " WHERE job_execution_id = ? GROUP BY 1, subject_kind, subject, state ORDER BY min(id), state",
				(rs, n) -> new ManifestTally(rs.getString("step_name"), level(rs.getString("step_name")),
						kind(rs.getString("subject_kind")), rs.getString("subject"),
						ManifestState.of(rs.getString("state")), rs.getLong("count")),
				executionId);
	}

	@Override
	public List<ManifestEntry> findKey(String key, int limit) {
		// index: deletion_manifest_object_keys (GIN), the manifest rows holding the key
		// in any run
		return this.jdbc.query(ENTRIES.formatted(this.table)
				+ "WHERE m.object_keys @> ARRAY[?]::text[] AND i.object_key = ? ORDER BY m.id DESC, i.n LIMIT ?",
				JdbcDeletionManifestRecords::entry, key, key, limit);
	}

	@Override
	public List<ManifestEntry> findRow(String table, long id, int limit) {
		// index: deletion_manifest_row_ids (GIN), the manifest rows holding the id in any
		// run
		return this.jdbc.query(
				ENTRIES.formatted(this.table) + "WHERE m.subject_kind = 'rows' AND m.subject = ? "
						+ "AND m.row_ids @> ARRAY[?]::bigint[] AND i.row_id = ? ORDER BY m.id DESC, i.n LIMIT ?",
				JdbcDeletionManifestRecords::entry, table, id, id, limit);
	}

	private static ManifestEntry entry(ResultSet rs, int rowNum) throws SQLException {
		boolean rows = "rows".equals(rs.getString("subject_kind"));
		return new ManifestEntry(rs.getLong("job_execution_id"), rs.getLong("job_instance_id"),
				rs.getString("step_name"), level(rs.getString("step_name")), ManifestState.of(rs.getString("state")),
				rows ? ManifestEntry.Kind.ROW : ManifestEntry.Kind.OBJECT, rows ? rs.getString("subject") : null,
				rows ? rs.getLong("row_id") : null, rs.getString("object_key"), nullableLong(rs, "recorded_bytes"),
				nullableLong(rs, "storage_bytes"), rs.getString("detail"),
				// recorded_at is UTC without a zone
				rs.getTimestamp("recorded_at").toLocalDateTime().toInstant(java.time.ZoneOffset.UTC),
				new ManifestPosition(rs.getLong("id"), rs.getInt("n")));
	}

	private static ManifestEntry.Kind kind(String subjectKind) {
		return "rows".equals(subjectKind) ? ManifestEntry.Kind.ROW : ManifestEntry.Kind.OBJECT;
	}

	private static @Nullable Level level(String stepName) {
		return Level.ofExecutionName(stepName);
	}

	private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
