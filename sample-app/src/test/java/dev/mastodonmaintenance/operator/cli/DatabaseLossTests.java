package dev.mastodonmaintenance.operator.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose database sessions are terminated in the middle of a step (what a PostgreSQL
 * restart or a failover does to its clients) is a failed run, not a refusal: exit 2, one
 * line saying what failed and {@code restart N}, no stack trace; {@code restart N} then
 * finishes the work and exits 0.
 */
class DatabaseLossTests {

	private static final int CARDS = 3000;

	@Test
	void terminatedSessionsFailTheRunWithOneLineAndItsRestartFinishes(@TempDir Path live) throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(DatabaseLossTests.class);
		db.jdbc()
			.update("INSERT INTO preview_cards (id, url, image_file_name, image_file_size, created_at, updated_at) "
					+ "SELECT g, 'https://example.com/' || g, 'card' || g || '.png', 100, now() - interval '400 days', "
					+ "now() - interval '400 days' FROM generate_series(1, ?) AS g", CARDS);
		Path envFile = CommandLineRun.envFile(live, db, "PAPERCLIP_ROOT_PATH=" + live.resolve("public/system"));

		ByteArrayOutputStream console = new ByteArrayOutputStream();
		PrintStream stdout = System.out;
		PrintStream stderr = System.err;
		CommandLineRun failed;
		try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
			System.setOut(capture);
			System.setErr(capture);
			CompletableFuture<CommandLineRun> run = CompletableFuture.supplyAsync(() -> CommandLineRun.on(envFile,
					"--mastodon.maintenance.levels.preview-cards-remove.batch-size=5", "preview_cards", "remove"));
			awaitCommittedChunks(db, 10);
			terminateSessions(db);
			failed = run.get();
		}
		finally {
			System.setOut(stdout);
			System.setErr(stderr);
		}

		assertThat(failed.status()).as(failed.toString()).isEqualTo(2);
		long id = failed.executionId();
		assertThat(failed.err().lines()).as(failed.toString())
			.singleElement()
			.satisfies((line) -> assertThat(line).startsWith("Execution " + id + " FAILED")
				.contains("level preview-cards-remove")
				.contains("restart " + id));
		assertThat(console.toString(StandardCharsets.UTF_8)).as("what the logs printed").doesNotContain("\tat ");
		// the test's own pooled connections were terminated too: fresh ones from here on
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(db.jdbcUrl(), db.user(), db.password()));
		assertThat(
				jdbc.queryForObject("SELECT count(*) FROM preview_cards WHERE image_file_name IS NULL", Integer.class))
			.as("the chunks committed before the sessions ended")
			.isPositive()
			.isLessThan(CARDS);

		CommandLineRun restarted = CommandLineRun.on(envFile, "restart", String.valueOf(id));

		assertThat(restarted.status()).as(restarted.toString()).isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM preview_cards WHERE image_file_name IS NOT NULL",
				Integer.class))
			.isZero();
	}

	private static void awaitCommittedChunks(MastodonDatabase db, int chunks) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				Integer commits = db.jdbc()
					.queryForObject("SELECT coalesce(max(commit_count), 0) FROM "
							+ "mastodon_maintenance.batch_step_execution WHERE step_name = 'preview-cards-remove'",
							Integer.class);
				if (commits != null && commits >= chunks) {
					return;
				}
			}
			catch (DataAccessException ex) {
				// the run has not created our schema yet
			}
			Thread.sleep(20);
		}
		throw new AssertionError("The run did not commit " + chunks + " chunks within 60 s");
	}

	/**
	 * Ends every other session of the database, from a connection of its own:
	 * pg_terminate_backend.
	 */
	private static void terminateSessions(MastodonDatabase db) throws Exception {
		try (Connection admin = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
				Statement statement = admin.createStatement()) {
			statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
					+ "WHERE datname = current_database() AND pid <> pg_backend_pid()");
		}
	}

}
