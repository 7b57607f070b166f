package dev.mastodonmaintenance.boot.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.PartitionClaims;
import dev.mastodonmaintenance.batch.MaintenanceJob;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.MaintenanceException;
import dev.mastodonmaintenance.boot.MaintenanceException.Reason;
import dev.mastodonmaintenance.boot.RunRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * The launching side of the facade: takes the cluster-wide {@link RunLock}, turns a typed
 * request into the job's parameters over the configured defaults, settles executions left
 * running by a node that no longer runs them, and starts, restarts, stops, abandons and
 * recovers executions.
 */
final class RunLauncher {

	// the facade's name: the operator CLI quiets the warnings of leftover runs by it
	private static final Log logger = LogFactory.getLog(DefaultMastodonMaintenance.class);

	private static final Duration LOCK_WAIT = Duration.ofSeconds(2);

	private final Job job;

	private final JobOperator operator;

	private final JobRepository repository;

	private final RunLock lock;

	private final LocalRuns localRuns;

	private final ExecutionRecords records;

	private final ExecutionReader reader;

	private final Map<Level, Map<String, Object>> defaults;

	private final Clock clock;

	private final PartitionClaims claims;

	RunLauncher(Job job, JobOperator operator, JobRepository repository, RunLock lock, LocalRuns localRuns,
			ExecutionRecords records, ExecutionReader reader, Map<Level, Map<String, Object>> defaults, Clock clock,
			PartitionClaims claims) {
		this.job = job;
		this.operator = operator;
		this.repository = repository;
		this.lock = lock;
		this.localRuns = localRuns;
		this.records = records;
		this.reader = reader;
		this.defaults = defaults;
		this.clock = clock;
		this.claims = claims;
	}

	/**
	 * Checks the defaults as the options of a dry run of every level (Mastodon's schema
	 * is checked at each launch).
	 * @throws MaintenanceException {@code INVALID_PARAMETERS} with the job validator's
	 * message
	 */
	void checkDefaults() {
		validate(parameters(RunRequest.allLevels().dryRun(true), this.clock.instant()));
	}

	long start(RunRequest request) {
		return launch(parameters(request, this.clock.instant()), null);
	}

	long startScheduled(RunRequest request, Instant slot) {
		return launch(parameters(request, slot), slot);
	}

	private JobParameters parameters(RunRequest request, Instant runAt) {
		return request.toJobParameters(runAt, this.defaults);
	}

