package dev.mastodonmaintenance.batch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.testing.FlakyStorage;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.Status;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole job on the real schema of each Mastodon release supported
 * ({@code shared/mastodon/} beside the checkout), with the {@code schema_migrations} row
 * a fresh install of that release ends with: every level selects the same things on each,
 * as a dry run and for real, and a run failing midway finishes when restarted. A schema
 * newer than the newest release known is refused. A user's clone without the dumps skips
 * these tests with a notice; CI ({@code CI=true}) requires them.
 */
class RealSchemaJobTests {

	private static final String REDIS = TestRedis.url(9);

	private static final String FUTURE_VERSION = "20270104120000";

	private static HttpServer server;

	private static String base;

	@TempDir
	Path root;

	/**
	 * A supported release's dump and what it differs in.
	 *
	 * @param dump the file in {@code shared/mastodon/}
	 * @param version the version its {@code schema.rb} ends with
	 * @param recorded how the run records the schema it found
	 * @param thumbnailVersion whether
	 * {@code media_attachments.thumbnail_storage_schema_version} exists
	 * @param cardsSummary how its tootctl sums up preview-cards-remove
	 */
	record Release(String dump, String version, String recorded, boolean thumbnailVersion, String cardsSummary) {

		@Override
		public String toString() {
			return this.recorded;
		}

	}

	static Stream<Release> releases() {
		return Stream.of(
				new Release("schema-4.4.7.sql", "20251007142305", "Mastodon 4.4 schema (2025_10_07_142305)", false,
						"Removed 1 preview cards (approx. "),
				new Release("schema-4.5.11.sql", "20260505155103", "Mastodon 4.5 schema (2026_05_05_155103)", true,
						"Removed 1 preview cards (approx. "),
				new Release("schema-4.6.5.sql", "20260805130216", "Mastodon 4.6 schema (2026_08_05_130216)", true,
						"Removed media from 1 preview cards (approx. "),
				new Release("schema.sql", "20260812154114", "Mastodon 4.7 schema (2026_08_12_154114)", true,
						"Removed media from 1 preview cards (approx. "));
	}

