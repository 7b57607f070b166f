package dev.mastodonmaintenance.operator.packaged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * The least privilege the tool needs, as docs/operations.md gives it: the packaged tool runs a whole job as
 * Mastodon's own database role, a role that owns Mastodon's tables (which ANALYZE needs) and nothing else: no
 * superuser, no other role or database attribute, only the right to create its own schema in Mastodon's
 * database. It connects as Mastodon's standard install does, over the Unix socket with peer authentication.
 */
class LeastPrivilegeRunTests {

	private static final String REDIS = TestRedis.url(11);

	private static PeerAuthenticatedPostgres postgres;

	private static SingleConnectionDataSource superuser;

	private static Path live;

	@BeforeAll
	static void mastodon() throws Exception {
		OperatingSystem.assumeRoot();
		OperatingSystem.ensureMastodonUser();
		postgres = PeerAuthenticatedPostgres.start();
		postgres.execute("postgres", "CREATE ROLE mastodon LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION",
				"CREATE DATABASE mastodon_production",
				"GRANT CREATE ON DATABASE mastodon_production TO mastodon");
		// Mastodon's tables, created by the role as its migrations create them; then it may create no more there
		postgres.execute("mastodon_production", "GRANT CREATE ON SCHEMA public TO mastodon", "SET ROLE mastodon",
				fixture(), "RESET ROLE", "REVOKE CREATE ON SCHEMA public FROM mastodon");
		superuser = postgres.dataSource("mastodon_production");
		live = Files.createTempDirectory("live");
		Files.createDirectories(live.resolve("public/system"));
	}

	@AfterAll
	static void stop() {
		if (superuser != null) {
			superuser.destroy();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void wholeRunAsARoleOwningMastodonsTablesAndNothingElse() throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(superuser);
		MastodonData data = new MastodonData(superuser);
		Account remote = data.remoteAccount("gone", "remote.invalid").insert();
		Status old = data.status(remote).remote().createdAt(daysAgo(120)).insert();
		Status recent = data.status(remote).remote().createdAt(daysAgo(10)).insert();
		long card = data.previewCard("https://remote.invalid/article").type(CardType.PHOTO)
			.image("a1b2c3d4e5f60718.jpeg", 61_030).createdAt(daysAgo(400)).updatedAt(daysAgo(400)).insert().id();
		StorageFiles files = new StorageFiles(live.resolve("public/system"));
		String image = files.write(String.format("cache/preview_cards/images/000/000/%03d/original/a1b2c3d4e5f60718.jpeg",
				card), 61_030);
		OperatingSystem.run("chown", "-R", OperatingSystem.MASTODON_USER, live.toString());
		RedisClient client = RedisClient.create(REDIS);
		try (StatefulRedisConnection<String, String> redis = client.connect()) {
			redis.sync().flushdb();
			redis.sync().set("cache:v3:statuses/1", "x");

			PackagedTool tool = PackagedTool.run(OperatingSystem.MASTODON_USER, live,
					Map.of("DB_HOST", postgres.socketDirectory().toString(), "DB_PORT", String.valueOf(postgres.port()),
							"REDIS_URL", REDIS, "PAPERCLIP_ROOT_PATH", live.resolve("public/system").toString()),
					"run");

			assertThat(tool.status()).as(tool.toString()).isZero();
			assertThat(redis.sync().keys("*")).isEmpty();
		}
		finally {
			client.shutdown();
		}
		assertThat(jdbc.queryForList("SELECT step_name || ' ' || status FROM mastodon_maintenance.batch_step_execution",
				String.class))
			.containsExactlyInAnyOrder("cache-clear COMPLETED", "preview-cards-remove COMPLETED",
					"media-remove COMPLETED", "media-remove-orphans COMPLETED", "accounts-cull COMPLETED",
					"statuses-remove COMPLETED");
		assertThat(jdbc.queryForList("SELECT id FROM statuses", Long.class)).containsExactly(recent.id())
			.doesNotContain(old.id());
		assertThat(jdbc.queryForObject("SELECT image_file_name FROM preview_cards WHERE id = ?", String.class, card))
			.isNull();
		assertThat(files.keys()).doesNotContain(image);
		// the role the run used had no more than this
		assertThat(jdbc.queryForObject("SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolbypassrls FROM pg_roles "
				+ "WHERE rolname = 'mastodon'", Boolean.class)).isFalse();
		assertThat(jdbc.queryForList("SELECT DISTINCT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = "
				+ "c.relnamespace WHERE c.relowner = 'mastodon'::regrole AND n.nspname <> 'pg_toast'", String.class))
			.containsExactlyInAnyOrder("public", "mastodon_maintenance");
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
