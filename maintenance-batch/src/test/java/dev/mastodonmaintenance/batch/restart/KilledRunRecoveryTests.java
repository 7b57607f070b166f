package dev.mastodonmaintenance.batch.restart;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose JVM is killed ({@code kill -9}) mid-step is left {@code STARTED};
 * {@code JobOperator.recover} marks it failed and a restart finishes the work from the
 * last committed chunk.
 */
class KilledRunRecoveryTests {

	private static final int CARDS = 40;

	@TempDir
	Path root;

	@Test
	void aRunKilledMidStepIsRecoveredAndRestarted() throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		MastodonData data = new MastodonData(db.dataSource());
		StorageFiles files = new StorageFiles(this.root);
		IntStream.rangeClosed(1, CARDS).forEach((i) -> {
			String name = String.format("%016x.jpeg", i);
			data.previewCard("https://example.com/" + i).image(name, 10).updatedAt(daysAgo(200)).insert();
			files.write(String.format("cache/preview_cards/images/000/000/%03d/original/%s", i, name), 10);
		});

		JobHarness harness = JobHarness
			.on(new MastodonResources(db.dataSource(), new FilesystemStorage(this.root), null, List.of()));
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), SlowRun.class.getName(), db.jdbcUrl(), db.user(), db.password(),
				this.root.toString())
			.inheritIO()
			.start();
		try {
			awaitCommittedChunks(db, 3);
		}
		finally {
			child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}

		long executionId = db.jdbc()
			.queryForObject("SELECT max(job_execution_id) FROM mastodon_maintenance.batch_job_execution", Long.class);
		JobExecution killed = harness.repository().getJobExecution(executionId);
		assertThat(killed.getStatus()).isEqualTo(BatchStatus.STARTED);
		assertThat(files.keys()).isNotEmpty().hasSizeLessThan(CARDS);

		JobExecution recovered = harness.operator().recover(killed);
		assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
		JobExecution restarted = harness.restart(recovered);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(files.keys()).isEmpty();
		assertThat(db.jdbc()
			.queryForObject("SELECT count(*) FROM preview_cards WHERE image_file_name IS NOT NULL", Integer.class))
			.isZero();
		assertThat(
				db.jdbc()
					.queryForObject("SELECT count(DISTINCT o.key) FROM mastodon_maintenance.deletion_manifest m, "
							+ "unnest(m.object_keys) AS o(key) WHERE m.state = 'removed'", Integer.class))
			.isEqualTo(CARDS);
	}

	private static void awaitCommittedChunks(MastodonDatabase db, int chunks) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (Instant.now().isBefore(deadline)) {
			Integer commits = db.jdbc()
				.queryForObject(
						"SELECT coalesce(max(commit_count), 0) FROM "
								+ "mastodon_maintenance.batch_step_execution WHERE step_name = 'preview-cards-remove'",
						Integer.class);
			if (commits != null && commits >= chunks) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The child run did not commit " + chunks + " chunks within 60 s");
	}

	/**
	 * The run that gets killed: a storage that takes its time, so the parent can kill the
	 * JVM mid-step.
	 */
	public static final class SlowRun {

		public static void main(String[] args) throws Exception {
			com.zaxxer.hikari.HikariDataSource dataSource = new com.zaxxer.hikari.HikariDataSource();
			dataSource.setJdbcUrl(args[0]);
			dataSource.setUsername(args[1]);
			dataSource.setPassword(args[2]);
			FilesystemStorage storage = new FilesystemStorage(Path.of(args[3])) {
				@Override
				public dev.mastodonmaintenance.storage.DeletionReport delete(List<String> keys) {
					try {
						Thread.sleep(500);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return super.delete(keys);
				}
			};
			JobHarness.on(new MastodonResources(dataSource, storage, null, List.of()))
				.run("levels=preview-cards-remove", "preview-cards-remove.batch-size=4");
		}

	}

}
