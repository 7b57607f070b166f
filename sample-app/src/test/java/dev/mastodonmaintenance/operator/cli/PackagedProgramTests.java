package dev.mastodonmaintenance.operator.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged program as an operator starts it, {@code java -jar sample-app.jar ...}, in
 * a child process with no Mastodon variable in its environment: every command answers
 * {@code --help}, errors are one line on standard error with nothing else printed, option
 * values are refused before anything is created, nothing runs without a Mastodon or
 * {@code --demo}, and a demo killed with {@code kill -9} starts again. Run by failsafe,
 * after the jar is packaged.
 */
class PackagedProgramTests {

	private static final Path JAR = Path.of(System.getProperty("operator.jar", "target/sample-app.jar"));

	@TempDir
	static Path home;

	@BeforeAll
	static void packaged() {
		assertThat(JAR).as("the packaged jar (mvn package)").isRegularFile();
	}

	@Test
	void everyCommandAnswersHelpNamingTheProgramAndTheJar() throws Exception {
		for (CommandLine command : OperatorCommandLine.withSubcommands(OperatorGuideHelpTests.commandLine())) {
			List<String> words = new ArrayList<>(Arrays.asList(command.getCommandSpec().qualifiedName().split(" ")));
			String name = String.join(" ", words);
			words.remove(0);
			words.add("--help");

			Run run = run(Map.of(), words.toArray(String[]::new));

			assertThat(run.status()).as(name + "\n" + run).isZero();
			assertThat(run.out()).as(name)
				.startsWith("Usage: " + name)
				.contains("-h, --help")
				.contains("From the jar: java -jar " + JAR + name.substring(ProgramName.NAME.length()));
			assertThat(run.err()).as(name).isEmpty();
		}
	}

	@Test
	void helpCommandAndVersion() throws Exception {
		Run help = run(Map.of(), "help", "media", "remove");
		Run version = run(Map.of(), "--version");

		assertThat(help.status()).isZero();
		assertThat(help.out()).isEqualTo(run(Map.of(), "media", "remove", "--help").out())
			.contains("-d, --days=N", "(default: 7,", "-c, --concurrency=N", "(default: 5)", "--dry-run");
		assertThat(version.status()).isZero();
		assertThat(version.out().lines()).hasSize(3);
		assertThat(version.out()).startsWith("mastodon-maintenance 0.")
			.contains("Spring Batch 6.")
			.contains("Mastodon 4.4 to 4.7");
	}

	@Test
	void optionValueIsRefusedBeforeAnythingIsCreated() throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(PackagedProgramTests.class);
		Path envFile = CommandLineRun.envFile(Files.createDirectories(home.resolve("live")), db);

