package dev.mastodonmaintenance.operator.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each tootctl command line becomes one run of its level only, with tootctl's options as
 * the job parameters of that level (underscore spellings included) and nothing for the
 * options not given, so that the configured defaults apply.
 */
class TootctlOptionMappingTests {

	private static MastodonDatabase db;

	@TempDir
	static Path live;

	private static Path envFile;

	@BeforeAll
	static void mastodon() throws Exception {
		db = MastodonDatabase.withFixture(TootctlOptionMappingTests.class);
		envFile = CommandLineRun.envFile(live, db);
	}

	@Test
	void mediaRemove() {
		assertThat(parameters("media", "remove", "--days", "14", "--prune_profiles", "--include-follows",
				"--concurrency", "8", "--dry-run"))
			.containsExactlyInAnyOrderEntriesOf(Map.of("levels", "media-remove", "dry-run", "true", "media-remove.days",
					"14", "media-remove.prune-profiles", "true", "media-remove.include-follows", "true",
					"media-remove.concurrency", "8"));
	}

	@Test
	void mediaRemoveOrphans() {
		assertThat(parameters("media", "remove-orphans", "--prefix", "cache", "--start-after",
				"cache/media_attachments/files/109", "--dry-run"))
			.containsExactlyInAnyOrderEntriesOf(
					Map.of("levels", "media-remove-orphans", "dry-run", "true", "media-remove-orphans.prefix", "cache",
							"media-remove-orphans.start-after", "cache/media_attachments/files/109"));
	}

	@Test
	void previewCardsRemove() {
		assertThat(parameters("preview_cards", "remove", "--link", "--days", "30", "--dry-run"))
			.containsExactlyInAnyOrderEntriesOf(Map.of("levels", "preview-cards-remove", "dry-run", "true",
					"preview-cards-remove.link", "true", "preview-cards-remove.days", "30"));
	}

	@Test
	void accountsCullWithDomains() {
		assertThat(parameters("accounts", "cull", "gone.example", "old.example", "-c", "2", "--dry-run"))
			.containsExactlyInAnyOrderEntriesOf(Map.of("levels", "accounts-cull", "dry-run", "true",
					"accounts-cull.domains", "gone.example,old.example", "accounts-cull.concurrency", "2"));
		assertThat(parameters("accounts", "cull", "--batch-size", "5000", "--grid-size", "16"))
			.containsExactlyInAnyOrderEntriesOf(Map.of("levels", "accounts-cull", "dry-run", "false",
					"accounts-cull.batch-size", "5000", "accounts-cull.grid-size", "16"));
	}

	@Test
	void statusesRemove() {
		assertThat(parameters("statuses", "remove", "--days", "120", "--batch_size", "500", "-c", "3",
				"--clean-followed", "--skip-media-remove"))
			.containsExactlyInAnyOrderEntriesOf(Map.of("levels", "statuses-remove", "dry-run", "false",
					"statuses-remove.days", "120", "statuses-remove.batch-size", "500", "statuses-remove.concurrency",
					"3", "statuses-remove.clean-followed", "true", "statuses-remove.skip-media-remove", "true"));
	}

	@Test
	void tootctlShortOptionsAndADryRunOfStatusesRemove() {
		assertThat(parameters("statuses", "remove", "-d", "30", "-b", "200", "--dry-run"))
			.containsExactlyInAnyOrderEntriesOf(Map.of("levels", "statuses-remove", "dry-run", "true",
					"statuses-remove.days", "30", "statuses-remove.batch-size", "200"));
		assertThat(parameters("media", "remove", "-d", "0.5", "-c", "3"))
			.containsExactlyInAnyOrderEntriesOf(Map.of("levels", "media-remove", "dry-run", "false",
					"media-remove.days", "0.5", "media-remove.concurrency", "3"));
	}

	@Test
	void partitionsOfALevel() {
		assertThat(parameters("media", "remove-orphans", "--grid-size", "8", "--partitions", "3", "--dry-run"))
			.containsExactlyInAnyOrderEntriesOf(Map.of("levels", "media-remove-orphans", "dry-run", "true",
					"media-remove-orphans.grid-size", "8", "media-remove-orphans.partitions", "3"));
	}

	/** The job parameters of the run a command line made, without its launch instant. */
	private static Map<String, String> parameters(String... command) {
		CommandLineRun run = CommandLineRun.on(envFile, command);
		assertThat(run.status()).as(run.toString()).isZero();
		Map<String, String> parameters = new LinkedHashMap<>();
		db.jdbc()
			.query("SELECT parameter_name, parameter_value FROM mastodon_maintenance.batch_job_execution_params "
					+ "WHERE job_execution_id = ? AND parameter_name <> 'run.at'", (row) -> {
						parameters.put(row.getString(1), row.getString(2));
					}, run.executionId());
		return parameters;
	}

}
