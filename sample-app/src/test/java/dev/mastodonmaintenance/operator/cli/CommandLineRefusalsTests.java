package dev.mastodonmaintenance.operator.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wrong arguments and wrong configuration exit with status 1 and one line naming what is
 * wrong, before anything runs; those the command line itself can tell (unknown options,
 * values of the wrong type or range) are refused without starting the application.
 */
class CommandLineRefusalsTests {

	private static MastodonDatabase db;

	@TempDir
	static Path live;

	private static Path envFile;

	@BeforeAll
	static void mastodon() throws Exception {
		db = MastodonDatabase.withFixture(CommandLineRefusalsTests.class);
		envFile = CommandLineRun.envFile(live, db);
	}

	@Test
	void unknownOptionIsRefusedBeforeTheApplicationStarts() {
		CommandLineRun run = CommandLineRun.of("media", "remove", "--dayz", "7");

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err()).startsWith("Error: Unknown option")
			.contains("'--dayz'")
			.contains("see: mastodon-maintenance media remove --help");
		assertThat(run.err().lines()).hasSize(1);
		assertThat(run.out()).isEmpty();
	}

	@Test
	void optionValuesAreCheckedByTheParserNamingTheOption() {
		assertThat(CommandLineRun.of("statuses", "remove", "--days", "abc").err())
			.startsWith("Error: --days: must be a whole number >= 1");
		assertThat(CommandLineRun.of("statuses", "remove", "-d", "1.5").err())
			.startsWith("Error: --days: must be a whole number >= 1");
		assertThat(CommandLineRun.of("media", "remove", "--days", "-3").err())
			.startsWith("Error: --days: must be a number >= 0");
		assertThat(CommandLineRun.of("statuses", "remove", "-b", "0").err())
			.startsWith("Error: --batch-size: Cannot run with this batch_size setting, must be at least 1");
		assertThat(CommandLineRun.of("accounts", "cull", "--batch-size", "0").err())
			.startsWith("Error: --batch-size: Cannot run with this batch_size setting, must be at least 1");
		assertThat(CommandLineRun.of("accounts", "cull", "--concurrency", "0").err())
			.startsWith("Error: --concurrency: Cannot run with this concurrency setting, must be at least 1");
		assertThat(CommandLineRun.of("preview_cards", "remove", "-c", "many").err())
			.startsWith("Error: --concurrency: must be a whole number >= 1");
		assertThat(CommandLineRun.of("statuses", "remove", "--grid-size", "257").err())
			.startsWith("Error: --grid-size: must be a whole number from 1 to 256");
		assertThat(CommandLineRun.of("accounts", "cull", "--partitions", "65").err())
			.startsWith("Error: --partitions: must be a whole number from 1 to 64");
		assertThat(CommandLineRun.of("status", "latest").err())
			.startsWith("Error: ID|last: 'latest' is neither an execution id nor 'last'");
		assertThat(CommandLineRun.of("executions", "--size", "600").err())
			.startsWith("Error: --size: must be at most 500");
		assertThat(CommandLineRun.of("executions", "--page", "-1").err())
			.startsWith("Error: --page: must be a whole number >= 0");
	}

	@Test
	void tootctlOptionsThatHaveNoEquivalentSayWhatToDoInstead() {
		CommandLineRun resume = CommandLineRun.of("statuses", "remove", "--continue");
		CommandLineRun permissions = CommandLineRun.of("media", "remove-orphans", "--fix-permissions");

		assertThat(resume.status()).isEqualTo(1);
		assertThat(resume.err()).contains("restart ID");
		assertThat(permissions.status()).isEqualTo(1);
		assertThat(permissions.err()).contains("--fix-permissions").contains("not supported");
		assertThat(resume.out() + permissions.out()).doesNotContain("DEMO");
	}

	@Test
	void optionsThatConflictGetTheJobsMessages() {
		CommandLineRun exclusive = CommandLineRun.on(envFile, "media", "remove", "--prune-profiles",
				"--remove-headers");
		CommandLineRun follows = CommandLineRun.on(envFile, "media", "remove", "--include-follows");

		assertThat(exclusive.status()).isEqualTo(1);
		assertThat(exclusive.err())
			.contains("--prune-profiles and --remove-headers should not be specified simultaneously");
		assertThat(follows.status()).isEqualTo(1);
		assertThat(follows.err())
			.contains("--include-follows can only be used with --prune-profiles or --remove-headers");
		assertThat(
				db.jdbc().queryForObject("SELECT count(*) FROM mastodon_maintenance.batch_job_execution", Long.class))
			.isZero();
	}

	@Test
	void malformedMastodonConfigurationIsNamed() throws Exception {
		Path broken = live.resolve("broken.env");
		Files.writeString(broken, "DATABASE_URL=postgres://mastodon:secret@db.internal:54x2/mastodon_production\n");

		CommandLineRun run = CommandLineRun.of("--mastodon-env", broken.toString(), "executions");

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err()).startsWith("Error: Malformed DATABASE_URL").doesNotContain("secret");
		assertThat(run.err().lines()).hasSize(1);
		assertThat(run.out()).isEmpty();
	}

	@Test
	void unknownExecutionIsRefused() {
		CommandLineRun run = CommandLineRun.on(envFile, "restart", "987654");

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err()).contains("987654");
		CommandLineRun word = CommandLineRun.on(envFile, "stop", "latest");
		assertThat(word.status()).isEqualTo(1);
		assertThat(word.err()).contains("'latest' is neither an execution id nor 'last'");
	}

}
