package dev.mastodonmaintenance.operator.packaged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.CardType;
import dev.mastodonmaintenance.testing.MastodonData.Status;
import dev.mastodonmaintenance.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The least privilege the tool needs, as docs/operations.md gives it. The packaged tool
 * runs a whole job, every level doing its work and ANALYZE refreshing the statistics of
 * {@code statuses}:
 * <ul>
 * <li>as Mastodon's own role, which owns Mastodon's tables and nothing else (no
 * superuser, no role attribute; only the right to create a schema in Mastodon's
 * database), connecting as Mastodon's standard install does, over the Unix socket with
 * peer authentication;</li>
 * <li>as a dedicated role holding exactly the documented GRANTs, in a schema an
 * administrator created for it, with a password.</li>
 * </ul>
 */
class LeastPrivilegeRunTests {

	private static final String DEDICATED_PASSWORD = "dedicated-test-password";

	private static PeerAuthenticatedPostgres postgres;

	@BeforeAll
	static void server() throws Exception {
		PackagedTool.slimJar();
		OperatingSystem.assumeRoot();
		OperatingSystem.ensureMastodonUser();
		postgres = PeerAuthenticatedPostgres.start("local all mastodon_maintenance scram-sha-256");
		postgres.execute("postgres", "CREATE ROLE mastodon LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION");
	}

	@AfterAll
	static void stop() {
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void mastodonsOwnRoleOwningItsTablesAndNothingElse() throws Exception {
		String database = mastodonDatabase("mastodon_owner");
		postgres.execute("postgres", "GRANT CREATE ON DATABASE " + database + " TO mastodon");

		runsEveryLevel(database, Map.of());

		try (SingleConnectionDataSource superuser = postgres.dataSource(database)) {
			JdbcTemplate jdbc = new JdbcTemplate(superuser);
			assertThat(jdbc.queryForObject("SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolbypassrls "
					+ "FROM pg_roles WHERE rolname = 'mastodon'", Boolean.class))
				.isFalse();
			assertThat(jdbc.queryForList(
					"SELECT DISTINCT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = "
							+ "c.relnamespace WHERE c.relowner = 'mastodon'::regrole AND n.nspname <> 'pg_toast'",
					String.class))
				.containsExactlyInAnyOrder("public", "mastodon_maintenance");
		}
	}

	@Test
	void dedicatedRoleWithTheDocumentedGrants() throws Exception {
		String database = mastodonDatabase("mastodon_dedicated");
		// docs/operations.md, "A dedicated role"
		postgres.execute("postgres", "CREATE ROLE mastodon_maintenance LOGIN PASSWORD '" + DEDICATED_PASSWORD + "'");
		postgres.execute(database, "CREATE SCHEMA mastodon_maintenance AUTHORIZATION mastodon_maintenance",
				"GRANT SELECT ON ALL TABLES IN SCHEMA public TO mastodon_maintenance",
				"GRANT UPDATE ON accounts, account_stats, media_attachments, preview_cards, quotes, statuses, "
						+ "status_stats TO mastodon_maintenance",
				"GRANT DELETE ON accounts, conversations, favourites, follows, media_attachments, "
						+ "preview_cards_statuses, statuses TO mastodon_maintenance",
				"GRANT MAINTAIN ON statuses, conversations TO mastodon_maintenance");

		runsEveryLevel(database, Map.of("DB_USER", "mastodon_maintenance", "DB_PASS", DEDICATED_PASSWORD));

		try (SingleConnectionDataSource superuser = postgres.dataSource(database)) {
			JdbcTemplate jdbc = new JdbcTemplate(superuser);
			assertThat(jdbc.queryForObject(
					"SELECT count(*) FROM pg_class WHERE relowner = "
							+ "'mastodon_maintenance'::regrole AND relnamespace = 'public'::regnamespace",
					Integer.class))
				.isZero();
		}
	}

	/**
	 * Mastodon's tables, created by its role as its migrations create them; then it may
	 * create no more.
	 */
	private static String mastodonDatabase(String name) throws Exception {
		postgres.execute("postgres", "CREATE DATABASE " + name);
		postgres.execute(name, "GRANT CREATE ON SCHEMA public TO mastodon", "SET ROLE mastodon", fixture(),
				"RESET ROLE", "REVOKE CREATE ON SCHEMA public FROM mastodon");
		return name;
	}

	private static void runsEveryLevel(String database, Map<String, String> role) throws Exception {
		String redisUrl = TestRedis.url(database.equals("mastodon_owner") ? 11 : 12);
		Path live = OperatingSystem.directoryOf(OperatingSystem.MASTODON_USER, "live");
		StorageFiles files = new StorageFiles(Files.createDirectories(live.resolve("public/system")));
		try (SingleConnectionDataSource superuser = postgres.dataSource(database)) {
			JdbcTemplate jdbc = new JdbcTemplate(superuser);
			MastodonData data = new MastodonData(superuser);
			Account remote = data.remoteAccount("gone", "remote.invalid").insert();
			Status old = data.status(remote).remote().createdAt(daysAgo(120)).insert();
			Status recent = data.status(remote).remote().createdAt(daysAgo(10)).insert();
			long card = data.previewCard("https://remote.invalid/article")
				.type(CardType.PHOTO)
				.image("a1b2c3d4e5f60718.jpeg", 61_030)
				.createdAt(daysAgo(400))
				.updatedAt(daysAgo(400))
				.insert()
				.id();
			String image = files.write(
					String.format("cache/preview_cards/images/000/000/%03d/original/a1b2c3d4e5f60718.jpeg", card),
					61_030);
			OperatingSystem.run("chown", "-R", OperatingSystem.MASTODON_USER, live.toString());
			RedisClient client = RedisClient.create(redisUrl);
			try (StatefulRedisConnection<String, String> redis = client.connect()) {
				redis.sync().flushdb();
				redis.sync().set("cache:v3:statuses/1", "x");
				Map<String, String> environment = new HashMap<>(role);
				environment.putAll(Map.of("DB_HOST", postgres.socketDirectory().toString(), "DB_PORT",
						String.valueOf(postgres.port()), "DB_NAME", database, "REDIS_URL", redisUrl,
						"PAPERCLIP_ROOT_PATH", files.root().toString()));

				PackagedTool tool = PackagedTool.run(OperatingSystem.MASTODON_USER, live, environment, "run");

				assertThat(tool.status()).as(tool.toString()).isZero();
				assertThat(redis.sync().keys("*")).isEmpty();
			}
			finally {
				client.shutdown();
			}
			assertThat(jdbc.queryForList(
					"SELECT step_name || ' ' || status FROM " + "mastodon_maintenance.batch_step_execution",
					String.class))
				.containsExactlyInAnyOrder("cache-clear COMPLETED", "preview-cards-remove COMPLETED",
						"media-remove COMPLETED", "media-remove-orphans COMPLETED", "accounts-cull COMPLETED",
						"statuses-remove COMPLETED");
			assertThat(jdbc.queryForList("SELECT id FROM statuses", Long.class)).containsExactly(recent.id())
				.doesNotContain(old.id());
			assertThat(
					jdbc.queryForObject("SELECT image_file_name FROM preview_cards WHERE id = ?", String.class, card))
				.isNull();
			assertThat(files.keys()).doesNotContain(image);
			// ANALYZE ran (a role neither owner nor granted MAINTAIN would have it
			// skipped with a warning)
			assertThat(jdbc.queryForObject("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'statuses'",
					Long.class))
				.isPositive();
		}
	}

	private static String fixture() {
		try {
			return new ClassPathResource("mastodon/fixture.sql").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