		Run run = run(Map.of(), "--mastodon-env", envFile.toString(), "statuses", "remove", "--days", "abc");

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err()).isEqualTo("Error: --days: must be a whole number >= 1 (see: mastodon-maintenance "
				+ "statuses remove --help, from the jar: java -jar " + JAR + " statuses remove --help)\n");
		assertThat(run.out()).isEmpty();
		assertThat(db.jdbc().queryForObject("SELECT to_regnamespace('mastodon_maintenance') IS NULL", Boolean.class))
			.isTrue();
	}

	@Test
	void withoutAMastodonNothingRunsAndTheDemoIsNamed() throws Exception {
		Run run = run(Map.of(), "statuses", "remove");

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err()).startsWith("Error: No Mastodon is configured")
			.contains("--mastodon-env")
			.contains("DATABASE_URL")
			.contains("--demo");
		assertThat(run.err().lines()).hasSize(1);
		assertThat(run.out()).isEmpty();
		assertThat(home.resolve("data/mastodon-maintenance")).doesNotExist();
	}

	@Test
	void configurationAndConnectionErrorsAreOneLineWithoutSecrets() throws Exception {
		Run malformed = run(Map.of("DATABASE_URL", "postgres://mastodon:s3cret-pw@db.internal:54x2/mastodon"),
				"executions");
		Run bucket = run(Map.of("DB_HOST", "127.0.0.1", "S3_ENABLED", "true"), "executions");
		Run refused = run(
				Map.of("DB_HOST", "127.0.0.1", "DB_PORT", Integer.toString(closedPort()), "DB_PASS", "s3cret-pw"),
				"executions");

		assertThat(malformed.err()).startsWith("Error: Malformed DATABASE_URL");
		assertThat(bucket.err()).startsWith("Error: S3_ENABLED=true but S3_BUCKET is not set");
		assertThat(refused.err()).startsWith("Error: ").contains("refused");
		for (Run run : List.of(malformed, bucket, refused)) {
			assertThat(run.status()).as(run.toString()).isEqualTo(1);
			assertThat(run.err().lines()).as(run.toString()).hasSize(1);
			assertThat(run.err()).doesNotContain("s3cret-pw");
			assertThat(run.out()).as(run.toString()).isEmpty();
		}
		Run traced = run(Map.of("DB_HOST", "127.0.0.1", "S3_ENABLED", "true"), "--trace", "executions");
		assertThat(traced.err()).startsWith("Error: S3_ENABLED=true but S3_BUCKET is not set")
			.contains("\tat dev.mastodonmaintenance.operator.config.");
	}

	@Test
	void demoRunsWhenAskedAndStartsAgainAfterKillMinusNine() throws Exception {
		Path demo = home.resolve("data/mastodon-maintenance/demo");
		Process serve = program(Map.of(), "--demo", "--server.port=0", "serve")
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			do {
				line = out.readLine();
			}
			while (line != null && !line.startsWith("Console: "));
			assertThat(line).as("the console's line").isNotNull();
			assertThat(demo.resolve("postgres/postmaster.pid")).isRegularFile();
			serve.destroyForcibly();
			serve.waitFor(30, TimeUnit.SECONDS);
		}

		Run run = run(Map.of(), "--demo", "statuses", "remove");

		assertThat(run.status()).as(run.toString()).isZero();
		assertThat(run.err()).startsWith("DEMO DATABASE (--demo)");
		assertThat(run.out()).doesNotContain("DEMO DATABASE")
			.contains("Done after ")
			.containsPattern("removed \\d+ out of \\d+ statuses\\.");
		Run status = run(Map.of(), "--demo", "status", "last", "--json", "--log");
		assertThat(status.status()).as(status.toString()).isZero();
		assertThat(status.err()).startsWith("DEMO DATABASE (--demo)");
		JsonNode last = JsonMapper.builder().build().readTree(status.out());
		assertThat(last.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(last.get("levels").get(0).asString()).isEqualTo("statuses-remove");
		assertThat(last.get("log").findValuesAsString("message"))
			.anySatisfy((message) -> assertThat(message).startsWith("statuses-remove: "));
		assertThat(demo.resolve("redis.pid")).doesNotExist();
		assertThat(ProcessHandle.allProcesses()
			.filter((process) -> process.info()
				.arguments()
				.map((arguments) -> String.join(" ", arguments))
				.orElse("")
				.contains(demo.toString())))
			.as("servers of the demo still running")
			.isEmpty();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static Run run(Map<String, String> environment, String... args) throws Exception {
		Path out = Files.createTempFile(home, "out", ".txt");
		Path err = Files.createTempFile(home, "err", ".txt");
		Process process = program(environment, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("exited").isTrue();
		return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
	}

	/** The jar with the test's home, no Mastodon variable and the variables given. */
	private static ProcessBuilder program(Map<String, String> environment, String... args) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		Map<String, String> variables = builder.environment();
		variables.keySet()
			.removeIf((name) -> name.startsWith("DB_") || name.startsWith("REDIS_") || name.startsWith("S3_")
					|| name.startsWith("CACHE_REDIS_") || name.equals("DATABASE_URL")
					|| name.equals("MASTODON_ENV_FILE") || name.equals("PAPERCLIP_ROOT_PATH"));
		variables.put("HOME", home.toString());
		variables.put("XDG_DATA_HOME", home.resolve("data").toString());
		variables.putAll(environment);
		return builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
	}

	/** What the program printed, and its exit status. */
	private record Run(int status, String out, String err) {

		@Override
		public String toString() {
			return "exit " + this.status + "\n--- out\n" + this.out + "--- err\n" + this.err;
		}

	}

}
