package dev.mastodonmaintenance.operator.packaged;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.springframework.util.FileSystemUtils;

/**
 * Commands run as other operating system users, as an operator's {@code sudo -u} would:
 * the tests need root for this, which CI has on this kind of machine; elsewhere they are
 * skipped, saying why.
 */
final class OperatingSystem {

	/** The operating system user, and database role, of Mastodon's standard install. */
	static final String MASTODON_USER = "mastodon";

	private OperatingSystem() {
	}

	/**
	 * A temporary directory owned by a user, removed when the test JVM exits.
	 * @param user its owner
	 * @param prefix a prefix for its name
	 * @return the directory
	 */
	static Path directoryOf(String user, String prefix) throws IOException, InterruptedException {
		Path directory = Files.createTempDirectory(prefix);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(directory)));
		run("chown", user, directory.toString());
		return directory;
	}

	static void deleteQuietly(Path directory) {
		try {
			FileSystemUtils.deleteRecursively(directory);
		}
		catch (IOException ex) {
			// a temporary directory left behind
		}
	}

	/** Skips the calling test unless it runs as root on Linux. */
	static void assumeRoot() {
		Assumptions.assumeTrue(
				"root".equals(System.getProperty("user.name")) && "Linux".equals(System.getProperty("os.name")),
				"runs only as root on Linux: it starts processes as other operating system users");
	}

	/** Creates Mastodon's system user unless it exists, as a Mastodon install has it. */
	static void ensureMastodonUser() throws IOException, InterruptedException {
		if (exitStatus("id", "-u", MASTODON_USER) != 0) {
			run("useradd", "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin",
					MASTODON_USER);
		}
	}

	/**
	 * The prefix that runs a command as a user, with that user's group and no other.
	 * @param user the user
	 * @return {@code setpriv ...}
	 */
	static List<String> as(String user) {
		return List.of("setpriv", "--reuid=" + user, "--regid=" + group(user), "--clear-groups");
	}

	private static String group(String user) {
		try {
			return output("id", "-gn", user).strip();
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void runAs(String user, String... command) throws IOException, InterruptedException {
		List<String> full = new ArrayList<>(as(user));
		full.addAll(List.of(command));
		run(full.toArray(String[]::new));
	}

	static void run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
		}
	}

	private static String output(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor();
		return output;
	}

	private static int exitStatus(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getInputStream().readAllBytes();
		return process.waitFor();
	}

}
