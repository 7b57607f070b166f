package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mastodonmaintenance.operator.OperatorApplication;
import dev.mastodonmaintenance.testing.MastodonDatabase;

/**
 * One run of the command line as an operator types it, with what it printed and its exit
 * status.
 *
 * @param status the exit status
 * @param out what went to standard output
 * @param err what went to standard error
 */
record CommandLineRun(int status, String out, String err) {

	private static final Pattern EXECUTION = Pattern.compile("Execution (\\d+) ");

	/**
	 * Runs a command line.
	 * @param args the arguments
	 * @return the run
	 */
	static CommandLineRun of(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int status = OperatorCommandLine.execute(OperatorApplication.class, args, new PrintWriter(out, true),
				new PrintWriter(err, true), false, Duration.ofMillis(100));
		return new CommandLineRun(status, out.toString(), err.toString());
	}

	/**
	 * Runs a command line on a Mastodon configured by a dotenv file, as
	 * {@code --mastodon-env} gives it.
	 * @param envFile Mastodon's {@code .env.production}
	 * @param command the command and its options
	 * @return the run
	 */
	static CommandLineRun on(Path envFile, String... command) {
		List<String> args = new ArrayList<>(List.of("--mastodon-env=" + envFile));
		args.addAll(List.of(command));
		return of(args.toArray(String[]::new));
	}

	/**
	 * Writes Mastodon's {@code .env.production} for a test database, in a directory laid
	 * out as Mastodon's ({@code public/system} is the default media root).
	 * @param directory where to write it
	 * @param database the database
	 * @param more more lines, such as {@code PAPERCLIP_ROOT_PATH=...}
	 * @return the file
	 */
	static Path envFile(Path directory, MastodonDatabase database, String... more) throws Exception {
		String url = database.jdbcUrl().replace("jdbc:postgresql://", "postgres://" + database.user() + "@");
		Files.createDirectories(directory.resolve("public/system"));
		Path file = directory.resolve(".env.production");
		List<String> lines = new ArrayList<>(List.of("# written by the test", "LOCAL_DOMAIN=example.social",
				"DATABASE_URL=" + url + (url.contains("?") ? "&" : "?") + "sslmode=disable",
				"DB_PASS=" + database.password()));
		lines.addAll(List.of(more));
		Files.write(file, lines);
		return file;
	}

	/**
	 * The id of the execution the run reported.
	 * @return the id
	 */
	long executionId() {
		Matcher matcher = EXECUTION.matcher(this.out + this.err);
		if (!matcher.find()) {
			throw new AssertionError("No execution reported in:\n" + this);
		}
		return Long.parseLong(matcher.group(1));
	}

	@Override
	public String toString() {
		return "exit " + this.status + "\n--- out\n" + this.out + "--- err\n" + this.err;
	}

}
