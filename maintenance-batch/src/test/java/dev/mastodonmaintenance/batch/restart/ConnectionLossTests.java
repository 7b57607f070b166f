package dev.mastodonmaintenance.batch.restart;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.SqlHooks;
import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.RestartablePostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose database connections are lost in the middle of a chunk — its sessions
 * terminated, as a failover does, or the server itself stopped at once and started again
 * — ends {@code FAILED}, never {@code UNKNOWN}, once the database answers again; its
 * restart ends where an uninterrupted run ends.
 */
class ConnectionLossTests {

	private static final int CARDS = 23;

	private static final String CHANGE = "WITH picked AS";

	@TempDir
	Path interruptedRoot;

	@TempDir
	Path uninterruptedRoot;

	@Test
	void terminatedSessionsFailTheRunAndItsRestartEndsLikeAnUninterruptedRun() throws Exception {
		MastodonDatabase db = seeded(MastodonDatabase.withFixture(getClass()), this.interruptedRoot);
		SqlHooks hooks = new SqlHooks(db.dataSource());
		JobHarness harness = harness(hooks, this.interruptedRoot);
		// after the third chunk's change, every session of the tool's database ends, as
		// pg_terminate_backend does
		hooks.after(CHANGE, 3, () -> terminateSessions(db));

		JobExecution failed = harness.run("preview-cards-remove.batch-size=5");

		assertFailedAndResumable(harness, failed);
		assertRestartEndsLikeUninterruptedRun(harness, failed, db);
	}

	@Test
	void connectionLostAfterTheLevelsWorkDoesNotMoveTheCheckpointPastTheRolledBackChunk() throws Exception {
		MastodonDatabase db = seeded(MastodonDatabase.withFixture(getClass()), this.interruptedRoot);
		SqlHooks hooks = new SqlHooks(db.dataSource());
		JobHarness harness = harness(hooks, this.interruptedRoot);
		// the level's work is done and its checkpoint moved when the objects of the chunk
		// before are settled
		hooks.failOn("UPDATE mastodon_maintenance.deletion_manifest SET state = 'removed'", 2);

		JobExecution failed = harness.run("preview-cards-remove.batch-size=5");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertRestartEndsLikeUninterruptedRun(harness, failed, db);
	}

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void serverStoppedImmediatelyAndStartedAgainFailsTheRunOnceBack() throws Exception {
		try (RestartablePostgres server = RestartablePostgres.create()) {
			MastodonDatabase db = seeded(server.withFixture(getClass(), 6), this.interruptedRoot);
			SqlHooks hooks = new SqlHooks(db.dataSource());
			JobHarness harness = harness(hooks, this.interruptedRoot);
			Thread[] restart = new Thread[1];
			hooks.after(CHANGE, 3, () -> {
				server.crash();
				// back two seconds later, while the run tries to save how its step ended
				restart[0] = new Thread(() -> {
					sleep(2000);
					server.start();
				});
				restart[0].start();
			});

			JobExecution failed = harness.run("preview-cards-remove.batch-size=5");
			restart[0].join();

			assertFailedAndResumable(harness, failed);
			assertRestartEndsLikeUninterruptedRun(harness, failed, db);
		}
	}

	private void assertFailedAndResumable(JobHarness harness, JobExecution failed) {
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		JobExecution saved = harness.repository().getJobExecution(failed.getId());
		assertThat(saved.getStatus()).as("the status saved in the repository").isEqualTo(BatchStatus.FAILED);
		assertThat(saved.getExitStatus().getExitCode()).isEqualTo("FAILED");
		StepExecution step = harness.step(failed, Level.PREVIEW_CARDS_REMOVE);
		assertThat(step.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(step.getCommitCount()).as("the chunks committed before the connections were lost").isGreaterThan(1);
		assertThat(new StorageFiles(this.interruptedRoot).keys()).isNotEmpty().hasSizeLessThan(CARDS + 1);
		assertThat(failed.getStepExecutions()
			.stream()
			.filter((candidate) -> candidate.getStepName().equals(Level.PREVIEW_CARDS_REMOVE.stepName()))
			.findFirst()
			.orElseThrow()
			.getFailureExceptions()).first()
			.satisfies((failure) -> assertThat(failure).hasMessageStartingWith("Lost the connection to the database"));
	}

	private void assertRestartEndsLikeUninterruptedRun(JobHarness harness, JobExecution failed, MastodonDatabase db)
			throws Exception {
		JobExecution restarted = harness.restart(harness.repository().getJobExecution(failed.getId()));
		MastodonDatabase referenceDb = seeded(MastodonDatabase.withFixture(getClass()), this.uninterruptedRoot);
		JobExecution reference = harness(referenceDb.dataSource(), this.uninterruptedRoot)
			.run("preview-cards-remove.batch-size=5");

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(reference.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(cards(db.jdbc())).isEqualTo(cards(referenceDb.jdbc()));
		assertThat(new StorageFiles(this.interruptedRoot).keys())
			.isEqualTo(new StorageFiles(this.uninterruptedRoot).keys())
			.containsExactly("cache/preview_cards/images/000/000/024/original/young.jpeg");
		assertThat(db.jdbc()
			.queryForList("SELECT o.key FROM mastodon_maintenance.deletion_manifest m, "
					+ "unnest(m.object_keys) AS o(key) GROUP BY o.key HAVING count(*) > 1 OR bool_or(m.state <> 'removed')",
					String.class))
			.as("each object removed once, none left pending")
			.isEmpty();
		assertThat(db.jdbc()
			.queryForObject("SELECT sum(cardinality(object_keys)) FROM " + "mastodon_maintenance.deletion_manifest",
					Integer.class))
			.isEqualTo(CARDS);
	}

	private static JobHarness harness(javax.sql.DataSource dataSource, Path root) {
		return JobHarness.on(new MastodonResources(dataSource, new FilesystemStorage(root), null, List.of()));
	}

	private static MastodonDatabase seeded(MastodonDatabase db, Path root) {
		MastodonData data = new MastodonData(db.dataSource());
		StorageFiles files = new StorageFiles(root);
		IntStream.rangeClosed(1, CARDS).forEach((i) -> {
			String name = String.format("%016x.jpeg", i);
			data.previewCard("https://example.com/" + i).image(name, 100 + i).updatedAt(daysAgo(200)).insert();
			files.write(String.format("cache/preview_cards/images/000/000/%03d/original/%s", i, name), 100 + i);
		});
		data.previewCard("https://example.com/young").image("young.jpeg", 7).updatedAt(daysAgo(2)).insert();
		files.write("cache/preview_cards/images/000/000/024/original/young.jpeg", 7);
		return db;
	}

	/** Ends every other session of the database, from a connection outside its pool. */
	private static void terminateSessions(MastodonDatabase db) {
		try (Connection admin = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
				Statement statement = admin.createStatement()) {
			statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
					+ "WHERE datname = current_database() AND pid <> pg_backend_pid()");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> cards(JdbcTemplate jdbc) {
		return jdbc
			.queryForList("SELECT id || ':' || coalesce(image_file_name, '-') || ':' || coalesce(image_file_size, -1) "
					+ "FROM preview_cards ORDER BY id", String.class);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
