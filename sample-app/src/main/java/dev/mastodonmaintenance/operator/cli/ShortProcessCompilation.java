package dev.mastodonmaintenance.operator.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Keeps HotSpot's optimizing compiler (C2) out of a one-shot command. Such a process runs
 * for seconds to hours beside Mastodon's PostgreSQL, on the same few CPUs, and spends its
 * time waiting for the database: at 1M statuses, C2's compilations took 24 s of the 28 s
 * of user CPU a {@code statuses remove} used, for code that then waits faster; with this
 * directive the process used 16.6 s of CPU, against 23.7 s on the same copy without it
 * (docs/benchmarks/statuses-remove.md). The directive is added as
 * {@code jcmd PID Compiler.directives_add} adds one (JEP 165), through the JVM's own
 * diagnostic command bean, so that {@code java -jar} needs no option; a JVM without that
 * command (not HotSpot) keeps its defaults. {@code serve} and {@code worker}, which run
 * for days, keep C2, and so do the commands whose work is in the JVM:
 * {@code media remove-orphans} and {@code run}, which includes it.
 */
final class ShortProcessCompilation {

	private static final String DIRECTIVE = "[{ match: \"*.*\", c2: { Exclude: true } }]";

	private ShortProcessCompilation() {
	}

	/**
	 * Adds the directive on a thread of its own, beside the command's start: the
	 * platform's bean server it goes through takes about 0.1 s to start, which the
	 * command's own start need not wait for; C2 compiles only a few small methods of the
	 * JDK in that time.
	 */
	static void applyMeanwhile() {
		Thread thread = new Thread(ShortProcessCompilation::apply, "compiler-directive");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Adds the directive to this JVM.
	 * @return whether the JVM took it
	 */
	static boolean apply() {
		Path file = null;
		try {
			file = Files.createTempFile("mastodon-maintenance-compiler", ".json");
			Files.writeString(file, DIRECTIVE);
			Object added = ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
						new Object[] { new String[] { file.toString() } }, new String[] { String[].class.getName() });
			return added instanceof String output && output.contains("1 compiler directives added");
		}
		catch (IOException | JMException | RuntimeException ex) {
			return false;
		}
		finally {
			if (file != null) {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					// a temporary file of a few bytes; the system's cleaning takes it
				}
			}
		}
	}

}
