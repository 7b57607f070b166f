package dev.mastodonmaintenance.boot.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelPartition;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.MaintenanceJob;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.batch.PartitionProgress;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.ExecutionPage;
import dev.mastodonmaintenance.boot.ExecutionQuery;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.LevelFigures;
import dev.mastodonmaintenance.boot.MaintenanceException;
import dev.mastodonmaintenance.boot.MaintenanceException.Reason;
import dev.mastodonmaintenance.boot.PartitionDetails;
import dev.mastodonmaintenance.boot.Progress;
import dev.mastodonmaintenance.boot.Progress.Basis;
import dev.mastodonmaintenance.boot.StepDetails;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.EmptyResultDataAccessException;

/**
 * The read side of the facade: executions listed and detailed, with the operations their
 * state allows, and the progress of a run as its levels report it ({@link LevelReport}).
 */
final class ExecutionReader {

	private final JobRepository repository;

	private final ExecutionRecords records;

	private final RunLock lock;

	ExecutionReader(JobRepository repository, ExecutionRecords records, RunLock lock) {
		this.repository = repository;
		this.records = records;
		this.lock = lock;
	}

	ExecutionPage executions(ExecutionQuery query) {
		return this.records.page(query);
	}

	Optional<ExecutionSummary> lastExecution() {
		return this.records.page(ExecutionQuery.firstPage().page(0, 1)).executions().stream().findFirst();
	}

	Optional<ExecutionDetails> execution(long executionId) {
		JobExecution execution = load(executionId);
		Optional<ExecutionSummary> summary = this.records.summary(executionId);
		if (execution == null || summary.isEmpty()) {
			return Optional.empty();
		}
		ExecutionContext context = execution.getExecutionContext();
		// a partitioned level is its own step; its partitions' failures are told with it
		List<StepDetails> steps = execution.getStepExecutions()
			.stream()
			.filter((step) -> !Level.isPartition(step.getStepName()))
			.sorted(Comparator.comparingLong(StepExecution::getId))
			.map((step) -> step(step, context, execution))
			.toList();
		List<String> failures = FailureTraces.ofJob(context);
		if (failures.isEmpty() && execution.getStatus() == BatchStatus.FAILED
				&& steps.stream().allMatch((step) -> step.failures().isEmpty())) {
			failures = List.of(execution.getExitStatus().getExitDescription());
		}
		String schema = context.containsKey(MaintenanceJob.MASTODON_SCHEMA)
				? context.getString(MaintenanceJob.MASTODON_SCHEMA) : null;
		return Optional.of(new ExecutionDetails(summary.get(), execution.getExitStatus().getExitDescription(), steps,
				failures, actions(execution), schema));
	}

	/**
	 * How far an execution is, from the report of its running (or, once over, last) step
	 * among the levels it selected: the level's own position in its current phase when it
	 * reports one, else the read count of the same step the last time it completed.
	 */
	Optional<Progress> progress(long executionId) {
		JobExecution execution = load(executionId);
		return (execution != null) ? Optional.of(progress(execution)) : Optional.empty();
	}