	long restart(long executionId) {
		JobExecution execution = this.reader.find(executionId);
		if (ExecutionReader.stranded(execution.getStatus())) {
			if (execution.getStatus().isRunning() && this.lock.heldAnywhere()) {
				throw new MaintenanceException(Reason.ALREADY_RUNNING,
						"Execution " + executionId + " is running; stop it before restarting it");
			}
			recover(executionId);
			execution = this.reader.find(executionId);
		}
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED) {
			throw illegal(
					"Execution " + executionId + " completed: a completed run cannot be restarted; start a new run");
		}
		if (status == BatchStatus.ABANDONED) {
			throw illegal(
					"Execution " + executionId + " was abandoned: its run can never be restarted; start a new run");
		}
		if (this.reader.finishing(execution)) {
			throw new MaintenanceException(Reason.ALREADY_RUNNING, "Execution " + executionId
					+ " was stopped and is finishing its current chunk; restart it once its step has stopped");
		}
		JobExecution last = this.repository.getLastJobExecution(execution.getJobInstance());
		if (last != null && last.getId() != executionId) {
			throw illegal("Execution " + executionId + " is not the last execution of its run (instance "
					+ execution.getJobInstance().getInstanceId() + "): restart execution " + last.getId() + " instead");
		}
		return launch(execution.getJobParameters(), null);
	}

	void stop(long executionId) {
		JobExecution execution = this.reader.find(executionId);
		if (execution.getStatus() == BatchStatus.STOPPING) {
			return;
		}
		if (!execution.getStatus().isRunning()) {
			throw illegal("Execution " + executionId + " is not running (status " + execution.getStatus()
					+ "): there is nothing to stop");
		}
		if (!this.lock.heldAnywhere()) {
			throw illegal(leftover(execution) + " Recover it instead of stopping it.");
		}
		try {
			this.operator.stop(execution);
		}
		catch (JobExecutionNotRunningException ex) {
			throw illegal("Execution " + executionId + " ended before it could be stopped");
		}
	}

	void abandon(long executionId) {
		JobExecution execution = this.reader.find(executionId);
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.ABANDONED) {
			return;
		}
		if (status == BatchStatus.COMPLETED) {
			throw illegal("Execution " + executionId + " completed: there is nothing to abandon");
		}
		if (status.isRunning()) {
			throw illegal("Execution " + executionId + " is marked " + status
					+ ": stop it first, or recover it if its JVM was killed");
		}
		if (this.reader.finishing(execution)) {
			throw illegal("Execution " + executionId
					+ " was stopped and is finishing its current chunk; abandon it once its step has stopped");
		}
		try {
			this.operator.abandon(execution);
		}
		catch (JobExecutionAlreadyRunningException ex) {
			throw illegal("Execution " + executionId + " cannot be abandoned: " + ex.getMessage());
		}
	}

	void recover(long executionId) {
		JobExecution execution = this.reader.find(executionId);
		if (!ExecutionReader.stranded(execution.getStatus())) {
			throw illegal("Execution " + executionId + " is not marked running or UNKNOWN (status "
					+ execution.getStatus() + "): there is nothing to recover");
		}
		// holding the lock proves no node runs the job, and keeps anyone from starting
		// while we recover
		if (!this.lock.tryAcquire()) {
			throw illegal("Execution " + executionId
					+ " is running on a node sharing the database (it holds the run lock): stop it instead");
		}
		try {
			markFailed(execution);
		}
		finally {
			this.lock.release();
		}
	}

	Optional<ExecutionSummary> toResume() {
		Optional<ExecutionSummary> last = this.reader.lastExecution();
		if (last.isEmpty()) {
			return last;
		}
		BatchStatus status = last.get().status();
		boolean resumable = (status == BatchStatus.FAILED)
				|| (ExecutionReader.stranded(status) && !this.lock.heldAnywhere());
		return resumable ? last : Optional.empty();
	}

	private long launch(JobParameters parameters, @Nullable Instant slot) {
		validate(parameters);
		acquire();
		try {
			// we hold the lock, so an execution marked running is one that no live node
			// runs
			this.repository.findRunningJobExecutions(MaintenanceJob.NAME).forEach(this::markFailed);
			if (slot != null) {
				List<Long> launched = this.records.executionsLaunchedAt(slot);
				if (!launched.isEmpty()) {
					throw new MaintenanceException(Reason.ALREADY_RUNNING,
							"The scheduled run of " + slot
									+ " was already launched by a node sharing the database (execution "
									+ launched.get(0) + ")");
				}
			}
			return this.operator.start(this.job, parameters).getId();
		}
		catch (MaintenanceException ex) {
			this.lock.release();
			throw ex;
		}
		catch (InvalidJobParametersException ex) {
			this.lock.release();
			throw new MaintenanceException(Reason.INVALID_PARAMETERS, ex.getMessage(), ex);
		}
		catch (JobExecutionAlreadyRunningException ex) {
			this.lock.release();
			throw new MaintenanceException(Reason.ALREADY_RUNNING, ex.getMessage(), ex);
		}
		catch (JobInstanceAlreadyCompleteException | JobRestartException ex) {
			this.lock.release();
			throw new MaintenanceException(Reason.ILLEGAL_STATE, ex.getMessage(), ex);
		}
		catch (RuntimeException | Error ex) {
			this.lock.release();
			throw ex;
		}
	}

	/**
	 * Takes the run lock. While the lock is held but no execution is marked running, a
	 * run is being started or has just saved its end (the lock is released right after):
	 * that lasts milliseconds, so wait for it rather than refuse a start made as soon as
	 * the last run showed as ended.
	 */
	private void acquire() {
		long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
		while (!this.lock.tryAcquire()) {
			if (!this.repository.findRunningJobExecutions(MaintenanceJob.NAME).isEmpty()
					|| System.nanoTime() > deadline) {
				throw alreadyRunning();
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw alreadyRunning();
			}
		}
	}

	private void validate(JobParameters parameters) {
		try {
			this.job.getJobParametersValidator().validate(parameters);
		}
		catch (InvalidJobParametersException ex) {
			throw new MaintenanceException(Reason.INVALID_PARAMETERS, String.valueOf(ex.getMessage()), ex);
		}
	}

	private MaintenanceException alreadyRunning() {
		Set<JobExecution> running = this.repository.findRunningJobExecutions(MaintenanceJob.NAME);
		if (running.isEmpty()) {
			return new MaintenanceException(Reason.ALREADY_RUNNING,
					"A maintenance run is already running, being started or ending on a node sharing the database");
		}
		JobExecution execution = running.iterator().next();
		String where = this.localRuns.isRunning(execution.getId()) ? "on this node" : "on a node sharing the database";
		String step = execution.getStepExecutions()
			.stream()
			.filter((candidate) -> candidate.getStatus().isRunning())
			.map(StepExecution::getStepName)
			.findFirst()
			.map((name) -> ", in step " + name)
			.orElse("");
		return new MaintenanceException(Reason.ALREADY_RUNNING,
				"A maintenance run is already running " + where + ": execution " + execution.getId() + ", started "
						+ this.records.instant(execution.getStartTime()) + step + ". Wait for it to end or stop it.");
	}

	private String leftover(JobExecution execution) {
		return "Execution " + execution.getId() + " is marked " + execution.getStatus() + " since "
				+ this.records.instant(execution.getStartTime())
				+ " but no node is running it (its JVM was stopped or killed).";
	}

	/**
	 * Marks an execution that no node runs, and its unfinished steps, {@code FAILED}; the
	 * caller holds the lock. Unlike {@code JobOperator.recover}, this also settles
	 * {@code UNKNOWN}, which Spring Batch leaves when a chunk's transaction could neither
	 * commit nor roll back: here a chunk's work and its checkpoint commit together, so
	 * its restart resumes after whichever chunk committed last.
	 */
	private void markFailed(JobExecution execution) {
		// the run lock proves no manager runs it, not that no worker still runs one of
		// its partitions: failing that one would let a restart cut it again and run its
		// range twice at once
		for (StepExecution step : execution.getStepExecutions()) {
			if (Level.isPartition(step.getStepName()) && ExecutionReader.stranded(step.getStatus())
					&& this.claims.isClaimed(step.getId())) {
				throw new MaintenanceException(Reason.ALREADY_RUNNING, "Execution " + execution.getId()
						+ " has no manager left, but its partition " + step.getStepName()
						+ " is still running on a worker: wait for it to end, or stop that worker, then try again");
			}
		}
		String was = execution.getStatus().name();
		String reason = "Marked FAILED: left " + was + " by a process that no longer runs it (it was killed, or "
				+ "lost the database)";
		LocalDateTime now = LocalDateTime.now();
		for (StepExecution step : execution.getStepExecutions()) {
			if (ExecutionReader.stranded(step.getStatus())) {
				step.setStatus(BatchStatus.FAILED);
				step.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), reason)
					.addExitDescription(step.getExitStatus().getExitDescription()));
				if (step.getEndTime() == null) {
					step.setEndTime(now);
				}
				this.repository.update(step);
			}
		}
		execution.setStatus(BatchStatus.FAILED);
		execution.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), reason)
			.addExitDescription(execution.getExitStatus().getExitDescription()));
		if (execution.getEndTime() == null) {
			execution.setEndTime(now);
		}
		this.repository.update(execution);
		logger.warn("Execution " + execution.getId() + " was left " + was + " since "
				+ this.records.instant(execution.getStartTime()) + " with no node running it: marked FAILED; 'restart "
				+ execution.getId() + "' resumes it after its last committed chunk");
	}

	private static MaintenanceException illegal(String message) {
		return new MaintenanceException(Reason.ILLEGAL_STATE, message);
	}

}