	@BeforeAll
	static void startServer() throws IOException {
		// the server of the remote accounts: "gone" is gone, the others answer
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/users/", (exchange) -> {
			exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/gone") ? 410 : 200, -1);
			exchange.close();
		});
		server.start();
		base = "http://127.0.0.1:" + server.getAddress().getPort();
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("releases")
	void everyLevelRunsOnTheRelease(Release release) throws Exception {
		MastodonDatabase db = database(release.dump(), release.version());
		Scenario scenario = new Scenario(db, new StorageFiles(this.root), release);
		FlakyStorage storage = new FlakyStorage(new FilesystemStorage(this.root));
		JobHarness harness = JobHarness
			.on(new MastodonResources(db.dataSource(), storage, REDIS, List.of("127.0.0.1")));
		try (RedisClient client = RedisClient.create(REDIS);
				StatefulRedisConnection<String, String> redis = client.connect()) {
			RedisCommands<String, String> keys = redis.sync();
			keys.flushdb();
			keys.set("cache:v3:statuses/" + scenario.old.id(), "rendered");
			keys.set("feed:home:1", "kept");
			List<String> filesBefore = scenario.files.keys();

			JobExecution dryRun = harness.run("dry-run=true", "media-remove.keep-interacted=true");

			assertThat(dryRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(harness.steps(dryRun)).extracting(StepExecution::getStepName)
				.containsExactly("cache-clear", "preview-cards-remove", "media-remove", "media-remove-orphans",
						"accounts-cull", "statuses-remove");
			assertThat(harness.steps(dryRun))
				.allSatisfy((step) -> assertThat(step.getExitStatus().getExitCode()).as(step.getStepName())
					.isEqualTo("COMPLETED"));
			assertThat(dryRun.getExecutionContext().getString(MaintenanceJob.MASTODON_SCHEMA))
				.isEqualTo(release.recorded());
			assertThat(
					harness.step(dryRun, Level.PREVIEW_CARDS_REMOVE).getExecutionContext().getString("report.summary"))
				.startsWith(release.cardsSummary());
			assertThat(scenario.files.keys()).isEqualTo(filesBefore);
			assertThat(keys.keys("*")).containsExactlyInAnyOrder("feed:home:1",
					"cache:v3:statuses/" + scenario.old.id());
			assertThat(scenario.statuses()).containsExactlyInAnyOrder(scenario.old.id(), scenario.quoted.id(),
					scenario.quoting.id(), scenario.withMedia.id(), scenario.goneStatus.id());
			assertThat(scenario.remoteAccounts()).containsExactlyInAnyOrder(scenario.bob.id(), scenario.gone.id());
			assertThat(scenario.cardImage()).isEqualTo("a1b2c3d4e5f60718.jpeg");
			assertThat(scenario.mediaFiles()).containsExactly("cached.png", "interacted.png");

			storage.failOnDelete(1);
			JobExecution failed = harness.run("media-remove.keep-interacted=true");

			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(harness.steps(failed)).extracting(StepExecution::getStepName)
				.containsExactly("cache-clear", "preview-cards-remove");
			assertThat(scenario.cardImage()).as("the card's row change committed before its file's removal failed")
				.isNull();

			storage.heal();
			JobExecution restarted = harness.restart(failed);

			assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(harness.steps(restarted)).extracting(StepExecution::getStepName)
				.containsExactly("preview-cards-remove", "media-remove", "media-remove-orphans", "accounts-cull",
						"statuses-remove");
			assertThat(restarted.getExecutionContext().getString(MaintenanceJob.MASTODON_SCHEMA))
				.isEqualTo(release.recorded());
			assertThat(keys.keys("*")).containsExactly("feed:home:1");
		}
		assertThat(scenario.files.keys()).as("only the interacted medium's file is left")
			.containsExactly(scenario.interactedKey);
		assertThat(scenario.mediaFiles()).containsExactly("interacted.png");
		assertThat(scenario.remoteAccounts()).containsExactly(scenario.bob.id());
		assertThat(scenario.statuses()).as("the old status goes; the quoted one stays on every release")
			.containsExactlyInAnyOrder(scenario.quoted.id(), scenario.quoting.id(), scenario.withMedia.id());
		assertThat(db.jdbc().queryForList("SELECT version FROM schema_migrations", String.class))
			.containsExactly(release.version());
	}

	@Test
	void aNewerSchemaIsRefusedUnlessAllowed() throws Exception {
		Release newest = releases().reduce((first, second) -> second).orElseThrow();
		MastodonDatabase db = database(newest.dump(), newest.version());
		db.jdbc().update("INSERT INTO schema_migrations (version) VALUES (?)", FUTURE_VERSION);
		Scenario scenario = new Scenario(db, new StorageFiles(this.root), newest);
		JobHarness harness = JobHarness
			.on(new MastodonResources(db.dataSource(), new FilesystemStorage(this.root), null, List.of("127.0.0.1")));
		List<String> filesBefore = scenario.files.keys();

		assertThatExceptionOfType(InvalidJobParametersException.class).isThrownBy(() -> harness.run())
			.withMessage("Refused: Mastodon schema 2027_01_04_120000, newer than the newest release known, 4.7 "
					+ "(2026_08_12_154114); its tootctl may keep what preview-cards-remove, media-remove, "
					+ "media-remove-orphans, accounts-cull, statuses-remove would remove. Run as a dry run, or pass "
					+ "allow-newer-schema=true (--allow-newer-schema) once that release's changes are checked");
		assertThatExceptionOfType(InvalidJobParametersException.class)
			.isThrownBy(() -> harness.run("levels=cache-clear,statuses-remove"))
			.withMessageContaining("what statuses-remove would remove");
		assertThat(harness.jdbc()
			.queryForObject("SELECT count(*) FROM mastodon_maintenance.batch_job_execution", Integer.class))
			.as("nothing was launched")
			.isZero();

		JobExecution cacheOnly = harness.run("levels=cache-clear");
		JobExecution dryRun = harness.run("dry-run=true");

		assertThat(cacheOnly.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(dryRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(dryRun.getExecutionContext().getString(MaintenanceJob.MASTODON_SCHEMA))
			.isEqualTo("Mastodon schema 2027_01_04_120000, newer than the newest release known, 4.7 "
					+ "(2026_08_12_154114) (dry run)");
		assertThat(scenario.files.keys()).isEqualTo(filesBefore);
		assertThat(scenario.cardImage()).isNotNull();
		assertThat(scenario.statuses()).contains(scenario.old.id());

		JobExecution allowed = harness.run("allow-newer-schema=true", "levels=preview-cards-remove,statuses-remove");

		assertThat(allowed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(allowed.getJobParameters().getString(MaintenanceParameters.ALLOW_NEWER_SCHEMA)).isEqualTo("true");
		assertThat(allowed.getExecutionContext().getString(MaintenanceJob.MASTODON_SCHEMA))
			.endsWith("(2026_08_12_154114) (run with allow-newer-schema)");
		assertThat(scenario.cardImage()).isNull();
		assertThat(scenario.statuses()).doesNotContain(scenario.old.id()).contains(scenario.quoted.id());
	}

	private static MastodonDatabase database(String dump, String version) {
		Optional<Path> path = MastodonDatabase.realSchemaDump(dump);
		if (path.isEmpty() && "true".equals(System.getenv("CI"))) {
			throw new AssertionError("CI must check the job against the real Mastodon schemas, but shared/mastodon/"
					+ dump + " was not found beside the checkout");
		}
		assumeTrue(path.isPresent(), () -> "Skipped: the real Mastodon schema (shared/mastodon/" + dump
				+ " beside the checkout) is absent, so the job runs on the project's fixture only");
		MastodonDatabase db = MastodonDatabase.withRealSchema(RealSchemaJobTests.class, path.get());
		// the dumps hold no data: a fresh install of the release records its schema.rb
		// version
		db.jdbc().update("INSERT INTO schema_migrations (version) VALUES (?)", version);
		return db;
	}

	/** One instance's worth of rows and files, each for one level. */
	private static final class Scenario {

		final StorageFiles files;

		final JdbcTemplate jdbc;

		final Account bob;

		final Account gone;

		final Status old;

		final Status quoted;

		final Status quoting;

		final Status withMedia;

		final Status goneStatus;

		final String interactedKey;

		Scenario(MastodonDatabase db, StorageFiles files, Release release) throws IOException {
			this.files = files;
			this.jdbc = db.jdbc();
			MastodonData data = new MastodonData(db.dataSource());
			Account alice = data.localAccount("alice").insert();
			this.bob = data.remoteAccount("bob", "127.0.0.1").uri(base + "/users/bob").insert();
			this.gone = data.remoteAccount("gone", "127.0.0.1")
				.uri(base + "/users/gone")
				.updatedAt(daysAgo(30))
				.lastWebfingeredAt(daysAgo(30))
				.insert();
			// statuses-remove: an old status goes, an old one quoted by a local status
			// stays
			this.old = data.status(this.bob).remote().createdAt(daysAgo(400)).insert();
			this.quoted = data.status(this.bob).remote().createdAt(daysAgo(400)).insert();
			this.quoting = data.status(alice).local().insert();
			data.quote(this.quoting, this.quoted);
			this.withMedia = data.status(this.bob).remote().insert();
			// accounts-cull: the account its server says is gone goes with its statuses
			this.goneStatus = data.status(this.gone).remote().createdAt(daysAgo(2)).insert();
			// preview-cards-remove
			MastodonData.PreviewCard card = data.previewCard("https://example.org/article")
				.image("a1b2c3d4e5f60718.jpeg", 500)
				.updatedAt(daysAgo(200))
				.insert();
			data.linkCard(card, this.old);
			files.write("cache/preview_cards/images/" + IdPartition.of(card.id()) + "/original/a1b2c3d4e5f60718.jpeg",
					500);
			// media-remove: a cached remote medium goes; with keep-interacted, one of a
			// quoted status stays
			long cached = data.media(this.bob)
				.remote("https://example.org/cached.png")
				.file("cached.png", "image/png", 300)
				.thumbnail("thumb.png", "image/png", 40)
				.status(this.withMedia)
				.createdAt(daysAgo(30))
				.insert()
				.id();
			files.write("cache/media_attachments/files/" + IdPartition.of(cached) + "/original/cached.png", 300);
			files.write("cache/media_attachments/files/" + IdPartition.of(cached) + "/small/cached.png", 100);
			// Mastodon 4.4 has no thumbnail_storage_schema_version: Paperclip reads 0, no
			// cache/ prefix
			files.write((release.thumbnailVersion() ? "cache/" : "") + "media_attachments/thumbnails/"
					+ IdPartition.of(cached) + "/original/thumb.png", 40);
			long interacted = data.media(this.bob)
				.remote("https://example.org/interacted.png")
				.file("interacted.png", "image/png", 200)
				.status(this.quoted)
				.createdAt(daysAgo(30))
				.insert()
				.id();
			this.interactedKey = files
				.write("cache/media_attachments/files/" + IdPartition.of(interacted) + "/original/interacted.png", 200);
			// media-remove-orphans: a file no row names, old enough to go
			String orphan = files.write("cache/media_attachments/files/999/999/999/original/orphan.png", 10);
			Files.setLastModifiedTime(files.root().resolve(orphan),
					FileTime.from(Instant.now().minus(Duration.ofDays(3))));
		}

		List<Long> statuses() {
			return this.jdbc.queryForList("SELECT id FROM statuses", Long.class);
		}

		List<Long> remoteAccounts() {
			return this.jdbc.queryForList("SELECT id FROM accounts WHERE domain IS NOT NULL", Long.class);
		}

		String cardImage() {
			return this.jdbc.queryForObject("SELECT image_file_name FROM preview_cards", String.class);
		}

		List<String> mediaFiles() {
			return new ArrayList<>(this.jdbc.queryForList(
					"SELECT file_file_name FROM media_attachments WHERE file_file_name IS NOT NULL ORDER BY id",
					String.class));
		}

	}

}