	private Progress progress(JobExecution execution) {
		List<Level> selected = List.copyOf(MaintenanceParameters.knownLevels(
				new MaintenanceParameters(execution.getJobParameters()).string(MaintenanceParameters.LEVELS, null)));
		StepExecution step = execution.getStepExecutions()
			.stream()
			// a level's step, not one of its partitions' (whose level() is null)
			.filter((candidate) -> level(candidate.getStepName()) != null
					&& selected.contains(level(candidate.getStepName())))
			.max(Comparator.comparingLong(StepExecution::getId))
			.orElse(null);
		int stepCount = selected.size();
		if (step == null) {
			return new Progress(execution.getId(), execution.getStatus(), null, null, 0, stepCount, null, 0, null, null,
					null, null, Basis.NONE);
		}
		Level level = level(step.getStepName());
		int number = selected.indexOf(level) + 1;
		long processed = step.getReadCount();
		Double rate = rate(step, processed);
		if (step.getStatus() == BatchStatus.COMPLETED) {
			return new Progress(execution.getId(), execution.getStatus(), step.getStepName(), level, number, stepCount,
					null, processed, processed, 1.0, rate, Duration.ZERO, Basis.DONE);
		}
		LevelReport report = LevelReport.of(step.getExecutionContext());
		Double fraction = report.fraction();
		PartitionProgress partitions = PartitionProgress.of(step, execution.getStepExecutions());
		if (partitions != null && fraction == null) {
			// its partitions run: their reads over their mean share done
			long read = partitions.readCount();
			Long total = (partitions.fraction() > 0) ? Math.max(read, Math.round(read / partitions.fraction())) : null;
			return new Progress(execution.getId(), execution.getStatus(), step.getStepName(), level, number, stepCount,
					partitions.phase(), read, total, partitions.fraction(), rate(step, read),
					(total != null) ? remaining(rate(step, read), read, total) : null, Basis.ID_RANGE);
		}
		if (fraction != null && fraction > 0) {
			// the rows of the phase so far, over its share done, after those of the
			// phases before it
			long phaseStart = Math.min(report.phaseStart(), processed);
			long total = Math.max(processed, phaseStart + Math.round((processed - phaseStart) / fraction));
			return new Progress(execution.getId(), execution.getStatus(), step.getStepName(), level, number, stepCount,
					report.phase(), processed, total, fraction, rate, remaining(rate, processed, total),
					Basis.ID_RANGE);
		}
		Optional<Long> previous = this.records.lastCompletedReadCount(step.getStepName(), execution.getId());
		if (previous.isPresent() && previous.get() > 0) {
			long total = Math.max(previous.get(), processed);
			return new Progress(execution.getId(), execution.getStatus(), step.getStepName(), level, number, stepCount,
					report.phase(), processed, total, (double) processed / total, rate,
					remaining(rate, processed, total), Basis.PREVIOUS_RUN);
		}
		return new Progress(execution.getId(), execution.getStatus(), step.getStepName(), level, number, stepCount,
				report.phase(), processed, null, null, rate, null, Basis.NONE);
	}

	private static @Nullable Double rate(StepExecution step, long processed) {
		if (step.getStartTime() == null || processed == 0) {
			return null;
		}
		LocalDateTime end = (step.getEndTime() != null) ? step.getEndTime() : LocalDateTime.now();
		double seconds = Duration.between(step.getStartTime(), end).toMillis() / 1000.0;
		return (seconds > 0) ? processed / seconds : null;
	}

	private static @Nullable Duration remaining(@Nullable Double rate, long processed, long total) {
		return (rate != null) ? Duration.ofSeconds(Math.round(Math.max(0, total - processed) / rate)) : null;
	}

	@Nullable JobExecution load(long executionId) {
		try {
			return this.repository.getJobExecution(executionId);
		}
		catch (EmptyResultDataAccessException ex) {
			return null;
		}
	}

	/**
	 * An execution of the maintenance job.
	 * @throws MaintenanceException {@code NOT_FOUND} when there is none
	 */
	JobExecution find(long executionId) {
		JobExecution execution = load(executionId);
		if (execution == null || !MaintenanceJob.NAME.equals(execution.getJobInstance().getJobName())) {
			throw new MaintenanceException(Reason.NOT_FOUND, "No execution " + executionId + " of the maintenance job");
		}
		return execution;
	}

	/**
	 * Statuses of an execution that ended without saving how: running with no node
	 * running it, or UNKNOWN.
	 */
	static boolean stranded(BatchStatus status) {
		return status.isRunning() || status == BatchStatus.UNKNOWN;
	}

	/**
	 * Whether an execution was stopped but its step is still finishing its chunk: Spring
	 * Batch 6 records a stop as {@code STOPPED} at once, and the step follows at the end
	 * of its chunk.
	 */
	boolean finishing(JobExecution execution) {
		return !execution.getStatus().isRunning()
				&& execution.getStepExecutions().stream().anyMatch((step) -> step.getStatus().isRunning())
				&& this.lock.heldAnywhere();
	}

