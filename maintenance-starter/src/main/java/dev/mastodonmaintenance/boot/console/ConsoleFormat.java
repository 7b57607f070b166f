package dev.mastodonmaintenance.boot.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.boot.Durations;
import org.jspecify.annotations.Nullable;

/**
 * Formats the console's values: times in UTC (Mastodon's timestamps are UTC), durations and sizes in the
 * words tootctl uses. Exposed to the templates as {@code fmt}.
 */
public final class ConsoleFormat {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	/**
	 * A time in UTC.
	 * @param time the instant, may be {@code null}
	 * @return such as {@code 2026-11-25 04:00:12}, or a dash
	 */
	public String time(@Nullable Instant time) {
		return (time != null) ? TIME.format(time) : "–";
	}

	/**
	 * A duration in words.
	 * @param duration the duration, may be {@code null}
	 * @return such as {@code 850 ms}, {@code 12 min 30 s}, or a dash
	 */
	public String duration(@Nullable Duration duration) {
		return (duration != null) ? Durations.words(duration) : "–";
	}

	/**
	 * A size as tootctl prints it.
	 * @param bytes the size
	 * @return such as {@code 59.6 KB}
	 */
	public String size(long bytes) {
		return LevelReport.humanSize(bytes);
	}

	/**
	 * The lines of a text, blank ones left out.
	 * @param text the text, may be {@code null}
	 * @return its lines
	 */
	public List<String> lines(@Nullable String text) {
		return (text != null) ? text.lines().filter((line) -> !line.isBlank()).toList() : List.of();
	}

	/**
	 * The first line of a text, such as an exception's message above its stack trace.
	 * @param text the text, may be {@code null}
	 * @return the first line, empty for none
	 */
	public String firstLine(@Nullable String text) {
		return (text != null) ? text.lines().findFirst().orElse("").strip() : "";
	}

	/**
	 * A count with thousands separators.
	 * @param count the count
	 * @return such as {@code 12,345}
	 */
	public String count(long count) {
		return String.format(Locale.ROOT, "%,d", count);
	}

}
