package dev.mastodonmaintenance.operator.cli;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that fails (its Redis is down) exits 2 and says how to resume it; it is listed as
 * failed; once the cause is fixed, {@code restart ID} resumes it to completion and exits
 * 0.
 */
class FailedRunRestartTests {

	@Test
	void failedCacheClearIsReportedListedAndRestarted(@TempDir Path live) throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(FailedRunRestartTests.class);
		int port = TestRedis.freePort();
		Path envFile = CommandLineRun.envFile(live, db, "REDIS_HOST=127.0.0.1", "REDIS_PORT=" + port);

		CommandLineRun failed = CommandLineRun.on(envFile, "cache", "clear");

		assertThat(failed.status()).as(failed.toString()).isEqualTo(2);
		long id = failed.executionId();
		assertThat(failed.out()).contains("FAILED");
		assertThat(failed.err()).contains("Execution " + id + " FAILED")
			.contains("restart " + id)
			.contains("127.0.0.1:" + port);

		CommandLineRun listed = CommandLineRun.on(envFile, "executions", "--status", "FAILED");
		assertThat(listed.status()).isZero();
		assertThat(listed.out()).containsPattern("(?m)^\\s+" + id + "\\s+FAILED\\s");

		CommandLineRun status = CommandLineRun.on(envFile, "status", String.valueOf(id));
		assertThat(status.status()).isEqualTo(2);
		assertThat(status.out()).contains("cache-clear: FAILED")
			.contains("launched by " + System.getProperty("user.name") + " (command line) at ");

		RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
		redis.start();
		try {
			RedisClient client = RedisClient.create("redis://127.0.0.1:" + port + "/0");
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				connection.sync().set("cache:v3:statuses/1", "x");
				connection.sync().set("feed:home:1", "x");

				// the failed run is the newest: 'last' names it, as for status
				CommandLineRun restarted = CommandLineRun.on(envFile, "restart", "last");

				assertThat(restarted.status()).as(restarted.toString()).isZero();
				assertThat(restarted.err()).contains("Restarted execution " + id + " as execution");
				assertThat(restarted.out()).contains("OK: removed 1 Rails cache keys").contains("completed");
				assertThat(connection.sync().keys("*")).containsExactly("feed:home:1");
				Matcher restartedId = Pattern.compile("as execution (\\d+)").matcher(restarted.err());
				assertThat(restartedId.find()).isTrue();
				assertThat(CommandLineRun.on(envFile, "status", restartedId.group(1)).out())
					.contains("restarted by " + System.getProperty("user.name") + " (command line) at ");
			}
			finally {
				client.shutdown();
			}
		}
		finally {
			redis.stop();
		}
	}

}
