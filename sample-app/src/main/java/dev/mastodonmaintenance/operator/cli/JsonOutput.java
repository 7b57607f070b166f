package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --json}: a command's result as one JSON document on standard output, for scripts; everything else a
 * command says goes to standard error. Documents are maps and lists of strings, numbers and booleans, built by
 * each command with its documented field names, so that the names stay stable whatever the Java types.
 */
final class JsonOutput {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JsonOutput() {
	}

	static void write(PrintWriter out, Object document) {
		out.println(MAPPER.writeValueAsString(document));
		out.flush();
	}

}
