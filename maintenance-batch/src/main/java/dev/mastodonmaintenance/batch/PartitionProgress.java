package dev.mastodonmaintenance.batch;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;

/**
 * How far a partitioned level is while its partitions run: its manager step saves nothing
 * until they have all ended, so readers sum its partitions' step executions instead.
 *
 * @param partitions how many partitions the level was cut into
 * @param completed how many of them have completed, in this execution or an earlier one
 * of the run
 * @param readCount the rows (or keys) the partitions of this execution read
 * @param fraction the share of the level done, from 0 to 1: the mean of its partitions'
 * shares, which hold about as much work each
 * @param phase the phase a running partition is in, {@code null} for a level of one phase
 */
public record PartitionProgress(int partitions, int completed, long readCount, double fraction,
		@Nullable String phase) {

	/**
	 * The progress of a partitioned level's step execution.
	 * @param manager the level's step execution
	 * @param steps every step execution of the same job execution
	 * @return its partitions' progress, or {@code null} when it was not cut into
	 * partitions or they are being created
	 */
	public static @Nullable PartitionProgress of(StepExecution manager, Collection<StepExecution> steps) {
		List<String> names = LevelSplitter.names(manager.getExecutionContext());
		Integer started = LevelSplitter.started(manager.getExecutionContext());
		Level level = Level.ofExecutionName(manager.getStepName());
		if (names.isEmpty() || started == null || level == null || Level.isPartition(manager.getStepName())) {
			return null;
		}
		Map<String, StepExecution> latest = LevelPartition.latest(level, steps);
		// the partitions this attempt did not start completed in an earlier attempt
		int completed = Math.max(0, names.size() - started);
		double done = completed;
		long read = 0;
		String phase = null;
		for (StepExecution step : latest.values()) {
			read += step.getReadCount();
			if (step.getStatus() == BatchStatus.COMPLETED) {
				completed++;
				done += 1;
				continue;
			}
			LevelReport report = LevelReport.of(step.getExecutionContext());
			Double fraction = report.fraction();
			done += (fraction != null) ? fraction : 0;
			if (phase == null && step.getStatus().isRunning()) {
				phase = report.phase();
			}
		}
		return new PartitionProgress(names.size(), completed, read, Math.min(1, done / names.size()), phase);
	}

	/**
	 * Whether a step execution of a partitioned level has been cut into partitions.
	 * @param manager a level's step execution
	 * @return {@code true} once its partitions are recorded
	 */
	public static boolean partitioned(StepExecution manager) {
		return !LevelSplitter.names(manager.getExecutionContext()).isEmpty();
	}

}
