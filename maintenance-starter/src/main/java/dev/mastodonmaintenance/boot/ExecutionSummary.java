package dev.mastodonmaintenance.boot;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.mastodonmaintenance.batch.Level;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;

/**
 * One execution of the maintenance job as the executions list shows it. A restart is a
 * new execution of the same job instance, with the same parameters.
 *
 * @param id the execution id
 * @param instanceId the job instance (the run) it belongs to
 * @param status its status
 * @param exitCode its exit code ({@code COMPLETED}, {@code FAILED}, {@code STOPPED},
 * {@code UNKNOWN}...)
 * @param createTime when it was created
 * @param startTime when it started, {@code null} before
 * @param endTime when it ended, {@code null} while running
 * @param levels the levels of the run
 * @param dryRun whether the run removes nothing
 * @param parameters the job parameters as given, by name ({@code run.at},
 * {@code media-remove.days}...)
 * @param totals the figures of all its steps added up
 */
public record ExecutionSummary(long id, long instanceId, BatchStatus status, String exitCode, Instant createTime,
		@Nullable Instant startTime, @Nullable Instant endTime, Set<Level> levels, boolean dryRun,
		Map<String, String> parameters, LevelFigures totals) {

	public ExecutionSummary {
		levels = levels.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Level.class))
				: Collections.unmodifiableSet(EnumSet.copyOf(levels));
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	/**
	 * How long it ran, or has been running so far.
	 * @return the duration, {@code null} before it started
	 */
	public @Nullable Duration duration() {
		if (this.startTime == null) {
			return null;
		}
		return Duration.between(this.startTime, (this.endTime != null) ? this.endTime : Instant.now());
	}

	/**
	 * Whether the repository says it is running ({@code STARTING}, {@code STARTED} or
	 * {@code STOPPING}); an execution whose JVM was killed stays so until
	 * {@link MastodonMaintenance#recover recovered}.
	 * @return {@code true} while marked running
	 */
	public boolean running() {
		return this.status.isRunning();
	}

}
