package dev.mastodonmaintenance.boot.support;

import java.time.Duration;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.SmartLifecycle;

/**
 * Stops the executions running in this JVM when the application context closes (SIGTERM
 * included), and waits for them to reach the end of their chunk: they end
 * {@code STOPPED}, restartable, rather than {@code STARTED} forever. Runs early in the
 * shutdown, while the database is still there.
 */
public final class GracefulShutdown implements SmartLifecycle {

	/**
	 * Early in the shutdown: after nothing that runs the job, before the web server and
	 * the data source.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private static final Log logger = LogFactory.getLog(GracefulShutdown.class);

	private final LocalRuns localRuns;

	private final JobOperator operator;

	private final JobRepository repository;

	private final Duration timeout;

	private volatile boolean running;

	/**
	 * Creates the shutdown hook.
	 * @param localRuns the executions running here
	 * @param operator the job operator
	 * @param repository the job repository
	 * @param timeout how long to wait for them to stop
	 */
	public GracefulShutdown(LocalRuns localRuns, JobOperator operator, JobRepository repository, Duration timeout) {
		this.localRuns = localRuns;
		this.operator = operator;
		this.repository = repository;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		Set<Long> ids = this.localRuns.ids();
		if (ids.isEmpty()) {
			return;
		}
		for (long id : ids) {
			try {
				JobExecution execution = this.repository.getJobExecution(id);
				if (execution == null || !execution.getStatus().isRunning()) {
					continue;
				}
				logger.info("Stopping maintenance execution " + id + " on shutdown; restart it to resume");
				this.operator.stop(execution);
			}
			catch (JobExecutionNotRunningException ex) {
				// it ended meanwhile
			}
			catch (RuntimeException ex) {
				logger.warn("Cannot stop maintenance execution " + id + " on shutdown", ex);
			}
		}
		try {
			if (!this.localRuns.awaitNone(this.timeout)) {
				logger.warn("Maintenance execution(s) " + this.localRuns.ids() + " did not stop within " + this.timeout
						+ "; if the JVM exits now they stay STARTED: recover them, then restart them");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
