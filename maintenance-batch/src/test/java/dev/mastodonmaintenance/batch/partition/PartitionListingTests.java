package dev.mastodonmaintenance.batch.partition;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelPartition;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static dev.mastodonmaintenance.batch.partition.PartitionRuns.harness;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.oldCards;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.partitionNames;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.stopAfterChunks;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partitioned level's partitions as a reader of the job repository lists them: each
 * with the share of ids it was cut and the node that ran it; after a restart, those the
 * first execution completed are read from it, the others from the restart.
 */
class PartitionListingTests {

	private static final int CARDS = 24;

	@TempDir
	Path root;

	@Test
	void partitionsAreListedWithTheirShareNodeAndTheExecutionThatCompletedThem() throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		oldCards(db, this.root, CARDS);
		JobHarness harness = harness(db, this.root);
		// one partition at a time, of 3 windows each: the second is under way
		harness.chunkListener(stopAfterChunks(harness, 5));
		JobExecution stopped = harness.run("levels=preview-cards-remove", "preview-cards-remove.batch-size=2",
				"preview-cards-remove.grid-size=4", "preview-cards-remove.partitions=1");
		assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);

		JobExecution restarted = harness.restart(stopped);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<LevelPartition> partitions = LevelPartition.of(harness.step(restarted, Level.PREVIEW_CARDS_REMOVE),
				harness.steps(restarted),
				(name) -> harness.repository().getLastStepExecution(restarted.getJobInstance(), name));
		assertThat(partitions).extracting(LevelPartition::number).containsExactly(0, 1, 2, 3);
		assertThat(partitions).allSatisfy((partition) -> {
			assertThat(partition.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(partition.node()).endsWith("(pid " + ProcessHandle.current().pid() + ")");
		});
		assertThat(partitions.get(0).share()).matches("ids up to \\d+");
		assertThat(partitions.subList(1, 3))
			.allSatisfy((partition) -> assertThat(partition.share()).matches("ids above \\d+, up to \\d+"));
		assertThat(partitions.get(3).share()).matches("ids above \\d+");
		Set<String> completedFirst = partitionNames(harness, stopped, true);
		assertThat(completedFirst).isNotEmpty().hasSizeLessThan(4);
		assertThat(partitions).allSatisfy((partition) -> assertThat(partition.execution().getJobExecutionId())
			.isEqualTo(completedFirst.contains(partition.execution().getStepName()) ? stopped.getId()
					: restarted.getId()));
		assertThat(partitions.stream().mapToLong((partition) -> partition.execution().getWriteCount()).sum())
			.isEqualTo(CARDS);
	}

}
