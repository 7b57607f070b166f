package dev.mastodonmaintenance.batch.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the JVM's own garbage-collection log ({@code -Xlog:gc:file=...}) says of a run's
 * heap: the most it held before a collection, the most a collection left (an upper bound
 * of what the program kept alive) and the most it reserved. Resident memory alone cannot
 * tell a heap that grows with the instance from one the JVM sized generously.
 */
final class GcLog {

	// "[1.234s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->5M(256M)
	// 3.456ms"
	private static final Pattern PAUSE = Pattern.compile("GC\\(\\d+\\) .* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

	private GcLog() {
	}

	/**
	 * The option that makes a JVM write the log this class reads.
	 * @param file where the log goes
	 * @return the JVM option
	 */
	static String option(Path file) {
		return "-Xlog:gc:file=" + file;
	}

	/**
	 * Reads the log a run wrote.
	 * @param file the log
	 * @return one line for the benchmark's notes
	 * @throws IOException if the log cannot be read
	 */
	static String summary(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file);
		long before = 0;
		long after = 0;
		long reserved = 0;
		int collections = 0;
		for (String line : lines) {
			Matcher pause = PAUSE.matcher(line);
			if (pause.find()) {
				collections++;
				before = Math.max(before, Long.parseLong(pause.group(1)));
				after = Math.max(after, Long.parseLong(pause.group(2)));
				reserved = Math.max(reserved, Long.parseLong(pause.group(3)));
			}
		}
		return String.format(Locale.ROOT,
				"heap: %d collections, at most %d MB used before one, at most %d MB left after one, "
						+ "at most %d MB committed",
				collections, before, after, reserved);
	}

}
