package dev.mastodonmaintenance.operator.cli;

import java.nio.file.Path;
import java.util.List;

import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.CardType;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tootctl commands, typed as an operator types them against a Mastodon configured by
 * its {@code .env.production}: each runs its level only, prints tootctl's summary lines
 * and exits 0, and does to the database, the files and the Redis what tootctl would.
 */
class TootctlCommandsTests {

	private static final String REDIS = TestRedis.url(7);

	private static MastodonDatabase db;

	@TempDir
	static Path live;

	private static Path media;

	private static Path envFile;

	@BeforeAll
	static void mastodon() throws Exception {
		db = MastodonDatabase.withFixture(TootctlCommandsTests.class);
		media = live.resolve("public/system");
		envFile = CommandLineRun.envFile(live, db, "REDIS_URL=" + REDIS);
	}

	@Test
	void previewCardsRemoveDryRunThenForReal() {
		MastodonData data = new MastodonData(db.dataSource());
		StorageFiles files = new StorageFiles(media);
		long old = data.previewCard("https://example.com/old")
			.type(CardType.PHOTO)
			.image("a1b2c3d4e5f60718.jpeg", 61_030)
			.createdAt(daysAgo(400))
			.updatedAt(daysAgo(400))
			.insert()
			.id();
		long recent = data.previewCard("https://example.com/new")
			.image("b1b2c3d4e5f60718.jpeg", 61_030)
			.createdAt(daysAgo(20))
			.updatedAt(daysAgo(20))
			.insert()
			.id();
		String oldKey = files.write(key(old, "a1b2c3d4e5f60718.jpeg"), 61_030);
		String recentKey = files.write(key(recent, "b1b2c3d4e5f60718.jpeg"), 61_030);

		CommandLineRun dryRun = CommandLineRun.on(envFile, "preview_cards", "remove", "--dry-run");

		assertThat(dryRun.status()).as(dryRun.toString()).isZero();
		assertThat(dryRun.out()).contains("Removed media from 1 preview cards (approx. 59.6 KB) (DRY RUN)")
			.doesNotContain("cache clear", "Skipped");
		assertThat(files.keys()).containsExactlyInAnyOrder(oldKey, recentKey);

		CommandLineRun run = CommandLineRun.on(envFile, "preview_cards", "remove", "--days", "180");

		assertThat(run.status()).as(run.toString()).isZero();
		assertThat(run.out()).contains("Removed media from 1 preview cards (approx. 59.6 KB)")
			.doesNotContain("DRY RUN");
		assertThat(files.keys()).containsExactly(recentKey);
		assertThat(imageOf(old)).isNull();
		assertThat(imageOf(recent)).isEqualTo("b1b2c3d4e5f60718.jpeg");
	}

	@Test
	void cacheClearRemovesTheRailsCacheOnly() {
		RedisClient client = RedisClient.create(REDIS);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			RedisCommands<String, String> redis = connection.sync();
			redis.flushdb();
			List.of("cache:v3:statuses/1", "cache:v3:statuses/2", "cache:rails_settings_cached/x/site_title")
				.forEach((key) -> redis.set(key, "x"));
			redis.lpush("queue:default", "job");

			CommandLineRun run = CommandLineRun.on(envFile, "cache", "clear");

			assertThat(run.status()).as(run.toString()).isZero();
			assertThat(run.out()).contains("OK: removed 3 Rails cache keys");
			assertThat(redis.keys("*")).containsExactly("queue:default");
		}
		finally {
			client.shutdown();
		}
	}

	private static String imageOf(long cardId) {
		return db.jdbc().queryForObject("SELECT image_file_name FROM preview_cards WHERE id = ?", String.class, cardId);
	}

	private static String key(long cardId, String fileName) {
		return String.format("cache/preview_cards/images/000/000/%03d/original/%s", cardId, fileName);
	}

}
