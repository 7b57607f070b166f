package dev.mastodonmaintenance.boot;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * One execution of the maintenance job as a {@link MaintenanceRunListener} is told of it:
 * its options and, per level that has started, its status and figures.
 *
 * @param executionId the execution
 * @param runId the job instance (the run) it belongs to
 * @param dryRun whether the run removes nothing
 * @param levels the levels the run does
 * @param status the execution's status
 * @param startTime when it started, {@code null} before
 * @param endTime when it ended, {@code null} while running
 * @param levelRuns the levels that have started, in the order they ran; skipped ones
 * included
 */
public record MaintenanceRun(long executionId, long runId, boolean dryRun, Set<Level> levels, BatchStatus status,
		@Nullable Instant startTime, @Nullable Instant endTime, List<LevelRun> levelRuns) {

	public MaintenanceRun {
		levels = levels.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Level.class))
				: Collections.unmodifiableSet(EnumSet.copyOf(levels));
		levelRuns = List.copyOf(levelRuns);
	}

	/**
	 * The view of a job execution of the maintenance job.
	 * @param execution the execution
	 * @return its view
	 */
	public static MaintenanceRun of(JobExecution execution) {
		MaintenanceParameters parameters = new MaintenanceParameters(execution.getJobParameters());
		List<LevelRun> levelRuns = execution.getStepExecutions()
			.stream()
			.filter((step) -> Arrays.stream(Level.values())
				.anyMatch((level) -> level.stepName().equals(step.getStepName())))
			.map(MaintenanceRun::levelRun)
			.toList();
		return new MaintenanceRun(execution.getId(), execution.getJobInstance().getInstanceId(), parameters.dryRun(),
				parameters.levels(), execution.getStatus(), instant(execution.getStartTime()),
				instant(execution.getEndTime()), levelRuns);
	}

	private static LevelRun levelRun(StepExecution step) {
		return new LevelRun(Level.ofStepName(step.getStepName()), step.getStatus(),
				ExitStatus.NOOP.getExitCode().equals(step.getExitStatus().getExitCode()),
				LevelFigures.of(LevelReport.of(step.getExecutionContext())), instant(step.getStartTime()),
				instant(step.getEndTime()));
	}

	private static @Nullable Instant instant(@Nullable LocalDateTime time) {
		// Spring Batch keeps local times of the JVM's zone
		return (time != null) ? time.atZone(ZoneId.systemDefault()).toInstant() : null;
	}

	/**
	 * One level of a run.
	 *
	 * @param level the level
	 * @param status its step's status
	 * @param skipped whether it was skipped (not selected, or not available with what is
	 * configured)
	 * @param figures what it did so far; for a restarted level, what its run did since
	 * the run began
	 * @param startTime when its step started
	 * @param endTime when its step ended, {@code null} while running
	 */
	public record LevelRun(Level level, BatchStatus status, boolean skipped, LevelFigures figures,
			@Nullable Instant startTime, @Nullable Instant endTime) {

	}

}
