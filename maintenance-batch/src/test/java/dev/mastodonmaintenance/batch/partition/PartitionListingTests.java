package dev.mastodonmaintenance.batch.partition;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelPartition;
import dev.mastodonmaintenance.batch.MaintenanceJob;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.ChunkContext;

import static dev.mastodonmaintenance.batch.partition.PartitionRuns.partitionNames;
import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
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
		MastodonData data = new MastodonData(db.dataSource());
		StorageFiles files = new StorageFiles(this.root);
		for (int i = 0; i < CARDS; i++) {
			String name = String.format("%016x.jpeg", i);
			data.previewCard("https://example.com/" + i).image(name, 10).updatedAt(daysAgo(200)).insert();
			files.write(String.format("cache/preview_cards/images/000/000/%03d/original/%s", i + 1, name), 10);
		}
		JobHarness harness = JobHarness
			.on(new MastodonResources(db.dataSource(), new FilesystemStorage(this.root), null, List.of()));
		AtomicInteger chunks = new AtomicInteger();
		harness.chunkListener(new ChunkListener<Object, Object>() {

			@Override
			public void afterChunk(ChunkContext context) {
				// one partition at a time, of 3 windows each: the second is under way
				if (chunks.incrementAndGet() == 5) {
					for (JobExecution running : harness.repository().findRunningJobExecutions(MaintenanceJob.NAME)) {
						try {
							harness.operator().stop(running);
						}
						catch (JobExecutionNotRunningException ex) {
							throw new IllegalStateException(ex);
						}
					}
				}
			}

		});
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
