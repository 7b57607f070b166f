package dev.mastodonmaintenance.batch.schema;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.batch.manifest.DeletionManifest;
import dev.mastodonmaintenance.batch.manifest.DeletionManifest.PendingObjects;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading to one manifest entry per chunk for stored objects folds the object entries
 * of earlier runs, one per key, into that form: keys with their sizes, per chunk and
 * state, failed keys still one entry each with their reason, and what was pending still
 * pending for the restarted step.
 */
class ManifestObjectKeysMigrationTests {

	@Test
	void foldsEarlierObjectEntriesIntoOneEntryPerChunkAndState() {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		JdbcTemplate jdbc = db.jdbc();
		EarlierSchema.migrateTo(db.dataSource(), "4");
		// two chunks of one run, each its own transaction and so its own recorded_at, and
		// a dry run
		jdbc.update(
				"""
						INSERT INTO mastodon_maintenance.deletion_manifest (job_instance_id, job_execution_id, step_name,
							subject_kind, subject, row_ids, recorded_bytes, storage_bytes, state, detail, recorded_at)
						VALUES (1, 1, 'media-remove', 'rows', 'media_attachments', '{1,2}', NULL, NULL, 'removed', NULL, '2026-01-01 10:00'),
							(1, 1, 'media-remove', 'object', 'files/a.png', NULL, 100, 101, 'removed', NULL, '2026-01-01 10:00'),
							(1, 1, 'media-remove', 'object', 'files/c.png', NULL, 30, NULL, 'failed', 'AccessDenied', '2026-01-01 10:00'),
							(1, 1, 'media-remove', 'object', 'files/b.png', NULL, NULL, NULL, 'removed', NULL, '2026-01-01 10:00'),
							(1, 1, 'media-remove', 'object', 'files/d.png', NULL, 40, NULL, 'failed', 'AccessDenied', '2026-01-01 10:00'),
							(1, 1, 'media-remove', 'object', 'files/e.png', NULL, 50, NULL, 'pending', NULL, '2026-01-01 10:01'),
							(1, 1, 'media-remove', 'object', 'files/f.png', NULL, 60, NULL, 'pending', NULL, '2026-01-01 10:01'),
							(2, 2, 'media-remove', 'object', 'files/g.png', NULL, 70, NULL, 'dry-run', NULL, '2026-01-02 10:00')
						""");

		int applied = EarlierSchema.migrateTo(db.dataSource(), "5");

		assertThat(applied).as("V5").isOne();
		assertThat(jdbc.queryForList("SELECT id, job_execution_id, subject_kind, subject, row_ids::text AS ids, "
				+ "object_keys::text AS keys, object_recorded_bytes::text AS recorded, "
				+ "object_storage_bytes::text AS storage, state, detail "
				+ "FROM mastodon_maintenance.deletion_manifest ORDER BY id"))
			.containsExactly(entry(1, 1, "rows", "media_attachments", "{1,2}", null, null, null, "removed", null),
					entry(2, 1, "objects", null, null, "{files/a.png,files/b.png}", "{100,NULL}", "{101,NULL}",
							"removed", null),
					entry(3, 1, "objects", null, null, "{files/c.png}", "{30}", null, "failed", "AccessDenied"),
					entry(5, 1, "objects", null, null, "{files/d.png}", "{40}", null, "failed", "AccessDenied"),
					entry(6, 1, "objects", null, null, "{files/e.png,files/f.png}", "{50,60}", null, "pending", null),
					entry(8, 2, "objects", null, null, "{files/g.png}", "{70}", null, "dry-run", null));
		StepExecution restarted = new StepExecution(9, "media-remove",
				new JobExecution(3, new JobInstance(1, "mastodon-maintenance"), new JobParameters()));
		assertThat(
				new DeletionManifest(jdbc, MaintenanceSchema.DEFAULT_NAME).pending(restarted, 1000, Map.of()).entries())
			.containsExactly(new PendingObjects(6, List.of("files/e.png", "files/f.png"), Arrays.asList(50L, 60L),
					Arrays.asList(null, null)));
	}

	private static Map<String, Object> entry(long id, long execution, String kind, String subject, String ids,
			String keys, String recorded, String storage, String state, String detail) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("id", id);
		entry.put("job_execution_id", execution);
		entry.put("subject_kind", kind);
		entry.put("subject", subject);
		entry.put("ids", ids);
		entry.put("keys", keys);
		entry.put("recorded", recorded);
		entry.put("storage", storage);
		entry.put("state", state);
		entry.put("detail", detail);
		return entry;
	}

}
