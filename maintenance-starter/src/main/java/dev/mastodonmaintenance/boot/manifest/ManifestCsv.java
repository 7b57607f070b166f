package dev.mastodonmaintenance.boot.manifest;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A manifest entry as a CSV line (RFC 4180: fields with a comma, a quote or a line break
 * are quoted, lines end with CRLF). A key or a reason that begins like a spreadsheet
 * formula ({@code = + - @}) gets a leading {@code '}, so that opening an export cannot
 * run what a remote server named a file.
 */
final class ManifestCsv {

	private ManifestCsv() {
	}

	static String line(ManifestEntry entry) {
		List<@Nullable Object> fields = new ArrayList<>();
		fields.add(entry.executionId());
		fields.add(entry.stepName());
		fields.add(entry.state().value());
		fields.add(entry.kind().name().toLowerCase(java.util.Locale.ROOT));
		fields.add(entry.table());
		fields.add(entry.rowId());
		fields.add(text(entry.key()));
		fields.add(entry.recordedBytes());
		fields.add(entry.storageBytes());
		fields.add(text(entry.detail()));
		fields.add(entry.recordedAt());
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) {
				line.append(',');
			}
			line.append(quoted((fields.get(i) != null) ? fields.get(i).toString() : ""));
		}
		return line.append("\r\n").toString();
	}

	private static @Nullable String text(@Nullable String value) {
		return (value != null && !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
	}

	private static String quoted(String field) {
		if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
			return field;
		}
		return '"' + field.replace("\"", "\"\"") + '"';
	}

}
