package dev.mastodonmaintenance.batch;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The job parameters of one level's options, read by their option names ({@code days})
 * under the level's prefix ({@code media-remove.days}); a value out of range is refused
 * with a message naming the prefixed parameter. What {@link LevelDefinition#options}
 * reads its options with.
 */
public final class LevelParameters {

	private final MaintenanceParameters parameters;

	private final Level level;

	LevelParameters(MaintenanceParameters parameters, Level level) {
		this.parameters = parameters;
		this.level = level;
	}

	/**
	 * The job parameter of an option.
	 * @param option the option's name
	 * @return its prefixed name
	 */
	public String name(String option) {
		return this.level.parameterName(option);
	}

	/**
	 * A string option.
	 * @param option the option's name
	 * @param fallback the value when absent
	 * @return the value
	 */
	public @Nullable String string(String option, @Nullable String fallback) {
		return this.parameters.string(name(option), fallback);
	}

	/**
	 * A flag, false when absent.
	 * @param option the option's name
	 * @return the value
	 * @see MaintenanceParameters#flag
	 */
	public boolean flag(String option) {
		return this.parameters.flag(name(option));
	}

	/**
	 * A concurrency option, from 1 to {@link MaintenanceParameters#MAX_CONCURRENCY}.
	 * @param option the option's name
	 * @param fallback the tootctl default
	 * @return the value
	 */
	public int concurrency(String option, int fallback) {
		return this.parameters.concurrency(name(option), fallback);
	}

	/**
	 * A whole number option within bounds.
	 * @param option the option's name
	 * @param fallback the default
	 * @param min the smallest value accepted
	 * @param max the largest value accepted
	 * @return the value
	 */
	public int integer(String option, int fallback, int min, int max) {
		return this.parameters.integer(name(option), fallback, min, max, null);
	}

	/**
	 * The level's partitioning options, {@code grid-size} and {@code partitions}.
	 * @return the partitioning
	 */
	public Partitioning partitioning() {
		return Partitioning.of(this);
	}

	/**
	 * A batch size option, from 1 to {@link MaintenanceParameters#MAX_BATCH_SIZE}.
	 * @param option the option's name
	 * @param fallback the default
	 * @param message tootctl's message for a value below 1, or {@code null} for a generic
	 * one
	 * @return the value
	 */
	public int batchSize(String option, int fallback, @Nullable String message) {
		return this.parameters.batchSize(name(option), fallback, message);
	}

	/**
	 * A number of days, fractional allowed as tootctl allows it.
	 * @param option the option's name
	 * @param fallback the tootctl default
	 * @return the value, never negative
	 */
	public double days(String option, double fallback) {
		return this.parameters.days(name(option), fallback);
	}

	/**
	 * A duration, in ISO-8601 or as {@code 12h}, {@code 30m}, {@code 1d}.
	 * @param option the option's name
	 * @param fallback the default
	 * @return the value, never negative
	 */
	public Duration duration(String option, Duration fallback) {
		return this.parameters.duration(name(option), fallback);
	}

	/**
	 * A comma-separated list option.
	 * @param option the option's name
	 * @return the trimmed non-empty values, empty when absent
	 */
	public List<String> list(String option) {
		return this.parameters.list(name(option));
	}

	/**
	 * The error for a value out of range.
	 * @param option the option's name
	 * @param value the value given
	 * @param expected what is accepted
	 * @return an exception whose message names the prefixed parameter and what it accepts
	 */
	public IllegalArgumentException invalid(String option, String value, String expected) {
		return MaintenanceParameters.invalid(name(option), value, expected);
	}

}
