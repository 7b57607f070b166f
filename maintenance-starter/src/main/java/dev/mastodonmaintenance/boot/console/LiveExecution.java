package dev.mastodonmaintenance.boot.console;

import java.util.List;

import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.PartitionDetails;
import dev.mastodonmaintenance.boot.Progress;
import dev.mastodonmaintenance.boot.StepDetails;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;

/**
 * An execution's page as JSON, formatted as the page shows it, so that the page's script
 * replaces its header, its facts, its levels' rows and its bar with one answer and they
 * never disagree.
 *
 * @param id the execution
 * @param status its status
 * @param running whether it is marked running
 * @param dryRun whether it is a dry run
 * @param exitCode its exit code ({@link ConsoleFormat#exitCode})
 * @param started when it started (UTC), or a dash
 * @param ended when it ended (UTC), or a dash
 * @param duration how long it ran so far
 * @param removed what it removed (or, a dry run, would remove) so far
 * @param progress where it is
 * @param steps its levels so far, in the order they ran
 * @param actions what can be done with it now
 */
record LiveExecution(long id, BatchStatus status, boolean running, boolean dryRun, String exitCode, String started,
		String ended, String duration, String removed, LiveProgress progress, List<LiveStep> steps,
		ExecutionDetails.Actions actions) {

	static LiveExecution of(ExecutionDetails details, List<StepDetails> steps, @Nullable Progress progress,
			ConsoleFormat format) {
		ExecutionSummary summary = details.summary();
		return new LiveExecution(summary.id(), summary.status(), summary.running(), summary.dryRun(),
				format.exitCode(summary), format.time(summary.startTime()), format.time(summary.endTime()),
				format.duration(summary.duration()), format.removed(summary.totals()),
				LiveProgress.of(progress, format),
				steps.stream().map((step) -> LiveStep.of(step, summary.id(), format)).toList(), details.actions());
	}

	/**
	 * The bar.
	 *
	 * @param text the line above it
	 * @param fraction how much of the level is done, from 0 to 1, {@code null} when
	 * unknown
	 * @param phase the level's phase, {@code null} when it has one only
	 */
	record LiveProgress(String text, @Nullable Double fraction, @Nullable String phase) {

		static LiveProgress of(@Nullable Progress progress, ConsoleFormat format) {
			return new LiveProgress(format.progress(progress), (progress != null) ? progress.fraction() : null,
					(progress != null) ? progress.phase() : null);
		}

	}

	/**
	 * One level's row.
	 *
	 * @param name the step name
	 * @param tootctl the tootctl command it mirrors, {@code null} for a step this version
	 * does not know
	 * @param status its status
	 * @param exitCode its exit code
	 * @param read rows read
	 * @param written rows written
	 * @param skipped items skipped
	 * @param commits chunks committed
	 * @param rollbacks chunks rolled back
	 * @param freed bytes freed (or that would be)
	 * @param duration how long it ran so far
	 * @param summary its summary lines, once completed
	 * @param failure the first line of what made it fail, empty for none
	 * @param note the first line of its exit description when it did not complete and did
	 * not fail
	 * @param partitionsSummary its partitions counted by status, empty for a level run as
	 * one step
	 * @param partitions its partitions' rows
	 */
	record LiveStep(String name, @Nullable String tootctl, BatchStatus status, String exitCode, String read,
			String written, String skipped, String commits, String rollbacks, String freed, String duration,
			List<String> summary, String failure, String note, String partitionsSummary,
			List<LivePartition> partitions) {

		static LiveStep of(StepDetails step, long executionId, ConsoleFormat format) {
			boolean completed = step.status() == BatchStatus.COMPLETED;
			return new LiveStep(step.name(), (step.level() != null) ? "tootctl " + step.level().tootctlCommand() : null,
					step.status(), step.exitCode(), format.count(step.readCount()), format.count(step.writeCount()),
					format.count(step.skipCount()), format.count(step.commitCount()),
					format.count(step.rollbackCount()), format.size(step.figures().bytesFreed()),
					format.duration(step.duration()), completed ? format.lines(step.summary()) : List.of(),
					step.failures().isEmpty() ? "" : format.firstLine(step.failures().get(0)),
					(!completed && step.failures().isEmpty()) ? format.firstLine(step.exitDescription()) : "",
					step.partitions().isEmpty() ? "" : format.partitions(step.partitions()),
					step.partitions()
						.stream()
						.map((partition) -> LivePartition.of(partition, executionId, format))
						.toList());
		}

	}

	/**
	 * One partition's row, under its level's.
	 *
	 * @param number the partition's number
	 * @param status its status
	 * @param ranIn the execution that ran it, when an earlier one ({@code in execution
	 * 11}), else empty
	 * @param progress how far it is while it runs ({@code statuses 40%}), else empty
	 * @param share what it covers, or a dash
	 * @param node the node that ran it last, or a dash
	 * @param read rows read
	 * @param written rows written
	 * @param duration how long it ran so far
	 */
	record LivePartition(int number, BatchStatus status, String ranIn, String progress, String share, String node,
			String read, String written, String duration) {

		static LivePartition of(PartitionDetails partition, long executionId, ConsoleFormat format) {
			return new LivePartition(partition.number(), partition.status(),
					(partition.executionId() != executionId) ? "in execution " + partition.executionId() : "",
					format.partitionProgress(partition), (partition.share() != null) ? partition.share() : "–",
					(partition.node() != null) ? partition.node() : "–", format.count(partition.readCount()),
					format.count(partition.writeCount()), format.duration(partition.duration()));
		}

	}

}
