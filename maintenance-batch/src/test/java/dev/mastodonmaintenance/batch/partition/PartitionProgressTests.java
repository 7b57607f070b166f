package dev.mastodonmaintenance.batch.partition;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.PartitionProgress;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;

import static dev.mastodonmaintenance.batch.partition.PartitionRuns.harness;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.oldCards;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * While a level's partitions run, its own step execution saves nothing: its progress, as
 * a reader of the job repository sees it, is its partitions' mean share done, rising from
 * one committed chunk to the next up to the whole.
 */
class PartitionProgressTests {

	@TempDir
	Path root;

	@Test
	void aRunningLevelsProgressIsItsPartitionsShare() throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		oldCards(db, this.root, 24);
		List<PartitionProgress> seen = new CopyOnWriteArrayList<>();
		JobHarness harness = harness(db, this.root);
		harness.chunkListener(new ChunkListener<Object, Object>() {

			@Override
			public void afterChunk(ChunkContext context) {
				// as a reader on another node: the execution as the repository holds it
				StepExecution chunkStep = context.getStepContext().getStepExecution();
				JobExecution execution = harness.repository().getJobExecution(chunkStep.getJobExecutionId());
				execution.getStepExecutions()
					.stream()
					.filter((step) -> step.getStepName().equals(Level.PREVIEW_CARDS_REMOVE.stepName()))
					.findFirst()
					.map((manager) -> PartitionProgress.of(manager, execution.getStepExecutions()))
					.ifPresent(seen::add);
			}

		});

		JobExecution run = harness.run("levels=preview-cards-remove", "preview-cards-remove.batch-size=2",
				"preview-cards-remove.grid-size=4", "preview-cards-remove.partitions=1");

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(seen).hasSizeGreaterThan(8).allSatisfy((progress) -> {
			assertThat(progress.partitions()).isEqualTo(4);
			assertThat(progress.fraction()).isBetween(0.0, 1.0);
		});
		assertThat(seen).extracting(PartitionProgress::fraction).isSorted();
		assertThat(seen).extracting(PartitionProgress::completed).isSorted().contains(1, 2, 3);
		assertThat(seen).anySatisfy((progress) -> assertThat(progress.fraction()).isStrictlyBetween(0.1, 0.9));
		assertThat(seen.get(seen.size() - 1).readCount()).isEqualTo(24);
	}

}
