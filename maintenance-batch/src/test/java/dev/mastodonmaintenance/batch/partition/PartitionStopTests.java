package dev.mastodonmaintenance.batch.partition;

import java.nio.file.Path;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static dev.mastodonmaintenance.batch.partition.PartitionRuns.harness;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.oldCards;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.partitionNames;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.stopAfterChunks;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.summary;
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
		StorageFiles files = oldCards(db, this.root, CARDS);
		JobHarness harness = harness(db, this.root);
		harness.chunkListener(stopAfterChunks(harness, 5));

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
