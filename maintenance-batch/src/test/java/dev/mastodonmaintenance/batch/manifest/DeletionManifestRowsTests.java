package dev.mastodonmaintenance.batch.manifest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import dev.mastodonmaintenance.batch.schema.MaintenanceSchema;
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

/**
 * Rows a chunk changed are recorded as one entry per call, holding all their ids, in the
 * caller's transaction on the caller's thread.
 */
class DeletionManifestRowsTests {

	private static MastodonDatabase db;

	private final StepExecution step = new StepExecution(3, "statuses-remove",
			new JobExecution(2, new JobInstance(1, "mastodon-maintenance"), new JobParameters()));

	private DeletionManifest manifest;

	private TransactionTemplate transactions;

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withFixture(DeletionManifestRowsTests.class);
		new MaintenanceSchema(db.dataSource(), MaintenanceSchema.DEFAULT_NAME).migrate();
	}

	@BeforeEach
	void emptyManifest() {
		db.execute("TRUNCATE mastodon_maintenance.deletion_manifest");
		this.manifest = new DeletionManifest(new JdbcTemplate(db.dataSource()), MaintenanceSchema.DEFAULT_NAME);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
	}

	@Test
	void recordsOneEntryPerCallHoldingAllTheIds() {
		this.transactions.executeWithoutResult((status) -> {
			this.manifest.recordRows(this.step, "statuses", List.of(30L, 10L, 20L), false);
			this.manifest.recordRows(this.step, "media_attachments", List.of(7L), false);
			this.manifest.recordRows(this.step, "conversations", List.of(), false);
			this.manifest.recordRows(this.step, "statuses", List.of(40L), true);
		});

		assertThat(entries()).containsExactly(
				Map.of("job_instance_id", 1L, "job_execution_id", 2L, "step_name", "statuses-remove", "subject_kind",
						"rows", "subject", "statuses", "ids", "{30,10,20}", "state", "removed"),
				Map.of("job_instance_id", 1L, "job_execution_id", 2L, "step_name", "statuses-remove", "subject_kind",
						"rows", "subject", "media_attachments", "ids", "{7}", "state", "removed"),
				Map.of("job_instance_id", 1L, "job_execution_id", 2L, "step_name", "statuses-remove", "subject_kind",
						"rows", "subject", "statuses", "ids", "{40}", "state", "dry-run"));
	}

	@Test
	void rollsBackWithTheCallersTransaction() {
		this.transactions.executeWithoutResult((status) -> {
			this.manifest.recordRows(this.step, "statuses", List.of(1L, 2L), false);
			status.setRollbackOnly();
		});

		assertThat(entries()).isEmpty();
	}

	@Test
	void joinsTheTransactionOfEachCallingThread() throws Exception {
		CyclicBarrier bothRecorded = new CyclicBarrier(2);
		CompletableFuture<Void> committing = CompletableFuture
			.runAsync(() -> record(List.of(1L, 2L), bothRecorded, false));
		CompletableFuture<Void> rollingBack = CompletableFuture
			.runAsync(() -> record(List.of(3L, 4L), bothRecorded, true));

		CompletableFuture.allOf(committing, rollingBack).get(30, TimeUnit.SECONDS);

		assertThat(entries()).extracting((entry) -> entry.get("ids")).containsExactly("{1,2}");
	}

	private void record(List<Long> ids, CyclicBarrier bothRecorded, boolean rollBack) {
		this.transactions.executeWithoutResult((status) -> {
			this.manifest.recordRows(this.step, "statuses", ids, false);
			try {
				// both transactions are open at once, each with its own row
				bothRecorded.await(30, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			if (rollBack) {
				status.setRollbackOnly();
			}
		});
	}

	private List<Map<String, Object>> entries() {
		return db.jdbc()
			.queryForList("SELECT job_instance_id, job_execution_id, step_name, subject_kind, subject, "
					+ "row_ids::text AS ids, state FROM mastodon_maintenance.deletion_manifest ORDER BY id");
	}

}
