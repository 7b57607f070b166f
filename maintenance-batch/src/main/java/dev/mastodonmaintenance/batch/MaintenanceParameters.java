package dev.mastodonmaintenance.batch;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The job's parameters, read with tootctl's option names and defaults. Level options are
 * prefixed with the level's step name ({@code media-remove.days=7},
 * {@code statuses-remove.batch-size=1000}); values may be given as strings (as a command
 * line does) or typed. A value out of range is refused with a message naming the
 * parameter and what it accepts.
 */
public final class MaintenanceParameters {

	/**
	 * The instant the run was launched at; identifies the run and fixes its cut-offs
	 * across restarts.
	 */
	public static final String RUN_AT = "run.at";

	/** Comma-separated step names of the levels to run; all levels when absent. */
	public static final String LEVELS = "levels";

	/**
	 * Whether to walk the same selection and record the same manifest, deleting nothing.
	 */
	public static final String DRY_RUN = "dry-run";

	/**
	 * Whether the levels that remove data may run on a Mastodon schema newer than the
	 * newest release known, whose tootctl may keep more than they know.
	 */
	public static final String ALLOW_NEWER_SCHEMA = "allow-newer-schema";

	/**
	 * The most of anything a level does at once (windows of statuses, reachability
	 * checks): each holds a thread, and the database lanes a connection each; more would
	 * only queue, or exhaust the JVM's threads.
	 */
	public static final int MAX_CONCURRENCY = 64;

	/**
	 * The most rows (or keys) one chunk's statements may cover: a chunk is one short
	 * transaction.
	 */
	public static final int MAX_BATCH_SIZE = 10_000;

	private final JobParameters parameters;

	/**
	 * Reads job parameters.
	 * @param parameters the job's parameters
	 */
	public MaintenanceParameters(JobParameters parameters) {
		this.parameters = parameters;
	}

	/**
	 * The parameters of a new run, the inverse of reading them: the common ones, then
	 * each level's options under their prefixed names ({@code media-remove.days}), in the
	 * string form their readers parse. Option names may use tootctl's underscores
	 * ({@code batch_size}), which become hyphens.
	 * @param runAt the launch instant
	 * @param levels the levels to run; empty for all of them
	 * @param dryRun whether nothing may be removed
	 * @param allowNewerSchema whether the levels that remove data may run on a newer
	 * Mastodon schema
	 * @param options each level's options, by option name, typed ({@link Number},
	 * {@link Boolean}, {@link Duration}, a {@link Collection} for a list) or as strings
	 * @return the job parameters
	 */
	public static JobParameters of(Instant runAt, Set<Level> levels, boolean dryRun, boolean allowNewerSchema,
			Map<Level, ? extends Map<String, ?>> options) {
		JobParametersBuilder builder = newRun(runAt);
		if (!levels.isEmpty()) {
			builder.addString(LEVELS,
					EnumSet.copyOf(levels).stream().map(Level::stepName).collect(Collectors.joining(",")));
		}
		builder.addString(DRY_RUN, String.valueOf(dryRun));
		if (allowNewerSchema) {
			builder.addString(ALLOW_NEWER_SCHEMA, "true");
		}
		options.forEach((level, values) -> values.forEach(
				(name, value) -> builder.addString(level.parameterName(name.trim().replace('_', '-')), format(value))));
		return builder.toJobParameters();
	}

