package dev.mastodonmaintenance.batch.manifest;

import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.batch.manifest.DeletionManifest.PendingBatch;
import dev.mastodonmaintenance.batch.manifest.DeletionManifest.PendingObjects;
import dev.mastodonmaintenance.batch.schema.MaintenanceSchema;
import dev.mastodonmaintenance.storage.DeletionReport.Failed;
import dev.mastodonmaintenance.storage.DeletionReport.Removed;
import dev.mastodonmaintenance.storage.DeletionReport;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Settling gives each pending entry the storage's answer for its keys: an entry whose
 * keys were all removed is removed as a whole, with the sizes the storage reported; any
 * other is split into its removed keys, one failed entry per key the storage refused,
 * with its reason, and the keys the storage did not answer for, still pending. Where the
 * storage reports no size, a size it listed stands in, in the entry and in the bytes
 * freed.
 */
class DeletionManifestSettleTests {

	@Test
	void settlesEachPendingEntryWithTheStoragesAnswerForItsKeys() {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		new MaintenanceSchema(db.dataSource(), MaintenanceSchema.DEFAULT_NAME).migrate();
		DeletionManifest manifest = new DeletionManifest(new JdbcTemplate(db.dataSource()),
				MaintenanceSchema.DEFAULT_NAME);
		StepExecution step = new StepExecution(3, "media-remove",
				new JobExecution(2, new JobInstance(1, "mastodon-maintenance"), new JobParameters()));
		manifest.queue(step, List.of(ObjectToRemove.recorded("a", 10L), ObjectToRemove.recorded("b", 20L),
				ObjectToRemove.recorded("c", null), ObjectToRemove.recorded("d", 40L)));
		// a key queued again by a later chunk before the first was removed
		manifest.queue(step, List.of(ObjectToRemove.recorded("b", 20L)));
		manifest.queue(step, List.of(ObjectToRemove.recorded("e", 50L), ObjectToRemove.recorded("f", 60L)));
		PendingBatch pending = manifest.pending(step, 1000, Map.of());

		manifest.settle(pending, new DeletionReport(
				List.of(new Removed("a", 11L), new Removed("b", null), new Removed("e", null), new Removed("f", 61L)),
				List.of(new Failed("c", "AccessDenied"))));

		assertThat(pending.keys()).containsExactly("a", "b", "c", "d", "b", "e", "f");
		assertThat(db.jdbc()
			.query("SELECT object_keys::text, state, object_recorded_bytes::text, "
					+ "object_storage_bytes::text, detail, job_instance_id, job_execution_id, step_name "
					+ "FROM mastodon_maintenance.deletion_manifest ORDER BY id",
					(rs, row) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
							rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getString(8))))
			.containsExactly(tuple("{b}", "removed", "{20}", null, null, 1L, 2L, "media-remove"),
					tuple("{e,f}", "removed", "{50,60}", "{NULL,61}", null, 1L, 2L, "media-remove"),
					tuple("{a,b}", "removed", "{10,20}", "{11,NULL}", null, 1L, 2L, "media-remove"),
					tuple("{c}", "failed", "{NULL}", null, "AccessDenied", 1L, 2L, "media-remove"),
					tuple("{d}", "pending", "{40}", null, null, 1L, 2L, "media-remove"));
		assertThat(manifest.pending(step, 1000, Map.of()).entries()).extracting(PendingObjects::keys)
			.containsExactly(List.of("d"));
	}

	@Test
	void keepsTheListedSizesWhereTheStorageReportsNone() {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		new MaintenanceSchema(db.dataSource(), MaintenanceSchema.DEFAULT_NAME).migrate();
		DeletionManifest manifest = new DeletionManifest(new JdbcTemplate(db.dataSource()),
				MaintenanceSchema.DEFAULT_NAME);
		StepExecution step = new StepExecution(3, "media-remove-orphans",
				new JobExecution(2, new JobInstance(1, "mastodon-maintenance"), new JobParameters()));
		manifest.queue(step, List.of(ObjectToRemove.listed("a", 1), ObjectToRemove.listed("b", 2),
				ObjectToRemove.listed("c", 3), ObjectToRemove.listed("d", 4)));

		long freed = manifest.settle(manifest.pending(step, 1000, Map.of()), new DeletionReport(
				List.of(new Removed("a", null), new Removed("c", 30L)), List.of(new Failed("b", "InternalError"))));
		// the key the storage did not answer for keeps its listed size while pending, for
		// the next attempt
		long freedLater = manifest.settle(manifest.pending(step, 1000, Map.of()),
				new DeletionReport(List.of(new Removed("d", null)), List.of()));

		assertThat(freed).isEqualTo(31);
		assertThat(freedLater).isEqualTo(4);
		assertThat(db.jdbc()
			.query("SELECT object_keys::text, state, object_recorded_bytes::text, "
					+ "object_storage_bytes::text, detail FROM mastodon_maintenance.deletion_manifest ORDER BY id",
					(rs, row) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
							rs.getString(5))))
			.containsExactly(tuple("{a,c}", "removed", "{NULL,NULL}", "{1,30}", null),
					tuple("{b}", "failed", "{NULL}", null, "InternalError"),
					tuple("{d}", "removed", "{NULL}", "{4}", null));
	}

}