	private StepDetails step(StepExecution step, ExecutionContext jobContext, JobExecution execution) {
		ExecutionContext context = step.getExecutionContext();
		List<String> failures = new ArrayList<>(FailureTraces.ofStep(jobContext, step.getId()));
		if (failures.isEmpty() && step.getStatus() == BatchStatus.FAILED) {
			failures.add(step.getExitStatus().getExitDescription());
		}
		// a partition left alone by a restart (completed before it) is read from the
		// execution that completed it
		List<LevelPartition> cut = LevelPartition.of(step, execution.getStepExecutions(),
				(name) -> this.repository.getLastStepExecution(execution.getJobInstance(), name));
		for (LevelPartition each : cut) {
			StepExecution partition = each.execution();
			if (partition.getJobExecutionId() == execution.getId() && partition.getStatus() == BatchStatus.FAILED) {
				List<String> traces = FailureTraces.ofStep(jobContext, partition.getId());
				(traces.isEmpty() ? List.of(partition.getExitStatus().getExitDescription()) : traces)
					.forEach((trace) -> failures.add(partition.getStepName() + ": " + trace));
			}
		}
		List<PartitionDetails> partitions = cut.stream().map(this::partition).toList();
		// a level with work after its partitions runs its step again, which restarts its
		// clock: it began with its first partition of this execution
		Instant start = partitions.stream()
			.filter((partition) -> partition.executionId() == execution.getId())
			.map(PartitionDetails::startTime)
			.filter(Objects::nonNull)
			.reduce(this.records.instant(step.getStartTime()),
					(earliest, next) -> (earliest == null || next.isBefore(earliest)) ? next : earliest);
		return new StepDetails(step.getId(), step.getStepName(), level(step.getStepName()), step.getStatus(),
				step.getExitStatus().getExitCode(), step.getExitStatus().getExitDescription(), start,
				this.records.instant(step.getEndTime()), step.getReadCount(), step.getWriteCount(),
				step.getCommitCount(), step.getRollbackCount(), step.getReadSkipCount(), step.getProcessSkipCount(),
				step.getWriteSkipCount(),
				context.containsKey(LevelReport.SUMMARY) ? context.getString(LevelReport.SUMMARY) : null,
				LevelFigures.of(LevelReport.of(context)), failures, partitions);
	}

	private PartitionDetails partition(LevelPartition partition) {
		StepExecution step = partition.execution();
		LevelReport report = LevelReport.of(step.getExecutionContext());
		boolean running = step.getStatus().isRunning();
		return new PartitionDetails(partition.number(), partition.share(), partition.node(), step.getId(),
				step.getJobExecutionId(), step.getStatus(), this.records.instant(step.getStartTime()),
				this.records.instant(step.getEndTime()), step.getReadCount(), step.getWriteCount(),
				running ? report.fraction() : null, running ? report.phase() : null);
	}

	private ExecutionDetails.Actions actions(JobExecution execution) {
		BatchStatus status = execution.getStatus();
		boolean running = status.isRunning();
		boolean live = running && this.lock.heldAnywhere();
		boolean finishing = finishing(execution);
		boolean ended = (status == BatchStatus.FAILED || status == BatchStatus.STOPPED) && !finishing;
		boolean last = false;
		if (ended) {
			JobExecution lastOfRun = this.repository.getLastJobExecution(execution.getJobInstance());
			last = lastOfRun == null || lastOfRun.getId() == execution.getId();
		}
		return new ExecutionDetails.Actions(live && status != BatchStatus.STOPPING, ended && last,
				ended || (status == BatchStatus.UNKNOWN && !finishing),
				(running && !live) || status == BatchStatus.UNKNOWN);
	}

	private static @Nullable Level level(String stepName) {
		try {
			return Level.ofStepName(stepName);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
