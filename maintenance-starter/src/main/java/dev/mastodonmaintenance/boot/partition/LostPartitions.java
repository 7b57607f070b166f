package dev.mastodonmaintenance.boot.partition;

import java.time.LocalDateTime;

import dev.mastodonmaintenance.batch.PartitionClaims.Claim;
import dev.mastodonmaintenance.batch.PartitionClaims;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Ends the partitions whose worker died: a partition {@code STARTED} whose claim nobody
 * holds ran on a node that is gone (killed, or cut from the database), and nothing will
 * ever end it. It is marked {@code FAILED}, so that its level and the run fail and a
 * restart re-runs it from its last checkpoint. Both the manager (while it waits) and a
 * worker handed the request again (a broker redelivers a dead consumer's request) do it.
 */
final class LostPartitions {

	static final String LOST = "Its worker was lost while it ran (the node died or lost its database connection); "
			+ "a restart re-runs this partition from its last checkpoint";

	private static final Log logger = LogFactory.getLog(LostPartitions.class);

	private final JobRepository repository;

	private final PartitionClaims claims;

	LostPartitions(JobRepository repository, PartitionClaims claims) {
		this.repository = repository;
		this.claims = claims;
	}

	/**
	 * Fails the lost partitions of a job execution.
	 * @param jobExecutionId the job execution
	 * @param managerStepExecutionId the manager's own step execution, running, left alone
	 * @return how many were lost
	 */
	int failLost(long jobExecutionId, long managerStepExecutionId) {
		JobExecution execution = this.repository.getJobExecution(jobExecutionId);
		if (execution == null) {
			return 0;
		}
		int lost = 0;
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getId() != managerStepExecutionId && step.getStatus() == BatchStatus.STARTED) {
				try (Claim claim = this.claims.tryClaim(step.getId())) {
					if (claim != null && failIfStarted(step.getId())) {
						lost++;
					}
				}
			}
		}
		return lost;
	}

	/**
	 * Fails a partition whose claim the caller holds, if it is still {@code STARTED}: it
	 * was then left so by a node that held the claim before.
	 * @param stepExecutionId the partition
	 * @return whether it was failed
	 */
	boolean failIfStarted(long stepExecutionId) {
		// read again under the claim: the worker may have ended it since it was listed
		StepExecution step = this.repository.getStepExecution(stepExecutionId);
		if (step == null || step.getStatus() != BatchStatus.STARTED) {
			return false;
		}
		step.setStatus(BatchStatus.FAILED);
		step.setExitStatus(ExitStatus.FAILED.addExitDescription(LOST));
		step.setEndTime(LocalDateTime.now());
		this.repository.update(step);
		logger.warn("Partition " + step.getStepName() + " (step execution " + stepExecutionId + ") of execution "
				+ step.getJobExecutionId() + " lost its worker; marked FAILED for a restart to re-run it");
		return true;
	}

}
