package dev.mastodonmaintenance.operator.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wrong arguments and wrong configuration exit with status 1 and a message naming what is wrong, before
 * anything runs; those the command line itself can tell are refused without starting the application.
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
		assertThat(run.err()).contains("Unknown option").contains("'--dayz'").contains("media remove --help");
		assertThat(run.out()).doesNotContain("DEMO");
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
	void invalidOptionValuesGetTheJobsMessages() {
		CommandLineRun days = CommandLineRun.on(envFile, "media", "remove", "--days", "-3");
		CommandLineRun exclusive = CommandLineRun.on(envFile, "media", "remove", "--prune-profiles",
				"--remove-headers");
		CommandLineRun concurrency = CommandLineRun.on(envFile, "accounts", "cull", "--concurrency", "0");

		assertThat(days.status()).isEqualTo(1);
		assertThat(days.err()).contains("Invalid job parameter media-remove.days=-3: a number of days of at least 0");
		assertThat(exclusive.status()).isEqualTo(1);
		assertThat(exclusive.err())
			.contains("--prune-profiles and --remove-headers should not be specified simultaneously");
		assertThat(concurrency.status()).isEqualTo(1);
		assertThat(concurrency.err()).contains("Cannot run with this concurrency setting, must be at least 1");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM mastodon_maintenance.batch_job_execution",
				Long.class)).isZero();
	}

	@Test
	void malformedMastodonConfigurationIsNamed() throws Exception {
		Path broken = live.resolve("broken.env");
		Files.writeString(broken, "DATABASE_URL=postgres://mastodon:secret@db.internal:54x2/mastodon_production\n");

		CommandLineRun run = CommandLineRun.of("--mastodon-env", broken.toString(), "executions");

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err()).contains("DATABASE_URL").doesNotContain("secret");
	}

	@Test
	void unknownExecutionIsRefused() {
		CommandLineRun run = CommandLineRun.on(envFile, "restart", "987654");

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err()).contains("987654");
	}

}
