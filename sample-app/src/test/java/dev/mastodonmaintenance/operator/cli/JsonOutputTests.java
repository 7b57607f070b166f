package dev.mastodonmaintenance.operator.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.CardType;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * For scripts: with {@code --json}, a level command, {@code status} and
 * {@code executions} print one JSON document on standard output, with the documented
 * field names, and everything else on standard error; {@code status last} is the newest
 * execution, {@code --log} adds the lines its levels logged, and the schedule is shown
 * with its next run.
 */
class JsonOutputTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void levelStatusAndExecutionsPrintOneDocumentEach(@TempDir Path live) throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(JsonOutputTests.class);
		Path envFile = CommandLineRun.envFile(live, db);
		MastodonData data = new MastodonData(db.dataSource());
		StorageFiles files = new StorageFiles(live.resolve("public/system"));
		long old = data.previewCard("https://example.com/old")
			.type(CardType.PHOTO)
			.image("a1b2c3d4e5f60718.jpeg", 61_030)
			.createdAt(daysAgo(400))
			.updatedAt(daysAgo(400))
			.insert()
			.id();
		files.write(String.format("cache/preview_cards/images/000/000/%03d/original/%s", old, "a1b2c3d4e5f60718.jpeg"),
				61_030);

		CommandLineRun run = CommandLineRun.on(envFile, "preview_cards", "remove", "--days", "180", "--json");

		assertThat(run.status()).as(run.toString()).isZero();
		JsonNode report = JSON.readTree(run.out());
		long id = report.get("id").asLong();
		assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(report.get("dryRun").asBoolean()).isFalse();
		assertThat(report.get("levels").get(0).asString()).isEqualTo("preview-cards-remove");
		JsonNode level = step(report, "preview-cards-remove");
		assertThat(level.get("figures").get("objectsRemoved").asLong()).isEqualTo(1);
		assertThat(level.get("figures").get("bytesRecorded").asLong()).isEqualTo(61_030);
		assertThat(level.get("summary").get(0).asString()).startsWith("Removed media from 1 preview cards");
		assertThat(report.get("operatorActions").get(0).get("action").asString()).isEqualTo("launch");
		assertThat(run.err()).contains("Execution " + id + " completed");

		CommandLineRun status = CommandLineRun.on(envFile, "status", "last", "--json", "--log");

		assertThat(status.status()).as(status.toString()).isZero();
		JsonNode document = JSON.readTree(status.out());
		assertThat(document.get("id").asLong()).isEqualTo(id);
		assertThat(document.get("schedule").isNull()).isTrue();
		List<String> log = new ArrayList<>();
		document.get("log")
			.forEach((line) -> log.add(line.get("step").asString() + " " + line.get("severity").asString() + " "
					+ line.get("message").asString()));
		assertThat(log).anySatisfy((line) -> assertThat(line)
			.startsWith("preview-cards-remove INFO preview-cards-remove: Removed media from 1 preview cards"));

		CommandLineRun text = CommandLineRun.on(envFile, "status", "last", "--log");
		assertThat(text.out()).startsWith("Execution " + id + " ")
			.contains("schedule none (mastodon.maintenance.schedule.cron is not set)")
			.contains("Log:")
			.contains("INFO preview-cards-remove: preview-cards-remove: Removed media from 1 preview cards");

		CommandLineRun executions = CommandLineRun.on(envFile, "executions", "--json");

		assertThat(executions.status()).as(executions.toString()).isZero();
		JsonNode page = JSON.readTree(executions.out());
		assertThat(page.get("total").asLong()).isEqualTo(1);
		assertThat(page.get("executions").get(0).get("id").asLong()).isEqualTo(id);
		assertThat(page.get("executions").get(0).get("totals").get("bytesFreed").asLong()).isPositive();
	}

	@Test
	void statusShowsTheScheduleAndItsNextRun(@TempDir Path live) throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(JsonOutputTests.class);
		Path envFile = CommandLineRun.envFile(live, db);
		assertThat(CommandLineRun.on(envFile, "preview_cards", "remove", "--dry-run").status()).isZero();

		CommandLineRun status = CommandLineRun.on(envFile, "--mastodon.maintenance.schedule.cron=0 30 3 * * *",
				"--mastodon.maintenance.schedule.zone=UTC", "status", "last", "--json");

		JsonNode schedule = JSON.readTree(status.out()).get("schedule");
		assertThat(schedule.get("cron").asString()).isEqualTo("0 30 3 * * *");
		assertThat(schedule.get("zone").asString()).isEqualTo("UTC");
		assertThat(schedule.get("nextRun").asString()).endsWith("T03:30:00Z");
		assertThat(CommandLineRun.on(envFile, "status", "1x").err())
			.startsWith("Error: ID|last: '1x' is neither an execution id nor 'last'");
	}

	private static JsonNode step(JsonNode report, String name) {
		for (JsonNode step : report.get("steps")) {
			if (step.get("name").asString().equals(name)) {
				return step;
			}
		}
		throw new AssertionError("No step " + name + " in " + report);
	}

}
