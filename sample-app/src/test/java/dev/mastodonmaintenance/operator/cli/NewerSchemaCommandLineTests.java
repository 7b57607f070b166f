package dev.mastodonmaintenance.operator.cli;

import java.nio.file.Path;

import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a Mastodon schema newer than the newest release known, a command that removes data
 * exits 1 with one line naming both versions and launches nothing; as a dry run, or with
 * {@code --allow-newer-schema}, it runs, and {@code status} shows the schema the run
 * found and the override it was given.
 */
class NewerSchemaCommandLineTests {

	private static MastodonDatabase db;

	@TempDir
	static Path live;

	private static Path envFile;

	@BeforeAll
	static void mastodon() throws Exception {
		db = MastodonDatabase.withFixture(NewerSchemaCommandLineTests.class);
		db.jdbc().update("INSERT INTO schema_migrations (version) VALUES ('20270104120000')");
		envFile = CommandLineRun.envFile(live, db);
	}

	@Test
	void removingIsRefusedUnlessDryOrAllowed() {
		CommandLineRun refused = CommandLineRun.on(envFile, "media", "remove", "--days", "7");

		assertThat(refused.status()).isEqualTo(1);
		assertThat(refused.err()).contains("Refused: Mastodon schema 2027_01_04_120000, newer than the newest release "
				+ "known, 4.7 (2026_08_12_154114); its tootctl may keep what media-remove would remove.");
		assertThat(executions()).isZero();

		CommandLineRun dryRun = CommandLineRun.on(envFile, "media", "remove", "--dry-run");
		CommandLineRun allowed = CommandLineRun.on(envFile, "preview_cards", "remove", "--allow-newer-schema");

		assertThat(dryRun.status()).as(dryRun.toString()).isZero();
		assertThat(allowed.status()).as(allowed.toString()).isZero();
		assertThat(status(dryRun.executionId())).contains("  schema   Mastodon schema 2027_01_04_120000, newer than "
				+ "the newest release known, 4.7 (2026_08_12_154114) (dry run)");
		assertThat(status(allowed.executionId())).contains("(2026_08_12_154114) (run with allow-newer-schema)")
			.contains("  allow-newer-schema=true");
	}

	private static String status(long executionId) {
		CommandLineRun status = CommandLineRun.on(envFile, "status", String.valueOf(executionId));
		assertThat(status.status()).as(status.toString()).isZero();
		return status.out();
	}

	private static Long executions() {
		return db.jdbc().queryForObject("SELECT count(*) FROM mastodon_maintenance.batch_job_execution", Long.class);
	}

}
