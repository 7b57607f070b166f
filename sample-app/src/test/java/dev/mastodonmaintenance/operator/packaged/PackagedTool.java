package dev.mastodonmaintenance.operator.packaged;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * The tool as the Debian package installs it, the slim jar, started in a process of its
 * own with a clean environment, as a cron job or systemd would start it.
 *
 * @param status the exit status
 * @param out what went to standard output
 * @param err what went to standard error
 */
record PackagedTool(int status, String out, String err) {

	/**
	 * The slim jar that {@code mvn package} built, which failsafe names after the package
	 * phase; run by surefire (as {@code -Dtest=...} makes it), the calling test is
	 * skipped rather than run on a stale jar.
	 * @return its path
	 */
	static Path slimJar() {
		String jar = System.getProperty("packaged.slim-jar");
		Assumptions.assumeTrue(jar != null, "runs on the packaged jar, in the integration-test phase (failsafe)");
		Path path = Path.of(jar).toAbsolutePath();
		if (!Files.isRegularFile(path)) {
			throw new IllegalStateException("No packaged jar at " + path + ": run the packaged tests with "
					+ "'mvn verify', after the package phase");
		}
		return path;
	}

	/**
	 * Runs the slim jar.
	 * @param user the operating system user to run as, or {@code null} for the current
	 * one
	 * @param directory the working directory
	 * @param environment the whole environment (besides {@code PATH})
	 * @param args the arguments
	 * @return what it printed and its exit status
	 */
	static PackagedTool run(@Nullable String user, Path directory, Map<String, String> environment, String... args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		if (user != null) {
			command.addAll(OperatingSystem.as(user));
		}
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(List.of("-jar", slimJar().toString()));
		command.addAll(List.of(args));
		Path out = Files.createTempFile("tool", ".out");
		Path err = Files.createTempFile("tool", ".err");
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile());
		builder.environment().clear();
		builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
		builder.environment().put("HOME", directory.toString());
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("The tool did not exit in 5 minutes: " + String.join(" ", args));
		}
		PackagedTool result = new PackagedTool(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
		Files.delete(out);
		Files.delete(err);
		return result;
	}

	@Override
	public String toString() {
		return "exit " + this.status + "\n--- out\n" + this.out + "--- err\n" + this.err;
	}

}
