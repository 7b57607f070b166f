package dev.mastodonmaintenance.batch;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partitioned level records its partitions' names before Spring Batch creates their
 * step executions, one by one: a reader of the job repository in between must not take
 * the partitions it cannot see yet for partitions an earlier attempt completed (the
 * command line printed "0 of ~0 processed (100%)" as a level started).
 */
class PartitionsBeingCreatedProgressTests {

	private final JobExecution execution = new JobExecution(1, new JobInstance(1, MaintenanceJob.NAME),
			new JobParameters());

	@Test
	void partitionsRecordedButNotYetCreatedGiveNoProgress() {
		StepExecution manager = manager("0,1,2,3", null);
		StepExecution first = partition(0, BatchStatus.STARTING);

		assertThat(PartitionProgress.of(manager, List.of(manager))).isNull();
		assertThat(PartitionProgress.of(manager, List.of(manager, first))).isNull();
	}

	@Test
	void partitionsTheAttemptDidNotStartCountAsCompletedEarlier() {
		StepExecution manager = manager("0,1,2,3", 2);
		StepExecution second = partition(2, BatchStatus.STARTED);
		StepExecution third = partition(3, BatchStatus.STARTED);

		PartitionProgress progress = PartitionProgress.of(manager, List.of(manager, second, third));

		assertThat(progress).isNotNull();
		assertThat(progress.partitions()).isEqualTo(4);
		assertThat(progress.completed()).isEqualTo(2);
		assertThat(progress.fraction()).isEqualTo(0.5);
	}

	private StepExecution manager(String names, Integer started) {
		StepExecution manager = new StepExecution(10, Level.MEDIA_REMOVE.stepName(), this.execution);
		manager.setStatus(BatchStatus.STARTED);
		manager.getExecutionContext().putString(LevelSplitter.NAMES, names);
		if (started != null) {
			manager.getExecutionContext().putInt(LevelSplitter.STARTED, started);
		}
		return manager;
	}

	private StepExecution partition(int number, BatchStatus status) {
		StepExecution partition = new StepExecution(20 + number, Level.MEDIA_REMOVE.partitionStepName() + ":" + number,
				this.execution);
		partition.setStatus(status);
		return partition;
	}

}
