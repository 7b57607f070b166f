package dev.mastodonmaintenance.operator.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Mastodon's {@code .env.production}, read as the Ruby {@code dotenv} gem reads it:
 * {@code KEY=value} lines, an optional {@code export} in front, {@code #} comments;
 * single-quoted values taken literally, double-quoted ones with {@code \n} escapes,
 * {@code ${VAR}} substitution and line breaks, unquoted ones trimmed and cut at
 * {@code #}. Unlike dotenv, a line that is none of these is an error naming it rather
 * than silently skipped: a mistyped database setting must not send the tool elsewhere.
 */
final class DotenvFile {

	private final String source;

	private final String text;

	private final Function<String, @Nullable String> environment;

	private final Map<String, String> values = new LinkedHashMap<>();

	private int position;

	private int line = 1;

	private DotenvFile(String source, String text, Function<String, @Nullable String> environment) {
		this.source = source;
		this.text = text;
		this.environment = environment;
	}

	/**
	 * Reads a dotenv file.
	 * @param file the file
	 * @param environment the process environment, which {@code ${VAR}} substitution looks
	 * at first
	 * @return the variables in file order
	 * @throws IllegalArgumentException when the file cannot be read or a line is
	 * malformed
	 */
	static Map<String, String> read(Path file, Function<String, @Nullable String> environment) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Cannot read Mastodon's environment file " + file + ": " + ex, ex);
		}
		return parse(file.toString(), text, environment);
	}

	/**
	 * Parses dotenv text.
	 * @param source where the text comes from, for error messages
	 * @param text the text
	 * @param environment the process environment, which {@code ${VAR}} substitution looks
	 * at first
	 * @return the variables in file order
	 * @throws IllegalArgumentException naming the line when one is malformed
	 */
	static Map<String, String> parse(String source, String text, Function<String, @Nullable String> environment) {
		DotenvFile parser = new DotenvFile(source, text, environment);
		parser.parseAll();
		return parser.values;
	}

	private void parseAll() {
		while (!atEnd()) {
			skipBlanks();
			if (atEnd()) {
				break;
			}
			char c = peek();
			if (c == '\n' || c == '\r') {
				newLine();
			}
			else if (c == '#') {
				skipToEndOfLine();
			}
			else {
				assignment();
			}
		}
	}

	private void assignment() {
		int lineOfKey = this.line;
		String key = word();
		if (key.equals("export") && (peek() == ' ' || peek() == '\t')) {
			skipBlanks();
			key = word();
		}
		if (key.isEmpty()) {
			throw malformed(lineOfKey, "expected KEY=value");
		}
		skipBlanks();
		if (atEnd() || peek() != '=' && peek() != ':') {
			throw malformed(lineOfKey, "expected '=' after " + key);
		}
		this.position++;
		skipBlanks();
		String value;
		if (!atEnd() && peek() == '\'') {
			value = singleQuoted(lineOfKey);
		}
		else if (!atEnd() && peek() == '"') {
			value = doubleQuoted(lineOfKey);
		}
		else {
			value = unquoted(lineOfKey);
		}
		skipBlanks();
		if (!atEnd() && peek() == '#') {
			skipToEndOfLine();
		}
		if (!atEnd() && peek() != '\n' && peek() != '\r') {
			throw malformed(lineOfKey, "unexpected text after the value of " + key);
		}
		this.values.put(key, value);
	}

	private String word() {
		int start = this.position;
		while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '.')) {
			this.position++;
		}
		return this.text.substring(start, this.position);
	}

	private String singleQuoted(int lineOfKey) {
		this.position++;
		StringBuilder value = new StringBuilder();
		while (true) {
			if (atEnd()) {
				throw malformed(lineOfKey, "unterminated single-quoted value");
			}
			char c = next();
			if (c == '\\' && !atEnd() && peek() == '\'') {
				value.append(next());
			}
			else if (c == '\'') {
				return value.toString();
			}
			else {
				countLine(c);
				value.append(c);
			}
		}
	}

	private String doubleQuoted(int lineOfKey) {
		this.position++;
		StringBuilder value = new StringBuilder();
		while (true) {
			if (atEnd()) {
				throw malformed(lineOfKey, "unterminated double-quoted value");
			}
			char c = next();
			if (c == '"') {
				return value.toString();
			}
			if (c == '\\' && !atEnd()) {
				char escaped = next();
				switch (escaped) {
					case 'n' -> value.append('\n');
					case 'r' -> value.append('\r');
					default -> value.append(escaped);
				}
			}
			else if (c == '$') {
				value.append(substitution(lineOfKey));
			}
			else {
				countLine(c);
				value.append(c);
			}
		}
	}

	private String unquoted(int lineOfKey) {
		StringBuilder value = new StringBuilder();
		while (!atEnd() && peek() != '#' && peek() != '\n' && peek() != '\r') {
			char c = next();
			if (c == '\\' && !atEnd() && peek() == '$') {
				value.append(next());
			}
			else if (c == '$') {
				value.append(substitution(lineOfKey));
			}
			else {
				value.append(c);
			}
		}
		return value.toString().strip();
	}

	private String substitution(int lineOfKey) {
		if (!atEnd() && peek() == '(') {
			throw malformed(lineOfKey, "command substitution $(...) is not supported; write the value itself");
		}
		boolean braced = !atEnd() && peek() == '{';
		if (braced) {
			this.position++;
		}
		String name = word();
		if (braced) {
			if (atEnd() || peek() != '}') {
				throw malformed(lineOfKey, "unterminated ${...}");
			}
			this.position++;
		}
		if (name.isEmpty()) {
			return braced ? "" : "$";
		}
		String fromEnvironment = this.environment.apply(name);
		if (fromEnvironment != null) {
			return fromEnvironment;
		}
		return this.values.getOrDefault(name, "");
	}

	private void skipBlanks() {
		while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
			this.position++;
		}
	}

	private void skipToEndOfLine() {
		while (!atEnd() && peek() != '\n') {
			this.position++;
		}
	}

	private void newLine() {
		countLine(next());
	}

	private void countLine(char c) {
		if (c == '\n') {
			this.line++;
		}
	}

	private boolean atEnd() {
		return this.position >= this.text.length();
	}

	private char peek() {
		return this.text.charAt(this.position);
	}

	private char next() {
		return this.text.charAt(this.position++);
	}

	private IllegalArgumentException malformed(int lineNumber, String problem) {
		return new IllegalArgumentException(
				"Malformed line " + lineNumber + " of Mastodon's environment file " + this.source + ": " + problem);
	}

}
