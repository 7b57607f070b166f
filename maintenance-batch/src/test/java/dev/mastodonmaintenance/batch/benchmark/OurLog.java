package dev.mastodonmaintenance.batch.benchmark;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of our program's log that mark where its time goes, read with their
 * timestamps: Flyway's first and last lines about our schema (the command line does not
 * log Spring Boot's "Started" line), and the end of each phase of {@code statuses-remove}
 * ({@code statuses-remove: phase X done}, logged at INFO by the level).
 */
final class OurLog {

	static final String FLYWAY_STARTED = "flyway started";

	static final String FLYWAY_DONE = "flyway done";

	private static final Pattern LINE = Pattern
		.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z)\\s.*");

	private static final Pattern PHASE_DONE = Pattern.compile("statuses-remove: phase (\\w+) done");

	private OurLog() {
	}

	/**
	 * Notes the instant of a line that marks a phase.
	 * @param line a line of the program's output
	 * @param marks where to note it, by phase name (or {@link #FLYWAY_STARTED},
	 * {@link #FLYWAY_DONE})
	 */
	static void mark(String line, Map<String, Instant> marks) {
		Matcher timestamped = LINE.matcher(line);
		if (!timestamped.matches()) {
			return;
		}
		Instant at;
		try {
			at = Instant.parse(timestamped.group(1));
		}
		catch (DateTimeParseException ex) {
			return;
		}
		Matcher phase = PHASE_DONE.matcher(line);
		if (phase.find()) {
			marks.put(phase.group(1), at);
		}
		else if (line.contains("Current version of schema \"mastodon_maintenance\"")) {
			marks.put(FLYWAY_STARTED, at);
		}
		else if (line.contains("Successfully applied") || line.contains("is up to date. No migration necessary")) {
			marks.put(FLYWAY_DONE, at);
		}
	}

}
