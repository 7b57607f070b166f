package dev.mastodonmaintenance.boot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.mastodonmaintenance.batch.Level;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;

/**
 * One step (one level) of an execution.
 *
 * @param id the step execution id
 * @param name the step name, the level's ({@code media-remove})
 * @param level the level, {@code null} for a step this version does not know
 * @param status its status
 * @param exitCode its exit code; {@code NOOP} when the level was skipped (not selected,
 * or not available with what is configured)
 * @param exitDescription its exit description: the level's summary, or the failure
 * @param startTime when it started
 * @param endTime when it ended, {@code null} while running
 * @param readCount rows (or keys) read
 * @param writeCount rows written (deleted or changed)
 * @param commitCount chunks committed
 * @param rollbackCount chunks rolled back
 * @param readSkipCount items skipped on read
 * @param processSkipCount items skipped on process
 * @param writeSkipCount items skipped on write
 * @param summary the level's summary lines in tootctl's words (context key
 * {@code report.summary}), once the step ended
 * @param figures the level's figures so far
 * @param failures the full stack traces of what made it fail, oldest first
 * @param partitions its partitions, in the order they were cut; empty for a level run as
 * one step
 */
public record StepDetails(long id, String name, @Nullable Level level, BatchStatus status, String exitCode,
		String exitDescription, @Nullable Instant startTime, @Nullable Instant endTime, long readCount, long writeCount,
		long commitCount, long rollbackCount, long readSkipCount, long processSkipCount, long writeSkipCount,
		@Nullable String summary, LevelFigures figures, List<String> failures, List<PartitionDetails> partitions) {

	public StepDetails {
		failures = List.copyOf(failures);
		partitions = List.copyOf(partitions);
	}

	/**
	 * All items skipped.
	 * @return read, process and write skips added up
	 */
	public long skipCount() {
		return this.readSkipCount + this.processSkipCount + this.writeSkipCount;
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

}
