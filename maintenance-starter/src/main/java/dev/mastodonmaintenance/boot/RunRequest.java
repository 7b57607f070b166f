package dev.mastodonmaintenance.boot;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * What to run: which levels, with which options, and whether as a dry run. Options are
 * named as tootctl names them, per level ({@code days}, {@code prune-profiles},
 * {@code batch-size}; tootctl's underscores such as {@code batch_size} are accepted too);
 * an option not given takes the configured default
 * ({@code mastodon.maintenance.levels.<level>.<option>}), else tootctl's. Values are
 * typed as the level reads them ({@link Integer}, {@link Double}, {@link Boolean},
 * {@link java.time.Duration}, {@link String}), or strings for sources that only have
 * strings (a form, a JSON body); either way the level's own options parser reads and
 * checks them, once, before the run starts. <pre class="code">
 * RunRequest request = RunRequest.of(Level.MEDIA_REMOVE, Level.PREVIEW_CARDS_REMOVE)
 *     .option(Level.MEDIA_REMOVE, "days", 7)
 *     .option(Level.PREVIEW_CARDS_REMOVE, "link", true)
 *     .dryRun(true);
 * </pre>
 *
 * @param levels the levels to run; empty for all of them, light to very heavy
 * @param options the options per level, by tootctl name
 * @param dryRun whether to select and record what would be removed, removing nothing
 * @param allowNewerSchema whether the levels that remove data may run on a Mastodon
 * schema newer than the newest release known (job parameter {@code allow-newer-schema},
 * recorded with the run)
 */
public record RunRequest(Set<Level> levels, Map<Level, Map<String, Object>> options, boolean dryRun,
		boolean allowNewerSchema) {

	public RunRequest {
		levels = levels.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Level.class))
				: Collections.unmodifiableSet(EnumSet.copyOf(levels));
		options = copy(options);
	}

	/**
	 * A request that leaves a Mastodon schema newer than the newest release known
	 * refused.
	 * @param levels the levels to run; empty for all of them
	 * @param options the options per level, by tootctl name
	 * @param dryRun whether nothing may be removed
	 */
	public RunRequest(Set<Level> levels, Map<Level, ? extends Map<String, ?>> options, boolean dryRun) {
		this(levels, copy(options), dryRun, false);
	}

	private static Map<Level, Map<String, Object>> copy(Map<Level, ? extends Map<String, ?>> options) {
		Map<Level, Map<String, Object>> copy = new LinkedHashMap<>();
		options.forEach((level, values) -> copy.put(level, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
		return Collections.unmodifiableMap(copy);
	}

	/**
	 * A run of every level with the configured defaults.
	 * @return the request
	 */
	public static RunRequest allLevels() {
		return new RunRequest(Set.of(), Map.of(), false);
	}

	/**
	 * A run of some levels with the configured defaults.
	 * @param levels the levels; none for all
	 * @return the request
	 */
	public static RunRequest of(Level... levels) {
		return new RunRequest(Set.of(levels), Map.of(), false);
	}

	/**
	 * This request with one more option.
	 * @param level the level the option belongs to
	 * @param name the option's tootctl name, such as {@code days}
	 * @param value its value, typed as the level reads it or as a string, which the
	 * level's options parser reads as it reads a job parameter
	 * @return a new request
	 */
	public RunRequest option(Level level, String name, Object value) {
		Map<Level, Map<String, Object>> copy = new LinkedHashMap<>(this.options);
		Map<String, Object> values = new LinkedHashMap<>(copy.getOrDefault(level, Map.of()));
		values.put(name, value);
		copy.put(level, values);
		return new RunRequest(this.levels, copy, this.dryRun, this.allowNewerSchema);
	}

	/**
	 * The job parameters of this request, launched at an instant: the inverse of reading
	 * them with {@link MaintenanceParameters}.
	 * @param runAt the launch instant
	 * @param defaults the configured options, by level and option name, which this
	 * request's own override
	 * @return the job parameters
	 */
	public JobParameters toJobParameters(Instant runAt, Map<Level, ? extends Map<String, ?>> defaults) {
		Map<Level, Map<String, Object>> options = new EnumMap<>(Level.class);
		defaults
			.forEach((level, values) -> options.computeIfAbsent(level, (key) -> new LinkedHashMap<>()).putAll(values));
		// tootctl's batch_size and our batch-size are one option
		this.options.forEach((level, values) -> values
			.forEach((name, value) -> options.computeIfAbsent(level, (key) -> new LinkedHashMap<>())
				.put(name.trim().replace('_', '-'), value)));
		return MaintenanceParameters.of(runAt, this.levels, this.dryRun, this.allowNewerSchema, options);
	}

	/**
	 * This request as a dry run or not.
	 * @param dryRun whether nothing may be removed
	 * @return a new request
	 */
	public RunRequest dryRun(boolean dryRun) {
		return new RunRequest(this.levels, this.options, dryRun, this.allowNewerSchema);
	}

	/**
	 * This request allowed, or not, to remove data on a Mastodon schema newer than the
	 * newest release known.
	 * @param allowNewerSchema whether to run the levels anyway
	 * @return a new request
	 */
	public RunRequest allowNewerSchema(boolean allowNewerSchema) {
		return new RunRequest(this.levels, this.options, this.dryRun, allowNewerSchema);
	}

}
