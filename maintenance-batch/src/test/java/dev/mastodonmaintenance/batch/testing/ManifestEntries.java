package dev.mastodonmaintenance.batch.testing;

import java.util.List;

import dev.mastodonmaintenance.batch.schema.MaintenanceSchema;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The deletion manifest's entries of one run, as an operator would query them.
 */
public final class ManifestEntries {

	private ManifestEntries() {
	}

	/**
	 * The entries of one step of one job execution, an entry of rows unnested into one
	 * per row and an entry of objects into one per object.
	 * @param jdbc Mastodon's database
	 * @param execution the job execution
	 * @param step the step name
	 * @return the entries in the order they were written
	 */
	public static List<Entry> of(JdbcTemplate jdbc, JobExecution execution, String step) {
		return jdbc.query("""
				SELECT m.subject_kind, coalesce(o.key, m.subject || '#' || r.id) AS subject, m.state, o.recorded_bytes,
					o.storage_bytes
				FROM %s.deletion_manifest m
				LEFT JOIN LATERAL unnest(m.row_ids) WITH ORDINALITY AS r(id, n) ON true
				LEFT JOIN LATERAL unnest(m.object_keys, m.object_recorded_bytes, m.object_storage_bytes)
					WITH ORDINALITY AS o(key, recorded_bytes, storage_bytes, n) ON true
				WHERE m.job_execution_id = ? AND m.step_name = ? ORDER BY m.id, r.n, o.n
				""".formatted(MaintenanceSchema.DEFAULT_NAME),
				(rs, row) -> new Entry(rs.getString("subject_kind"), rs.getString("subject"), rs.getString("state"),
						rs.getObject("recorded_bytes", Long.class), rs.getObject("storage_bytes", Long.class)),
				execution.getId(), step);
	}

	/**
	 * The subjects of the entries in a state.
	 * @param entries entries
	 * @param kind {@code objects} or {@code rows}
	 * @param state {@code removed}, {@code dry-run}, {@code pending} or {@code failed}
	 * @return their subjects, sorted
	 */
	public static List<String> subjects(List<Entry> entries, String kind, String state) {
		return entries.stream()
			.filter((entry) -> entry.kind().equals(kind) && entry.state().equals(state))
			.map(Entry::subject)
			.sorted()
			.toList();
	}

	/**
	 * One entry.
	 *
	 * @param kind {@code objects} or {@code rows}
	 * @param subject the key, or {@code table#id} for a row
	 * @param state its state
	 * @param recordedBytes the size Mastodon recorded
	 * @param storageBytes the size the storage reported
	 */
	public record Entry(String kind, String subject, String state, @Nullable Long recordedBytes,
			@Nullable Long storageBytes) {
	}

}
