package dev.mastodonmaintenance.operator.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.mastodonmaintenance.storage.AttachmentKey;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The demo creates Mastodon's tables once, adds a generation of synthetic data with real
 * files at every start, keeps what earlier starts left, and fills a Redis with Rails
 * cache keys.
 */
class DemoInstanceTests {

	static Resource schema() {
		ClassPathResource fixture = new ClassPathResource("mastodon/fixture.sql");
		return fixture.exists() ? fixture : new FileSystemResource(MastodonDatabase.realSchemaDump()
			.orElseThrow(
					() -> new IllegalStateException("Neither mastodon/fixture.sql nor shared/mastodon/schema.sql")));
	}

	@Test
	void seedsRowsWithTheirFilesAndKeepsThemAcrossStarts(@TempDir Path directory) throws Exception {
		Path media = DemoInstance.mediaRoot(directory);
		long firstStatuses;
		try (DemoInstance demo = DemoInstance.start(directory, schema(), null, true)) {
			JdbcTemplate jdbc = new JdbcTemplate(demo.dataSource());
			firstStatuses = count(jdbc, "statuses");
			assertThat(firstStatuses).isGreaterThan(40);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM statuses WHERE local IS NOT TRUE AND "
					+ "created_at < (now() AT TIME ZONE 'UTC') - interval '90 days'", Long.class))
				.isGreaterThan(10);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM media_attachments WHERE remote_url <> '' AND "
					+ "created_at < (now() AT TIME ZONE 'UTC') - interval '7 days'", Long.class))
				.isGreaterThan(10);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM preview_cards WHERE "
					+ "updated_at < (now() AT TIME ZONE 'UTC') - interval '180 days'", Long.class))
				.isEqualTo(4L);
			assertThat(count(jdbc, "favourites")).isPositive();
			assertThat(count(jdbc, "follows")).isPositive();
			assertThat(demo.describe().get(0)).startsWith("DEMO DATABASE");
			for (Map<String, Object> row : jdbc
				.queryForList("SELECT id, remote_url, file_file_name FROM media_attachments")) {
				String key = AttachmentKey.of(!"".equals(row.get("remote_url")), "media_attachments", "files",
						(Long) row.get("id"), "original", (String) row.get("file_file_name"));
				assertThat(media.resolve(key)).isRegularFile();
			}
			for (Map<String, Object> row : jdbc.queryForList("SELECT id, image_file_name FROM preview_cards")) {
				assertThat(media.resolve(AttachmentKey.of(true, "preview_cards", "images", (Long) row.get("id"),
						"original", (String) row.get("image_file_name"))))
					.isRegularFile();
			}
		}
		long filesAfterFirst = files(media).size();
		assertThat(filesAfterFirst).isGreaterThan(100);

		try (DemoInstance demo = DemoInstance.start(directory, schema(), null, true)) {
			JdbcTemplate jdbc = new JdbcTemplate(demo.dataSource());
			assertThat(count(jdbc, "statuses")).isEqualTo(2 * firstStatuses);
			assertThat(demo.describe().get(1)).startsWith("Demo: added ");
		}
		assertThat((long) files(media).size()).isGreaterThan(filesAfterFirst);
	}

	@Test
	void twoStartsWithinOneSecondAddTwoGenerations(@TempDir Path directory) throws Exception {
		Instant start = Instant.parse("2026-11-26T04:00:00.100Z");
		try (DemoDatabase database = DemoDatabase.start(directory.resolve("postgres"), schema())) {
			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			Path media = DemoInstance.mediaRoot(directory);
			int first = new DemoSeed(jdbc, media, start, "127.0.0.1:1").seed().statuses();
			int second = new DemoSeed(jdbc, media, start.plusMillis(400), "127.0.0.1:1").seed().statuses();
			assertThat(count(jdbc, "statuses")).isEqualTo(first + second);
		}
	}

	@Test
	void fillsTheRailsCacheBesideOtherKeys(@TempDir Path directory) throws Exception {
		int port = TestRedis.freePort();
		try (DemoInstance demo = DemoInstance.start(directory, schema(), port, true)) {
			RedisClient client = RedisClient.create("redis://127.0.0.1:" + port + "/0");
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				assertThat(connection.sync().keys("cache:*")).hasSize(501);
				assertThat(connection.sync().keys("*")).contains("queue:default", "feed:home:1");
			}
			finally {
				client.shutdown();
			}
		}
	}

	@Test
	void missingSchemaIsNamed(@TempDir Path directory) {
		assertThatIllegalStateException().isThrownBy(
				() -> DemoInstance.start(directory, new FileSystemResource(directory.resolve("none.sql")), null, true))
			.withMessageContaining("none.sql");
	}

	private static long count(JdbcTemplate jdbc, String table) {
		return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
	}

	private static List<Path> files(Path root) throws Exception {
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile).toList();
		}
	}

}
