package dev.mastodonmaintenance.batch.manifest;

import java.util.List;

import dev.mastodonmaintenance.batch.manifest.DeletionManifest.PendingObject;
import dev.mastodonmaintenance.batch.schema.MaintenanceSchema;
import dev.mastodonmaintenance.storage.DeletionReport;
import dev.mastodonmaintenance.storage.DeletionReport.Failed;
import dev.mastodonmaintenance.storage.DeletionReport.Removed;
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
 * Settling gives each pending entry the storage's answer for its key: removed with the size the storage
 * reported, failed with its reason, or still pending when the storage did not answer for it.
 */
class DeletionManifestSettleTests {

	@Test
	void settlesEachPendingEntryWithTheStoragesAnswerForItsKey() {
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
		List<PendingObject> pending = manifest.pending(step, 1000);

		manifest.settle(pending, new DeletionReport(List.of(new Removed("a", 11L), new Removed("b", null)),
				List.of(new Failed("c", "AccessDenied"))));

		assertThat(pending).extracting(PendingObject::key).containsExactly("a", "b", "c", "d", "b");
		assertThat(db.jdbc().query("SELECT subject, state, recorded_bytes, storage_bytes, detail "
				+ "FROM mastodon_maintenance.deletion_manifest ORDER BY id",
				(rs, row) -> tuple(rs.getString(1), rs.getString(2), rs.getObject(3, Long.class),
						rs.getObject(4, Long.class), rs.getString(5))))
			.containsExactly(tuple("a", "removed", 10L, 11L, null), tuple("b", "removed", 20L, null, null),
					tuple("c", "failed", null, null, "AccessDenied"), tuple("d", "pending", 40L, null, null),
					tuple("b", "removed", 20L, null, null));
		assertThat(manifest.pending(step, 1000)).extracting(PendingObject::key).containsExactly("d");
	}

}
