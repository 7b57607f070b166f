package dev.mastodonmaintenance.operator.cli;

import java.util.List;

/**
 * Reads a failure's stack trace for the one line an operator needs.
 */
final class Failures {

	private static final int MAX_LENGTH = 400;

	private Failures() {
	}

	/**
	 * The reason of a failure: the message of the exception that made the step fail,
	 * which our levels word for the operator ("Cannot reach the Rails cache Redis at
	 * ..."), followed by its root cause when that says something more ("Connection
	 * refused").
	 * @param trace a stack trace as {@link Throwable#printStackTrace()} writes it, or a
	 * plain message
	 * @return one line
	 */
	static String reason(String trace) {
		List<String> lines = trace.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
		if (lines.isEmpty()) {
			return "";
		}
		String reason = withoutPackage(lines.get(0));
		String root = null;
		for (String line : lines) {
			if (line.startsWith("Caused by: ")) {
				root = withoutPackage(line.substring("Caused by: ".length()));
			}
		}
		if (root != null && !reason.contains(messageOf(root))) {
			reason = reason + " (cause: " + root + ")";
		}
		return (reason.length() > MAX_LENGTH) ? reason.substring(0, MAX_LENGTH) + "…" : reason;
	}

	/** {@code java.lang.IllegalStateException: x} as {@code IllegalStateException: x}. */
	private static String withoutPackage(String line) {
		int colon = line.indexOf(": ");
		String type = (colon >= 0) ? line.substring(0, colon) : line;
		if (!type.matches("[\\w.$]+")) {
			return line;
		}
		return type.substring(type.lastIndexOf('.') + 1) + ((colon >= 0) ? line.substring(colon) : "");
	}

	private static String messageOf(String line) {
		int colon = line.indexOf(": ");
		return (colon >= 0) ? line.substring(colon + 2) : line;
	}

}
