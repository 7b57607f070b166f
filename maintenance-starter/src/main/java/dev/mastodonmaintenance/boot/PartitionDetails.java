package dev.mastodonmaintenance.boot;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;

/**
 * One partition of a partitioned level (a step of its own,
 * {@code media-remove-partition:3}), as it ran last in the run.
 *
 * @param number the partition's number, from 0
 * @param share what it covers ({@code ids above 1000, up to 2000}); {@code null} when the
 * version that cut it did not record it
 * @param node the host and process that ran it last ({@code mastodon-1 (pid 4242)});
 * {@code null} before one started it
 * @param stepExecutionId its latest step execution
 * @param executionId the execution that ran it last: the one shown, or an earlier one of
 * the same run that completed it before a restart
 * @param status its status
 * @param startTime when it started
 * @param endTime when it ended, {@code null} while running
 * @param readCount rows (or keys) it read
 * @param writeCount rows it wrote (deleted or changed)
 * @param fraction its share done, from 0 to 1, while it runs; {@code null} once it ended
 * or when it reports none
 * @param phase the phase it is in, {@code null} for a level of one phase
 */
public record PartitionDetails(int number, @Nullable String share, @Nullable String node, long stepExecutionId,
		long executionId, BatchStatus status, @Nullable Instant startTime, @Nullable Instant endTime, long readCount,
		long writeCount, @Nullable Double fraction, @Nullable String phase) {

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
