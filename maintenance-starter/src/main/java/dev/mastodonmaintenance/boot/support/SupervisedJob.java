package dev.mastodonmaintenance.boot.support;

import java.util.List;
import java.util.function.BiConsumer;

import dev.mastodonmaintenance.boot.MaintenanceRun;
import dev.mastodonmaintenance.boot.MaintenanceRunListener;
import dev.mastodonmaintenance.boot.log.RunLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParametersIncrementer;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The maintenance job as the starter runs it: the job itself, plus what must happen once
 * an execution has ended and its final status is saved, which a
 * {@code JobExecutionListener} (called before that save) cannot do: record the full
 * failure traces, tell the {@link MaintenanceRunListener}s, and release the run lock.
 */
public final class SupervisedJob implements Job {

	private static final Log logger = LogFactory.getLog(SupervisedJob.class);

	private final Job job;

	private final JobRepository repository;

	private final RunLock lock;

	private final LocalRuns localRuns;

	private final List<MaintenanceRunListener> listeners;

	/**
	 * Wraps the job.
	 * @param job the maintenance job
	 * @param repository its repository
	 * @param lock the run lock, released when an execution ends
	 * @param localRuns where executions running here are tracked
	 * @param listeners the listeners, in order
	 */
	public SupervisedJob(Job job, JobRepository repository, RunLock lock, LocalRuns localRuns,
			List<MaintenanceRunListener> listeners) {
		this.job = job;
		this.repository = repository;
		this.lock = lock;
		this.localRuns = localRuns;
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public String getName() {
		return this.job.getName();
	}

	@Override
	public boolean isRestartable() {
		return this.job.isRestartable();
	}

	@Override
	public @Nullable JobParametersIncrementer getJobParametersIncrementer() {
		return this.job.getJobParametersIncrementer();
	}

	@Override
	public JobParametersValidator getJobParametersValidator() {
		return this.job.getJobParametersValidator();
	}

	@Override
	public void execute(JobExecution execution) throws JobInterruptedException {
		this.localRuns.started(execution.getId());
		// the levels run on this thread: their lines are the execution's (the per-run
		// log, log patterns)
		MDC.put(RunLog.MDC_EXECUTION, String.valueOf(execution.getId()));
		try {
			FailureTraces.clear(execution.getExecutionContext());
			tell(execution, MaintenanceRunListener::runStarting);
			this.job.execute(execution);
		}
		finally {
			try {
				if (FailureTraces.record(execution)) {
					this.repository.updateExecutionContext(execution);
				}
				tell(execution, MaintenanceRunListener::runEnded);
			}
			finally {
				MDC.remove(RunLog.MDC_EXECUTION);
				MDC.remove(RunLog.MDC_STEP);
				this.localRuns.ended(execution.getId());
				this.lock.release();
			}
		}
	}

	private void tell(JobExecution execution, BiConsumer<MaintenanceRunListener, MaintenanceRun> call) {
		if (this.listeners.isEmpty()) {
			return;
		}
		MaintenanceRun run;
		try {
			run = MaintenanceRun.of(execution);
		}
		catch (RuntimeException ex) {
			// the run goes on; only its listeners miss it
			logger.warn("Cannot tell the maintenance run listeners of execution " + execution.getId(), ex);
			return;
		}
		this.listeners.forEach((listener) -> safely(() -> call.accept(listener, run), listener));
	}

	private static void safely(Runnable call, MaintenanceRunListener listener) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Maintenance run listener " + listener + " failed; ignored", ex);
		}
	}

	/**
	 * The wrapped job.
	 * @return the job
	 */
	public Job job() {
		return this.job;
	}

}