	private static String format(@Nullable Object value) {
		if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
			// 7.0 is written 7, as typed
			return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
		}
		if (value instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).collect(Collectors.joining(","));
		}
		return String.valueOf(value);
	}

	/**
	 * Starts the parameters of a new run launched now.
	 * @param runAt the launch instant
	 * @return a builder holding {@link #RUN_AT}
	 */
	public static JobParametersBuilder newRun(Instant runAt) {
		return new JobParametersBuilder().addString(RUN_AT, runAt.toString());
	}

	/**
	 * The launch instant, which cut-offs are computed from so that a restart selects what
	 * the first attempt selected.
	 * @return the launch instant
	 */
	public Instant runAt() {
		String value = string(RUN_AT, null);
		if (value == null) {
			throw invalid(RUN_AT, "(missing)", "an ISO-8601 instant such as 2026-11-25T04:00:00Z");
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw invalid(RUN_AT, value, "an ISO-8601 instant such as 2026-11-25T04:00:00Z");
		}
	}

	/**
	 * The launch time minus a number of days, as Mastodon's UTC timestamp columns hold
	 * it.
	 * @param days days, fractional allowed
	 * @return the cut-off
	 */
	public LocalDateTime daysBeforeRun(double days) {
		return LocalDateTime.ofInstant(runAt().minus(Duration.ofMillis(Math.round(days * 86_400_000d))),
				ZoneOffset.UTC);
	}

	/**
	 * The levels this run does.
	 * @return the selected levels
	 * @throws IllegalArgumentException when a level is unknown
	 */
	public Set<Level> levels() {
		String value = string(LEVELS, null);
		return levels(value, (name, ex) -> {
			throw new IllegalArgumentException("Invalid job parameter " + LEVELS + "=" + value + ": " + ex.getMessage(),
					ex);
		});
	}

	/**
	 * The levels named by a value of {@link #LEVELS} as a run recorded it, leaving out
	 * those this version does not know.
	 * @param value the parameter's value, {@code null} or blank for all levels
	 * @return the levels
	 */
	public static Set<Level> knownLevels(@Nullable String value) {
		return levels(value, (name, ex) -> {
		});
	}

	private static Set<Level> levels(@Nullable String value, BiConsumer<String, IllegalArgumentException> unknown) {
		if (value == null || value.isBlank()) {
			return EnumSet.allOf(Level.class);
		}
		Set<Level> levels = EnumSet.noneOf(Level.class);
		for (String name : value.split(",")) {
			try {
				levels.add(Level.ofStepName(name));
			}
			catch (IllegalArgumentException ex) {
				unknown.accept(name, ex);
			}
		}
		return levels;
	}

	/**
	 * The options of one level, read under their prefixed names.
	 * @param level the level
	 * @return the level's parameters
	 */
	public LevelParameters of(Level level) {
		return new LevelParameters(this, level);
	}

	/**
	 * Whether this is a dry run.
	 * @return {@code true} when nothing may be deleted
	 */
	public boolean dryRun() {
		return flag(DRY_RUN);
	}

	/**
	 * Whether the run may remove data on a Mastodon schema newer than the newest release
	 * known.
	 * @return the value of {@link #ALLOW_NEWER_SCHEMA}, {@code false} when absent
	 */
	public boolean allowNewerSchema() {
		return flag(ALLOW_NEWER_SCHEMA);
	}

	/**
	 * A string parameter.
	 * @param name the parameter name
	 * @param fallback the value when absent
	 * @return the value
	 */
	public @Nullable String string(String name, @Nullable String fallback) {
		JobParameter<?> parameter = this.parameters.getParameter(name);
		return (parameter != null) ? String.valueOf(parameter.value()) : fallback;
	}

	/**
	 * A boolean option, false when absent, as a tootctl flag.
	 * @param name the parameter name
	 * @return the value
	 */
	public boolean flag(String name) {
		String value = string(name, "false");
		if ("true".equalsIgnoreCase(value)) {
			return true;
		}
		if ("false".equalsIgnoreCase(value)) {
			return false;
		}
		throw invalid(name, value, "true or false");
	}

	/**
	 * A whole number option.
	 * @param name the parameter name
	 * @param fallback the tootctl default
	 * @param min the smallest value accepted
	 * @param message tootctl's message for a value below {@code min}, or {@code null} for
	 * a generic one
	 * @return the value
	 */
	public int integer(String name, int fallback, int min, @Nullable String message) {
		return integer(name, fallback, min, Integer.MAX_VALUE, message);
	}

	/**
	 * A whole number option with an upper bound, such as a concurrency or a batch size.
	 * @param name the parameter name
	 * @param fallback the tootctl default
	 * @param min the smallest value accepted
	 * @param max the largest value accepted
	 * @param message tootctl's message for a value below {@code min}, or {@code null} for
	 * a generic one
	 * @return the value
	 */
	public int integer(String name, int fallback, int min, int max, @Nullable String message) {
		String value = string(name, null);
		if (value == null) {
			return fallback;
		}
		String range = (max == Integer.MAX_VALUE) ? "a whole number of at least " + min
				: "a whole number from " + min + " to " + max;
		int parsed;
		try {
			parsed = Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw invalid(name, value, range);
		}
		if (parsed < min) {
			throw invalid(name, value, (message != null) ? message : range);
		}
		if (parsed > max) {
			throw invalid(name, value, "at most " + max + " (" + range + ")");
		}
		return parsed;
	}

	/**
	 * A concurrency option: from 1 to {@link #MAX_CONCURRENCY}.
	 * @param name the parameter name
	 * @param fallback the tootctl default
	 * @return the value
	 */
	public int concurrency(String name, int fallback) {
		return integer(name, fallback, 1, MAX_CONCURRENCY,
				"Cannot run with this concurrency setting, must be at least 1");
	}

	/**
	 * A batch size option: from 1 to {@link #MAX_BATCH_SIZE}.
	 * @param name the parameter name
	 * @param fallback the default
	 * @param message tootctl's message for a value below 1, or {@code null} for a generic
	 * one
	 * @return the value
	 */
	public int batchSize(String name, int fallback, @Nullable String message) {
		return integer(name, fallback, 1, MAX_BATCH_SIZE, message);
	}

	/**
	 * A number of days, fractional allowed as tootctl allows it.
	 * @param name the parameter name
	 * @param fallback the tootctl default
	 * @return the value, never negative
	 */
	public double days(String name, double fallback) {
		String value = string(name, null);
		if (value == null) {
			return fallback;
		}
		double parsed;
		try {
			parsed = Double.parseDouble(value.trim());
		}
		catch (NumberFormatException ex) {
			throw invalid(name, value, "a number of days of at least 0");
		}
		if (!Double.isFinite(parsed) || parsed < 0) {
			throw invalid(name, value, "a number of days of at least 0");
		}
		return parsed;
	}

	/**
	 * A duration option, in ISO-8601 ({@code PT12H}) or as {@code 12h}, {@code 30m},
	 * {@code 1d}.
	 * @param name the parameter name
	 * @param fallback the default
	 * @return the value, never negative
	 */
	public Duration duration(String name, Duration fallback) {
		String value = string(name, null);
		if (value == null) {
			return fallback;
		}
		Duration parsed = parseDuration(value.trim());
		if (parsed == null || parsed.isNegative()) {
			throw invalid(name, value, "a duration of at least 0 such as 1d, 12h, 30m or PT12H");
		}
		return parsed;
	}

	private static @Nullable Duration parseDuration(String value) {
		try {
			if (value.startsWith("P") || value.startsWith("p")) {
				return Duration.parse(value);
			}
			long amount = Long.parseLong(value.substring(0, value.length() - 1));
			return switch (Character.toLowerCase(value.charAt(value.length() - 1))) {
				case 'd' -> Duration.ofDays(amount);
				case 'h' -> Duration.ofHours(amount);
				case 'm' -> Duration.ofMinutes(amount);
				case 's' -> Duration.ofSeconds(amount);
				default -> null;
			};
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * A comma-separated list option.
	 * @param name the parameter name
	 * @return the trimmed non-empty values, empty when absent
	 */
	public List<String> list(String name) {
		String value = string(name, "");
		return Arrays.stream(value.split(",")).map(String::trim).filter((item) -> !item.isEmpty()).toList();
	}

	/**
	 * The names of all parameters given.
	 * @return the names
	 */
	public Set<String> names() {
		return this.parameters.parameters().stream().map(JobParameter::name).collect(Collectors.toSet());
	}

	/**
	 * The raw job parameters.
	 * @return the parameters
	 */
	public JobParameters jobParameters() {
		return this.parameters;
	}

	/**
	 * The error for a value out of range.
	 * @param name the parameter name
	 * @param value the value given
	 * @param expected what is accepted
	 * @return an exception whose message names both
	 */
	public static IllegalArgumentException invalid(String name, String value, String expected) {
		return new IllegalArgumentException("Invalid job parameter " + name + "=" + value + ": " + expected);
	}

}
