package dev.mastodonmaintenance.boot.partition;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.mastodonmaintenance.boot.log.RunLog;
import dev.mastodonmaintenance.batch.PartitionClaims.Claim;
import dev.mastodonmaintenance.batch.PartitionClaims;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * Runs the partitions a manager sends, on this node, against the job repository every
 * node shares. Unlike Spring Batch's {@code StepExecutionRequestHandler}, which runs
 * whatever step execution it is handed (an ended one included), a request runs its
 * partition only when it is still {@code STARTING} and this node could claim it
 * ({@link PartitionClaims}); so a request delivered twice (a broker redelivers the
 * request of a consumer that died) never runs a partition twice, nor on two nodes at
 * once:
 * <ul>
 * <li>claimed by another live node: ignored;</li>
 * <li>{@code STARTED} and unclaimed: its worker died; it is marked {@code FAILED}
 * ({@link LostPartitions}) for a restart to re-run;</li>
 * <li>already ended: ignored.</li>
 * </ul>
 * The handling returns once the partition has ended and its status is saved; the
 * transports acknowledge the request only then.
 */
final class PartitionWorker {

	private static final Log logger = LogFactory.getLog(PartitionWorker.class);

	private final JobRepository repository;

	private final StepLocator steps;

	private final PartitionClaims claims;

	private final LostPartitions lost;

	private final Set<StepExecution> running = ConcurrentHashMap.newKeySet();

	private volatile boolean stopping;

	PartitionWorker(JobRepository repository, StepLocator steps, PartitionClaims claims) {
		this.repository = repository;
		this.steps = steps;
		this.claims = claims;
		this.lost = new LostPartitions(repository, claims);
	}

	/**
	 * Handles one request; returns once its partition has ended here, or at once when it
	 * is not to run here.
	 * @param request the request
	 * @return what was done
	 */
	Outcome handle(StepExecutionRequest request) {
		try (Accepted accepted = accept(request)) {
			return (accepted != null) ? accepted.run() : Outcome.NOT_RUN;
		}
	}

	/**
	 * Takes a request's partition for this node when it is to run here: claims it and
	 * marks it {@code STARTED}, so that from then on a death of this node is seen as the
	 * partition's loss ({@link LostPartitions}), whatever happens to the request. A
	 * transport can so let go of the request before the partition runs.
	 * @param request the request
	 * @return the partition to run and then close, or {@code null} when it is not to run
	 * here
	 */
	@Nullable Accepted accept(StepExecutionRequest request) {
		long id = request.getStepExecutionId();
		Claim claim = this.claims.tryClaim(id);
		if (claim == null) {
			logger.info("Partition step execution " + id + " is running on another node; request ignored");
			return null;
		}
		try {
			StepExecution execution = this.repository.getStepExecution(id);
			if (execution == null) {
				logger.warn("No partition step execution " + id + " in the job repository; request ignored");
			}
			else if (execution.getStatus() == BatchStatus.STARTED) {
				this.lost.failIfStarted(id);
			}
			else if (execution.getStatus() != BatchStatus.STARTING) {
				logger.info("Partition " + execution.getStepName() + " (step execution " + id + ") has already ended "
						+ execution.getStatus() + "; request ignored");
			}
			else {
				execution.setStatus(BatchStatus.STARTED);
				this.repository.update(execution);
				return new Accepted(claim, request.getStepName(), execution);
			}
		}
		catch (RuntimeException | Error ex) {
			claim.close();
			throw ex;
		}
		claim.close();
		return null;
	}

	private void run(String stepName, StepExecution execution) {
		MDC.put(RunLog.MDC_EXECUTION, String.valueOf(execution.getJobExecutionId()));
		this.running.add(execution);
		try {
			if (this.stopping) {
				execution.setTerminateOnly();
			}
			logger.info("Running partition " + execution.getStepName() + " (step execution " + execution.getId()
					+ ") of execution " + execution.getJobExecutionId());
			Step step = this.steps.getStep(stepName);
			step.execute(execution);
		}
		catch (JobInterruptedException ex) {
			execution.setStatus(BatchStatus.STOPPED);
			this.repository.update(execution);
		}
		catch (RuntimeException ex) {
			// the step saves its own failures; this is one it could not save
			execution.addFailureException(ex);
			execution.setStatus(BatchStatus.FAILED);
			this.repository.update(execution);
		}
		finally {
			this.running.remove(execution);
			MDC.remove(RunLog.MDC_EXECUTION);
			MDC.remove(RunLog.MDC_STEP);
		}
		logger.info("Partition " + execution.getStepName() + " ended " + execution.getStatus());
	}

	/**
	 * Asks the partitions running here to stop after their current chunk, and the
	 * requests taken from now on to stop before their first: they end {@code STOPPED},
	 * and a restart of their run resumes them from their checkpoint.
	 */
	void stop() {
		this.stopping = true;
		this.running.forEach(StepExecution::setTerminateOnly);
		logger.info("Stopping: " + this.running.size() + " partition(s) in hand stop after their current chunk");
	}

	/**
	 * A partition this node claimed and marked started; closing it releases the claim.
	 */
	final class Accepted implements AutoCloseable {

		private final Claim claim;

		private final String stepName;

		private final StepExecution execution;

		private Accepted(Claim claim, String stepName, StepExecution execution) {
			this.claim = claim;
			this.stepName = stepName;
			this.execution = execution;
		}

		/**
		 * Runs the partition; returns once it has ended and its status is saved.
		 * @return {@link Outcome#RAN}
		 */
		Outcome run() {
			PartitionWorker.this.run(this.stepName, this.execution);
			return Outcome.RAN;
		}

		@Override
		public void close() {
			this.claim.close();
		}

	}

	/**
	 * What handling a request did.
	 */
	enum Outcome {

		/** The partition ran here. */
		RAN,

		/**
		 * It did not run here: another node runs it, it had already ended, or its worker
		 * had died (it is then marked failed).
		 */
		NOT_RUN

	}

}
