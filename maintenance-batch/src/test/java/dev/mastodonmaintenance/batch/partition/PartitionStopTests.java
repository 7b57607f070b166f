package dev.mastodonmaintenance.batch.partition;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
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
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.summary;
import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run stopped while a level's partitions run ends {@code STOPPED}, as a plain step
 * does, its level too; the restart runs the partitions that had not completed and ends
 * with every card's image gone once.
 */
class PartitionStopTests {

	private static final int CARDS = 24;

	@TempDir
	Path root;

	@Test
	void aStopEndsTheLevelStoppedAndItsRestartFinishesIt() throws Exception {
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
		assertThat(harness.step(stopped, Level.PREVIEW_CARDS_REMOVE).getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(partitionNames(harness, stopped, false)).isNotEmpty();
		assertThat(files.keys()).isNotEmpty().hasSizeLessThan(CARDS);

		JobExecution restarted = harness.restart(stopped);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitionNames(harness, restarted)).isEqualTo(partitionNames(harness, stopped, false));
		assertThat(files.keys()).isEmpty();
		assertThat(summary(harness, restarted, Level.PREVIEW_CARDS_REMOVE)).contains("preview cards")
			.contains(CARDS + " preview cards");
		assertThat(PartitionRuns.objectsNotRemovedOnce(db.jdbc())).isEmpty();
	}

}
