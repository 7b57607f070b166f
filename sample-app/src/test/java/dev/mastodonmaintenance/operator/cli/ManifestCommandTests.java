package dev.mastodonmaintenance.operator.cli;

import java.nio.file.Path;
import java.util.List;

import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.TestRedis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code manifest}, typed as an operator types it after a dry run and a real run of
 * {@code statuses remove} and {@code preview_cards remove} against a Mastodon configured
 * by its {@code .env.production}: a run's entries, filtered and paged, as text and as one
 * JSON document, the lookup across runs, and one {@code Error:} line for what it cannot
 * take.
 */
class ManifestCommandTests {

	private static MastodonDatabase db;

	@TempDir
	static Path live;

	private static Path envFile;

	private static long statusId;

	private static String cardKey;

	private static long dryRun;

	private static long realRun;

	@BeforeAll
	static void runs() throws Exception {
		db = MastodonDatabase.withFixture(ManifestCommandTests.class);
		envFile = CommandLineRun.envFile(live, db, "REDIS_URL=" + TestRedis.url(8));
		MastodonData data = new MastodonData(db.dataSource());
		Account bob = data.remoteAccount("bob", "example.com").insert();
		statusId = data.status(bob).remote().createdAt(daysAgo(100)).insert().id();
		data.status(bob).remote().createdAt(daysAgo(100)).insert();
		long card = data.previewCard("https://example.com/old")
			.image("a1b2c3d4e5f60718.jpeg", 61_030)
			.createdAt(daysAgo(400))
			.updatedAt(daysAgo(400))
			.insert()
			.id();
		cardKey = new StorageFiles(live.resolve("public/system"))
			.write("cache/preview_cards/images/" + IdPartition.of(card) + "/original/a1b2c3d4e5f60718.jpeg", 61_030);
		dryRun = succeeded(CommandLineRun.on(envFile, "preview_cards", "remove", "--dry-run")).executionId();
		realRun = succeeded(CommandLineRun.on(envFile, "preview_cards", "remove")).executionId();
		succeeded(CommandLineRun.on(envFile, "statuses", "remove"));
	}

	private static CommandLineRun succeeded(CommandLineRun run) {
		assertThat(run.status()).as(run.toString()).isZero();
		return run;
	}

	@Test
	void listsWhatARunRemoved() {
		CommandLineRun run = succeeded(CommandLineRun.on(envFile, "manifest", Long.toString(realRun)));

		assertThat(run.out()).contains("RECORDED (UTC)", "preview-cards-remove", "removed", cardKey, "59.6 KB",
				"preview_cards ");
		assertThat(run.out()).doesNotContain("More:");
	}

	@Test
	void filtersAndPages() {
		CommandLineRun objects = succeeded(CommandLineRun.on(envFile, "manifest", Long.toString(realRun), "--key",
				"cache/preview_cards/", "--state", "removed"));
		assertThat(objects.out()).contains(cardKey).doesNotContain("preview_cards 1");

		CommandLineRun first = succeeded(
				CommandLineRun.on(envFile, "manifest", Long.toString(realRun), "--limit", "1"));
		String more = first.out().lines().filter((line) -> line.startsWith("More: --after ")).findFirst().orElseThrow();
		CommandLineRun second = succeeded(CommandLineRun.on(envFile, "manifest", Long.toString(realRun), "--limit", "1",
				"--after", more.substring("More: --after ".length())));
		assertThat(first.out()).contains("preview_cards ").doesNotContain(cardKey);
		assertThat(second.out()).contains(cardKey);

		CommandLineRun none = succeeded(
				CommandLineRun.on(envFile, "manifest", Long.toString(realRun), "--state", "failed"));
		assertThat(none.out()).contains("Nothing recorded in execution " + realRun + "'s manifest matches.");
	}

	@Test
	void jsonIsOneDocumentOnStandardOutput() throws Exception {
		CommandLineRun run = succeeded(CommandLineRun.on(envFile, "manifest", Long.toString(dryRun), "--json"));

		JsonNode document = JsonMapper.builder().build().readTree(run.out());
		assertThat(document.get("executionId").asLong()).isEqualTo(dryRun);
		assertThat(document.get("next").isNull()).isTrue();
		List<JsonNode> entries = document.get("entries").valueStream().toList();
		assertThat(entries).extracting((entry) -> entry.get("state").asString()).containsOnly("dry-run");
		JsonNode object = entries.stream()
			.filter((entry) -> entry.get("kind").asString().equals("object"))
			.findFirst()
			.orElseThrow();
		assertThat(object.get("key").asString()).isEqualTo(cardKey);
		assertThat(object.get("recordedBytes").asLong()).isEqualTo(61_030);
		assertThat(object.get("storageBytes").asLong()).isEqualTo(61_030);
		assertThat(object.get("level").asString()).isEqualTo("preview-cards-remove");
		assertThat(object.get("table").isNull()).isTrue();
		assertThat(object.propertyNames()).containsExactly("executionId", "jobInstanceId", "level", "state", "kind",
				"table", "rowId", "key", "recordedBytes", "storageBytes", "detail", "recordedAt", "position");
	}

	@Test
	void aKeyOrAStatusIsLookedUpAcrossRuns() throws Exception {
		CommandLineRun byKey = succeeded(CommandLineRun.on(envFile, "manifest", "--key", cardKey));
		assertThat(byKey.out().lines().filter((line) -> line.contains(cardKey)).toList()).hasSize(2);
		assertThat(byKey.out()).contains("dry-run").contains("removed");

		CommandLineRun byStatus = succeeded(
				CommandLineRun.on(envFile, "manifest", "--status", Long.toString(statusId), "--json"));
		JsonNode entries = JsonMapper.builder().build().readTree(byStatus.out()).get("entries");
		assertThat(entries.valueStream().toList()).singleElement().satisfies((entry) -> {
			assertThat(entry.get("table").asString()).isEqualTo("statuses");
			assertThat(entry.get("rowId").asLong()).isEqualTo(statusId);
			assertThat(entry.get("level").asString()).isEqualTo("statuses-remove");
		});

		assertThat(succeeded(CommandLineRun.on(envFile, "manifest", "--key", "cache/never/there.png")).out())
			.contains("No execution recorded it.");
	}

	@Test
	void badInputIsOneErrorLine() {
		assertError(CommandLineRun.on(envFile, "manifest", Long.toString(realRun), "--state", "gone"),
				"Error: Unknown manifest state 'gone': use one of pending, removed, failed, dry-run");
		assertError(CommandLineRun.on(envFile, "manifest", Long.toString(realRun), "--level", "media-prune"),
				"Error: Unknown level 'media-prune'");
		assertError(CommandLineRun.on(envFile, "manifest", "abc"), "Error: ");
		assertError(CommandLineRun.on(envFile, "manifest", "987654"), "Error: No execution 987654");
		assertError(CommandLineRun.on(envFile, "manifest", Long.toString(realRun), "--limit", "0"),
				"Error: --limit: must be a whole number >= 1");
		assertError(CommandLineRun.on(envFile, "manifest"),
				"Error: Give an execution (manifest RUN), or exactly one of --key, --status and --account");
	}

	private static void assertError(CommandLineRun run, String start) {
		assertThat(run.status()).as(run.toString()).isEqualTo(ExitCodes.REFUSED);
		assertThat(run.out()).as(run.toString()).isEmpty();
		assertThat(run.err().lines().toList()).as(run.toString())
			.singleElement()
			.satisfies((line) -> assertThat(line).startsWith(start));
	}

}
