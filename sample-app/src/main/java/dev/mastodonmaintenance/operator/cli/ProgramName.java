package dev.mastodonmaintenance.operator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.jspecify.annotations.Nullable;

/**
 * How the operator starts the tool: the installed program's name, and the
 * {@code java -jar} line when it runs from its jar, both shown in usage lines and hints.
 */
final class ProgramName {

	/** The installed program. */
	static final String NAME = "mastodon-maintenance";

	/**
	 * Set by the installed program's launcher, which runs the jar: its users type
	 * {@link #NAME}, not the jar.
	 */
	static final String INSTALLED_PROPERTY = "mastodon-maintenance.installed";

	private ProgramName() {
	}

	/**
	 * The {@code java -jar} invocation of this process, with the jar's path as it was
	 * typed.
	 * @param application the tool's Spring Boot application
	 * @return {@code java -jar path/to/the.jar}, or {@code null} when not started from
	 * the tool's jar (from an IDE, a test runner's jar, or the installed program)
	 */
	static @Nullable String jarInvocation(Class<?> application) {
		if (Boolean.getBoolean(INSTALLED_PROPERTY)) {
			return null;
		}
		// the jar and the arguments as typed, "sample-app/target/sample-app.jar run", or
		// the main class
		String command = System.getProperty("sun.java.command", "").strip();
		String first = command.split("\\s+", 2)[0];
		return (first.endsWith(".jar") && startsThisTool(Path.of(first), application)) ? "java -jar " + first : null;
	}

	/**
	 * Whether the jar is the tool's: Spring Boot's launcher starts this application from
	 * it.
	 */
	private static boolean startsThisTool(Path jar, Class<?> application) {
		if (!Files.isRegularFile(jar)) {
			return false;
		}
		try (JarFile file = new JarFile(jar.toFile())) {
			Manifest manifest = file.getManifest();
			return manifest != null
					&& application.getName().equals(manifest.getMainAttributes().getValue("Start-Class"));
		}
		catch (IOException ex) {
			return false;
		}
	}

}
