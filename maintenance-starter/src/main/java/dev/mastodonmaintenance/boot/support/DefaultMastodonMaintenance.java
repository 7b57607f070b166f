package dev.mastodonmaintenance.boot.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.MaintenanceJob;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.ExecutionPage;
import dev.mastodonmaintenance.boot.ExecutionQuery;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.LevelFigures;
import dev.mastodonmaintenance.boot.MaintenanceException;
import dev.mastodonmaintenance.boot.MaintenanceException.Reason;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.Progress;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.StepDetails;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link MastodonMaintenance} facade over the job, its {@link JobOperator} and {@link JobRepository}.
 * Launches take the cluster-wide {@link RunLock} first; the {@link ListenedJob} releases it when the
 * execution ends.
 * <p>
 * Restarts go through {@code JobOperator.start} with the execution's own parameters (which Spring Batch
 * treats as a restart of that job instance) rather than {@code JobOperator.restart}: the operator is given
 * an empty job registry on purpose, because with the job registered its {@code stop} also rewrites the
 * running step execution from another thread, which fails the run with an optimistic locking error
 * (spring-batch#5120, #5484). Without it, a stop is recorded in the repository and the step stops at the
 * end of its chunk, as it does for a run on another node.
 */
public class DefaultMastodonMaintenance implements MastodonMaintenance {

	private static final Log logger = LogFactory.getLog(DefaultMastodonMaintenance.class);

	private static final Duration LOCK_WAIT = Duration.ofSeconds(2);

	private final Job job;

	private final JobOperator operator;

	private final JobRepository repository;

	private final RunLock lock;

	private final LocalRuns localRuns;

	private final ExecutionRecords records;

	private final ProgressEstimator progress;

	private final Map<String, String> defaults;

	private final Clock clock;

	/**
	 * Creates the facade.
	 * @param job the maintenance job, as wrapped by {@link ListenedJob}
	 * @param operator the job operator, on the starter's task executor
	 * @param repository the job repository in our schema
	 * @param serializer the repository's execution context serializer
	 * @param tablePrefix the repository's table prefix, {@code <schema>.BATCH_}
	 * @param mastodon Mastodon's database
	 * @param lock the run lock
	 * @param localRuns the executions running in this JVM
	 * @param defaults default options, by level step name and tootctl option name
	 * @param clock the clock launch instants are read from
	 * @throws IllegalArgumentException when the defaults name an unknown level or option, or a value out of
	 * range
	 */
	public DefaultMastodonMaintenance(Job job, JobOperator operator, JobRepository repository,
			ExecutionContextSerializer serializer, String tablePrefix, JdbcTemplate mastodon, RunLock lock,
			LocalRuns localRuns, Map<String, Map<String, String>> defaults, Clock clock) {
		this.job = job;
		this.operator = operator;
		this.repository = repository;
		this.lock = lock;
		this.localRuns = localRuns;
		this.records = new ExecutionRecords(mastodon, tablePrefix, serializer);
		this.progress = new ProgressEstimator(mastodon, ProgressEstimator.WALKED_TABLES, this.records);
		this.clock = clock;
		try {
			this.defaults = flatten(defaults, "mastodon.maintenance.levels");
			validate(parameters(RunRequest.allLevels(), Instant.now(clock)));
		}
		catch (MaintenanceException ex) {
			throw new IllegalArgumentException("Invalid default level options (mastodon.maintenance.levels.*): "
					+ ex.getMessage(), ex);
		}
	}

	@Override
	public long start(RunRequest request) {
		return launch(parameters(request, Instant.now(this.clock)), null);
	}

	/**
	 * Starts the run of a schedule slot, unless some node already launched it.
	 * @param request what to run
	 * @param slot the instant the schedule fired for, the run's launch instant on every node
	 * @return the id of the new execution
	 * @throws MaintenanceException as {@link #start}, and {@code ALREADY_RUNNING} when the slot's run was
	 * already launched
	 */
	public long startScheduled(RunRequest request, Instant slot) {
		return launch(parameters(request, slot), slot);
	}

	@Override
	public long restart(long executionId) {
		JobExecution execution = find(executionId);
		if (stranded(execution.getStatus())) {
			if (execution.getStatus().isRunning() && this.lock.heldAnywhere()) {
				throw new MaintenanceException(Reason.ALREADY_RUNNING,
						"Execution " + executionId + " is running; stop it before restarting it");
			}
			recover(executionId);
			execution = find(executionId);
		}
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED) {
			throw illegal("Execution " + executionId + " completed: a completed run cannot be restarted; start a new run");
		}
		if (status == BatchStatus.ABANDONED) {
			throw illegal("Execution " + executionId + " was abandoned: its run can never be restarted; start a new run");
		}
		if (finishing(execution)) {
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

	@Override
	public void stop(long executionId) {
		JobExecution execution = find(executionId);
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

	@Override
	public void abandon(long executionId) {
		JobExecution execution = find(executionId);
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
		if (finishing(execution)) {
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

	@Override
	public void recover(long executionId) {
		JobExecution execution = find(executionId);
		if (!stranded(execution.getStatus())) {
			throw illegal("Execution " + executionId + " is not marked running or UNKNOWN (status "
					+ execution.getStatus() + "): there is nothing to recover");
		}
		// holding the lock proves no node runs the job, and keeps anyone from starting while we recover
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

	@Override
	public Optional<ExecutionSummary> toResume() {
		Optional<ExecutionSummary> last = lastExecution();
		if (last.isEmpty()) {
			return last;
		}
		BatchStatus status = last.get().status();
		boolean resumable = (status == BatchStatus.FAILED) || (stranded(status) && !this.lock.heldAnywhere());
		return resumable ? last : Optional.empty();
	}
	@Override
	public ExecutionPage executions(ExecutionQuery query) {
		return this.records.page(query);
	}

	@Override
	public Optional<ExecutionSummary> lastExecution() {
		return this.records.page(ExecutionQuery.firstPage().page(0, 1)).executions().stream().findFirst();
	}

	@Override
	public Optional<ExecutionDetails> execution(long executionId) {
		JobExecution execution = load(executionId);
		Optional<ExecutionSummary> summary = this.records.summary(executionId);
		if (execution == null || summary.isEmpty()) {
			return Optional.empty();
		}
		ExecutionContext context = execution.getExecutionContext();
		List<StepDetails> steps = execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparingLong(StepExecution::getId))
			.map((step) -> step(step, context))
			.toList();
		List<String> failures = FailureTraces.ofJob(context);
		if (failures.isEmpty() && execution.getStatus() == BatchStatus.FAILED && steps.stream()
			.allMatch((step) -> step.failures().isEmpty())) {
			failures = List.of(execution.getExitStatus().getExitDescription());
		}
		return Optional.of(new ExecutionDetails(summary.get(), execution.getExitStatus().getExitDescription(), steps,
				failures, actions(execution)));
	}

	@Override
	public Optional<Progress> progress(long executionId) {
		JobExecution execution = load(executionId);
		return (execution != null) ? Optional.of(this.progress.of(execution)) : Optional.empty();
	}

	private long launch(JobParameters parameters, @Nullable Instant slot) {
		validate(parameters);
		acquire();
		try {
			// we hold the lock, so an execution marked running is one that no live node runs
			this.repository.findRunningJobExecutions(MaintenanceJob.NAME).forEach(this::markFailed);
			if (slot != null) {
				List<Long> launched = this.records.executionsLaunchedAt(slot);
				if (!launched.isEmpty()) {
					throw new MaintenanceException(Reason.ALREADY_RUNNING, "The scheduled run of " + slot
							+ " was already launched by a node sharing the database (execution " + launched.get(0) + ")");
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
	 * Takes the run lock. While the lock is held but no execution is marked running, a run is being started
	 * or has just saved its end (the lock is released right after): that lasts milliseconds, so wait for it
	 * rather than refuse a start made as soon as the last run showed as ended.
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
		return new MaintenanceException(Reason.ALREADY_RUNNING, "A maintenance run is already running " + where
				+ ": execution " + execution.getId() + ", started " + this.records.instant(execution.getStartTime())
				+ step + ". Wait for it to end or stop it.");
	}

	private String leftover(JobExecution execution) {
		return "Execution " + execution.getId() + " is marked " + execution.getStatus() + " since "
				+ this.records.instant(execution.getStartTime())
				+ " but no node is running it (its JVM was stopped or killed).";
	}

	/** Statuses of an execution that ended without saving how: running with no node running it, or UNKNOWN. */
	private static boolean stranded(BatchStatus status) {
		return status.isRunning() || status == BatchStatus.UNKNOWN;
	}

	/**
	 * Marks an execution that no node runs, and its unfinished steps, {@code FAILED}; the caller holds the
	 * lock. Unlike {@code JobOperator.recover}, this also settles {@code UNKNOWN}, which Spring Batch leaves
	 * when a chunk's transaction could neither commit nor roll back: here a chunk's work and its checkpoint
	 * commit together, so its restart resumes after whichever chunk committed last.
	 */
	private void markFailed(JobExecution execution) {
		String was = execution.getStatus().name();
		String reason = "Marked FAILED: left " + was + " by a process that no longer runs it (it was killed, or "
				+ "lost the database)";
		LocalDateTime now = LocalDateTime.now();
		for (StepExecution step : execution.getStepExecutions()) {
			if (stranded(step.getStatus())) {
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

	private @Nullable JobExecution load(long executionId) {
		try {
			return this.repository.getJobExecution(executionId);
		}
		catch (EmptyResultDataAccessException ex) {
			return null;
		}
	}

	private JobExecution find(long executionId) {
		JobExecution execution = load(executionId);
		if (execution == null || !MaintenanceJob.NAME.equals(execution.getJobInstance().getJobName())) {
			throw new MaintenanceException(Reason.NOT_FOUND, "No execution " + executionId + " of the maintenance job");
		}
		return execution;
	}

	private static MaintenanceException illegal(String message) {
		return new MaintenanceException(Reason.ILLEGAL_STATE, message);
	}

	private StepDetails step(StepExecution step, ExecutionContext jobContext) {
		ExecutionContext context = step.getExecutionContext();
		List<String> failures = FailureTraces.ofStep(jobContext, step.getId());
		if (failures.isEmpty() && step.getStatus() == BatchStatus.FAILED) {
			failures = List.of(step.getExitStatus().getExitDescription());
		}
		Level level;
		try {
			level = Level.ofStepName(step.getStepName());
		}
		catch (IllegalArgumentException ex) {
			level = null;
		}
		return new StepDetails(step.getId(), step.getStepName(), level, step.getStatus(),
				step.getExitStatus().getExitCode(), step.getExitStatus().getExitDescription(),
				this.records.instant(step.getStartTime()), this.records.instant(step.getEndTime()), step.getReadCount(),
				step.getWriteCount(), step.getCommitCount(), step.getRollbackCount(), step.getReadSkipCount(),
				step.getProcessSkipCount(), step.getWriteSkipCount(),
				context.containsKey("report.summary") ? context.getString("report.summary") : null,
				LevelFigures.of(LevelReport.of(context)), failures);
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
				ended || (status == BatchStatus.UNKNOWN && !finishing), (running && !live) || status == BatchStatus.UNKNOWN);
	}

	/**
	 * Whether an execution was stopped but its step is still finishing its chunk: Spring Batch 6 records a
	 * stop as {@code STOPPED} at once, and the step follows at the end of its chunk.
	 */
	private boolean finishing(JobExecution execution) {
		return !execution.getStatus().isRunning()
				&& execution.getStepExecutions().stream().anyMatch((step) -> step.getStatus().isRunning())
				&& this.lock.heldAnywhere();
	}

	JobParameters parameters(RunRequest request, Instant runAt) {
		Map<String, String> options = new LinkedHashMap<>(this.defaults);
		Map<String, Map<String, String>> byLevel = new LinkedHashMap<>();
		request.options().forEach((level, values) -> byLevel.put(level.stepName(), values));
		options.putAll(flatten(byLevel, "option"));
		JobParametersBuilder builder = MaintenanceParameters.newRun(runAt);
		if (!request.levels().isEmpty()) {
			builder.addString(MaintenanceParameters.LEVELS,
					request.levels().stream().map(Level::stepName).collect(Collectors.joining(",")));
		}
		builder.addString(MaintenanceParameters.DRY_RUN, String.valueOf(request.dryRun()));
		options.forEach(builder::addString);
		return builder.toJobParameters();
	}

	/**
	 * Flattens options by level into job parameter names ({@code media-remove.days}), checking the level
	 * names and turning tootctl's underscores into the job's hyphens.
	 */
	private static Map<String, String> flatten(Map<String, Map<String, String>> options, String source) {
		Map<Level, Map<String, String>> byLevel = new EnumMap<>(Level.class);
		options.forEach((name, values) -> {
			Level level;
			try {
				level = Level.ofStepName(name);
			}
			catch (IllegalArgumentException ex) {
				throw new MaintenanceException(Reason.INVALID_PARAMETERS,
						"Invalid " + source + " level: " + ex.getMessage(), ex);
			}
			byLevel.computeIfAbsent(level, (key) -> new LinkedHashMap<>()).putAll(values);
		});
		Map<String, String> flat = new LinkedHashMap<>();
		byLevel.forEach((level, values) -> values.forEach((name, value) -> flat
			.put(level.stepName() + "." + name.trim().replace('_', '-'), value)));
		return flat;
	}

}
