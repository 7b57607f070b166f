package dev.mastodonmaintenance.operator.cli;

import java.nio.file.Path;

import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unattended {@code run} (cron) resumes the last execution when it failed, saying so,
 * before its own new run; {@code run --no-resume} leaves it failed and only starts the
 * new run.
 */
class ResumeOnRunTests {

	@Test
	void runResumesTheFailedLastExecutionFirstUnlessToldNotTo(@TempDir Path live) throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(ResumeOnRunTests.class);
		int port = TestRedis.freePort();
		Path envFile = CommandLineRun.envFile(live, db, "REDIS_HOST=127.0.0.1", "REDIS_PORT=" + port);

		CommandLineRun failed = CommandLineRun.on(envFile, "cache", "clear");
		assertThat(failed.status()).as(failed.toString()).isEqualTo(2);
		long id = failed.executionId();

		RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
		redis.start();
		try {
			CommandLineRun run = CommandLineRun.on(envFile, "run");

			assertThat(run.status()).as(run.toString()).isZero();
			assertThat(run.err()).contains("Resuming execution " + id + ", which FAILED, before a new run")
				.contains("Restarted execution " + id + " as execution");
			assertThat(
					db.jdbc()
						.queryForList("SELECT STATUS FROM mastodon_maintenance.BATCH_JOB_EXECUTION "
								+ "ORDER BY JOB_EXECUTION_ID", String.class))
				.as("the failed execution, its restart, then the new run")
				.containsExactly("FAILED", "COMPLETED", "COMPLETED");
		}
		finally {
			redis.stop();
		}

		CommandLineRun failedAgain = CommandLineRun.on(envFile, "cache", "clear");
		assertThat(failedAgain.status()).as(failedAgain.toString()).isEqualTo(2);
		CommandLineRun notResumed = CommandLineRun.on(envFile, "run", "--no-resume");

		assertThat(notResumed.out() + notResumed.err()).doesNotContain("Resuming");
		assertThat(
				db.jdbc()
					.queryForObject("SELECT STATUS FROM mastodon_maintenance.BATCH_JOB_EXECUTION "
							+ "WHERE JOB_EXECUTION_ID = ?", String.class, failedAgain.executionId()))
			.as("the failed execution is left as it was")
			.isEqualTo("FAILED");
	}

}
