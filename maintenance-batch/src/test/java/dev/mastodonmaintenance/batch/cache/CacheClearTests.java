package dev.mastodonmaintenance.batch.cache;

import java.util.List;
import java.util.stream.IntStream;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cache-clear} removes the Rails cache ({@code cache:*}) and nothing else of the
 * Redis database, batch by batch; without Redis it is skipped; with Redis down it fails,
 * restartable.
 */
class CacheClearTests {

	private static final String REDIS = TestRedis.url(3);

	private static MastodonDatabase db;

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	private RedisCommands<String, String> redis;

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withFixture(CacheClearTests.class);
	}

	@BeforeEach
	void seed() {
		this.client = RedisClient.create(REDIS);
		this.connection = this.client.connect();
		this.redis = this.connection.sync();
		this.redis.flushdb();
		IntStream.range(0, 2500).forEach((i) -> this.redis.set("cache:v3:statuses/" + i, "rendered"));
		this.redis.set("cache:rails_settings_cached/abc/site_title", "x");
		this.redis.lpush("queue:default", "job");
		this.redis.zadd("feed:home:1", 1, "109372843181422913");
	}

	@AfterEach
	void disconnect() {
		this.connection.close();
		this.client.shutdown();
	}

	@Test
	void removesEveryCacheKeyAndOnlyThem() throws Exception {
		JobHarness harness = JobHarness.on(new MastodonResources(db.dataSource(), null, REDIS, List.of()));

		JobExecution execution = harness.run("levels=cache-clear", "cache-clear.batch-size=100");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.redis.keys("cache:*")).isEmpty();
		assertThat(this.redis.keys("*")).containsExactlyInAnyOrder("queue:default", "feed:home:1");
		StepExecution step = harness.step(execution, Level.CACHE_CLEAR);
		assertThat(step.getCommitCount()).isGreaterThan(1);
		assertThat(step.getExitStatus().getExitDescription()).contains("OK: removed 2501 Rails cache keys");
	}

	@Test
	void dryRunCountsAndRemovesNothing() throws Exception {
		JobHarness harness = JobHarness.on(new MastodonResources(db.dataSource(), null, REDIS, List.of()));

		JobExecution execution = harness.run("levels=cache-clear", "dry-run=true");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.redis.keys("cache:*")).hasSize(2501);
		assertThat(harness.step(execution, Level.CACHE_CLEAR).getExitStatus().getExitDescription())
			.contains("removed 2501 Rails cache keys (DRY RUN)");
	}

	@Test
	void isSkippedWithItsReasonWhenNoRedisIsConfigured() throws Exception {
		JobHarness harness = JobHarness.on(new MastodonResources(db.dataSource(), null, null, List.of()));

		JobExecution execution = harness.run("levels=cache-clear");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution step = harness.step(execution, Level.CACHE_CLEAR);
		assertThat(step.getExitStatus().getExitCode()).isEqualTo(ExitStatus.NOOP.getExitCode());
		assertThat(step.getExitStatus().getExitDescription()).contains("no cache Redis configured");
		assertThat(this.redis.keys("cache:*")).hasSize(2501);
	}

	@Test
	void failsRestartablyWithAClearErrorWhenRedisIsUnreachable() throws Exception {
		String unreachable = "redis://127.0.0.1:" + TestRedis.freePort() + "/0";
		JobHarness down = JobHarness.on(new MastodonResources(db.dataSource(), null, unreachable, List.of()));

		JobExecution failed = down.run("levels=cache-clear");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(down.step(failed, Level.CACHE_CLEAR).getExitStatus().getExitDescription())
			.contains("Cannot reach the Rails cache Redis at 127.0.0.1:");
		assertThat(this.redis.keys("cache:*")).hasSize(2501);
	}

}
