package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the documents of {@code --json}: indented, one per command, the fields in the
 * order they were put.
 */
final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private Json() {
	}

	/**
	 * Prints a document and flushes.
	 * @param out where to
	 * @param document maps, lists, strings, numbers and booleans
	 */
	static void print(PrintWriter out, Object document) {
		out.println(MAPPER.writeValueAsString(document));
		out.flush();
	}

}
