package dev.mastodonmaintenance.batch.manifest;

import java.util.List;

import dev.mastodonmaintenance.batch.schema.MaintenanceSchema;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Stored objects are recorded as one entry per call, holding their keys and sizes in
 * order, in the caller's transaction.
 */
class DeletionManifestObjectsTests {

	private static MastodonDatabase db;

	private final StepExecution step = new StepExecution(3, "media-remove-orphans",
			new JobExecution(2, new JobInstance(1, "mastodon-maintenance"), new JobParameters()));

	private DeletionManifest manifest;

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withFixture(DeletionManifestObjectsTests.class);
		new MaintenanceSchema(db.dataSource(), MaintenanceSchema.DEFAULT_NAME).migrate();
	}

	@BeforeEach
	void emptyManifest() {
		db.execute("TRUNCATE mastodon_maintenance.deletion_manifest");
		this.manifest = new DeletionManifest(new JdbcTemplate(db.dataSource()), MaintenanceSchema.DEFAULT_NAME);
	}

	@Test
	void recordsOneEntryPerCallHoldingAllTheKeysWithTheirSizes() {
		this.manifest.queue(this.step, List.of(ObjectToRemove.recorded("z", 10L), ObjectToRemove.recorded("a", null)));
		this.manifest.recordDryRun(this.step, List.of(ObjectToRemove.listed("l", 7)));
		this.manifest.queue(this.step, List.of());

		assertThat(entries()).containsExactly(tuple("objects", null, "{z,a}", "{10,NULL}", null, "pending", null),
				tuple("objects", null, "{l}", "{NULL}", "{7}", "dry-run", null));
	}

	@Test
	void rollsBackWithTheCallersTransaction() {
		new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())).executeWithoutResult((status) -> {
			this.manifest.queue(this.step, List.of(ObjectToRemove.recorded("a", 1L)));
			status.setRollbackOnly();
		});

		assertThat(entries()).isEmpty();
	}

	private List<Object> entries() {
		return db.jdbc()
			.query("SELECT subject_kind, subject, object_keys::text, object_recorded_bytes::text, "
					+ "object_storage_bytes::text, state, detail FROM mastodon_maintenance.deletion_manifest ORDER BY id",
					(rs, row) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
							rs.getString(5), rs.getString(6), rs.getString(7)));
	}

}
