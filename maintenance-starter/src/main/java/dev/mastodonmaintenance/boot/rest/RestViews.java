package dev.mastodonmaintenance.boot.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.ExecutionPage;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.LevelFigures;
import dev.mastodonmaintenance.boot.PartitionDetails;
import dev.mastodonmaintenance.boot.Progress;
import dev.mastodonmaintenance.boot.StepDetails;
import dev.mastodonmaintenance.boot.audit.OperatorAction;
import org.jspecify.annotations.Nullable;

/**
 * The JSON documents of the REST API: the facade's value types with levels named by their
 * step names.
 */
final class RestViews {

	private RestViews() {
	}

	record Launched(long executionId) {
	}

	record Summary(long id, long instanceId, String status, String exitCode, Instant createTime,
			@Nullable Instant startTime, @Nullable Instant endTime, @Nullable Long durationMillis, List<String> levels,
			boolean dryRun, Map<String, String> parameters, LevelFigures totals) {

		static Summary of(ExecutionSummary execution) {
			return new Summary(execution.id(), execution.instanceId(), execution.status().name(), execution.exitCode(),
					execution.createTime(), execution.startTime(), execution.endTime(), millis(execution.duration()),
					execution.levels().stream().map(Level::stepName).toList(), execution.dryRun(),
					execution.parameters(), execution.totals());
		}

	}

	record Page(List<Summary> executions, int page, int size, long total, int totalPages) {

		static Page of(ExecutionPage page) {
			return new Page(page.executions().stream().map(Summary::of).toList(), page.page(), page.size(),
					page.total(), page.totalPages());
		}

	}

	record Step(long id, String name, String status, String exitCode, String exitDescription,
			@Nullable Instant startTime, @Nullable Instant endTime, @Nullable Long durationMillis, long readCount,
			long writeCount, long commitCount, long rollbackCount, long skipCount, @Nullable String summary,
			LevelFigures figures, List<String> failures, List<Partition> partitions) {

		static Step of(StepDetails step) {
			return new Step(step.id(), step.name(), step.status().name(), step.exitCode(), step.exitDescription(),
					step.startTime(), step.endTime(), millis(step.duration()), step.readCount(), step.writeCount(),
					step.commitCount(), step.rollbackCount(), step.skipCount(), step.summary(), step.figures(),
					step.failures(), step.partitions().stream().map(Partition::of).toList());
		}

	}

	record Partition(int number, @Nullable String share, @Nullable String node, long stepExecutionId, long executionId,
			String status, @Nullable Instant startTime, @Nullable Instant endTime, @Nullable Long durationMillis,
			long readCount, long writeCount, @Nullable Double fraction, @Nullable String phase) {

		static Partition of(PartitionDetails partition) {
			return new Partition(partition.number(), partition.share(), partition.node(), partition.stepExecutionId(),
					partition.executionId(), partition.status().name(), partition.startTime(), partition.endTime(),
					millis(partition.duration()), partition.readCount(), partition.writeCount(), partition.fraction(),
					partition.phase());
		}

	}

	record Details(Summary execution, String exitDescription, List<Step> steps, List<String> failures,
			ExecutionDetails.Actions actions, List<OperatorAction> operatorActions) {

		static Details of(ExecutionDetails details, List<OperatorAction> operatorActions) {
			return new Details(Summary.of(details.summary()), details.exitDescription(),
					details.steps().stream().map(Step::of).toList(), details.failures(), details.actions(),
					operatorActions);
		}

	}

	record ProgressView(long executionId, String status, @Nullable String step, int stepNumber, int stepCount,
			long processed, @Nullable Long estimatedTotal, @Nullable Double fraction, String basis) {

		static ProgressView of(Progress progress) {
			return new ProgressView(progress.executionId(), progress.status().name(), progress.stepName(),
					progress.stepNumber(), progress.stepCount(), progress.processed(), progress.estimatedTotal(),
					progress.fraction(), progress.basis().name());
		}

	}

	/**
	 * A run to start: {@code {"levels": ["media-remove"], "options": {"media-remove":
	 * {"days": 7}}, "dryRun": true}}; every member optional.
	 */
	record Run(@Nullable List<String> levels, @Nullable Map<String, Map<String, Object>> options,
			@Nullable Boolean dryRun) {
	}

	private static @Nullable Long millis(@Nullable Duration duration) {
		return (duration != null) ? duration.toMillis() : null;
	}

}
