package dev.mastodonmaintenance.batch.schema;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading to one manifest entry per chunk and table folds the row entries of earlier
 * runs, one per row, into that form, losing no id, and leaves object entries as they were
 * (until V5 folds them in turn, see {@link ManifestObjectKeysMigrationTests}).
 */
class ManifestRowIdsMigrationTests {

	@Test
	void foldsEarlierRowEntriesIntoOneEntryPerChunkAndTable() {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		JdbcTemplate jdbc = db.jdbc();
		EarlierSchema.migrateTo(db.dataSource(), "2");
		// two chunks of one run, each its own transaction and so its own recorded_at, and
		// a dry run
		jdbc.update(
				"""
						INSERT INTO mastodon_maintenance.deletion_manifest
							(job_instance_id, job_execution_id, step_name, subject_kind, subject, recorded_bytes, state, recorded_at)
						VALUES (1, 1, 'statuses-remove', 'row', 'statuses#30', NULL, 'removed', '2026-01-01 10:00'),
							(1, 1, 'statuses-remove', 'row', 'statuses#10', NULL, 'removed', '2026-01-01 10:00'),
							(1, 1, 'statuses-remove', 'row', 'media_attachments#7', NULL, 'removed', '2026-01-01 10:00'),
							(1, 1, 'statuses-remove', 'object', 'media_attachments/files/a.png', 100, 'pending', '2026-01-01 10:00'),
							(1, 1, 'statuses-remove', 'row', 'statuses#50', NULL, 'removed', '2026-01-01 10:01'),
							(2, 2, 'media-remove', 'row', 'media_attachments#8', NULL, 'dry-run', '2026-01-02 10:00')
						""");

		int applied = EarlierSchema.migrateTo(db.dataSource(), "3");

		assertThat(applied).isOne();
		assertThat(jdbc.queryForList("SELECT id, job_execution_id, step_name, subject_kind, subject, "
				+ "row_ids::text AS ids, recorded_bytes, state FROM mastodon_maintenance.deletion_manifest ORDER BY id"))
			.containsExactly(row(1, 1, "statuses-remove", "rows", "statuses", "{30,10}", null, "removed"),
					row(3, 1, "statuses-remove", "rows", "media_attachments", "{7}", null, "removed"),
					row(4, 1, "statuses-remove", "object", "media_attachments/files/a.png", null, 100L, "pending"),
					row(5, 1, "statuses-remove", "rows", "statuses", "{50}", null, "removed"),
					row(6, 2, "media-remove", "rows", "media_attachments", "{8}", null, "dry-run"));
	}

	private static Map<String, Object> row(long id, long execution, String step, String kind, String subject,
			String ids, Long recordedBytes, String state) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("id", id);
		row.put("job_execution_id", execution);
		row.put("step_name", step);
		row.put("subject_kind", kind);
		row.put("subject", subject);
		row.put("ids", ids);
		row.put("recorded_bytes", recordedBytes);
		row.put("state", state);
		return row;
	}

}
