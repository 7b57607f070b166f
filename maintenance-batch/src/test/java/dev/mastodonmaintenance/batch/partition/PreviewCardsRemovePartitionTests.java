package dev.mastodonmaintenance.batch.partition;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.FlakyStorage;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.batch.partition.PartitionRuns.objectsNotRemovedOnce;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.partitionNames;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.partitions;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.report;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.summary;
import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code preview-cards-remove} cut into partitions by ranges of card ids ends as the
 * plain step does on a copy of the same instance, and its restart runs only the partition
 * that failed.
 */
class PreviewCardsRemovePartitionTests {

	private static final int CARDS = 30;

	@TempDir
	Path plainRoot;

	@TempDir
	Path partitionedRoot;

	@Test
	void fourPartitionsEndAsOnePlainStep() throws Exception {
		MastodonDatabase plainDb = seeded(MastodonDatabase.withFixture(getClass()), this.plainRoot);
		MastodonDatabase partitionedDb = seeded(MastodonDatabase.withFixture(getClass()), this.partitionedRoot);
		JobHarness plainHarness = harness(plainDb, new FilesystemStorage(this.plainRoot));
		JobHarness harness = harness(partitionedDb, new FilesystemStorage(this.partitionedRoot));

		JobExecution plain = plainHarness.run("levels=preview-cards-remove", "preview-cards-remove.batch-size=4");
		JobExecution partitioned = harness.run("levels=preview-cards-remove", "preview-cards-remove.batch-size=4",
				"preview-cards-remove.grid-size=4", "preview-cards-remove.partitions=2");

		assertThat(plain.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitioned.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitions(harness, partitioned)).hasSize(4);
		assertThat(cards(partitionedDb.jdbc())).isEqualTo(cards(plainDb.jdbc()));
		assertThat(new StorageFiles(this.partitionedRoot).keys()).isEqualTo(new StorageFiles(this.plainRoot).keys())
			.hasSize(CARDS / 3);
		assertThat(summary(harness, partitioned, Level.PREVIEW_CARDS_REMOVE))
			.isEqualTo(summary(plainHarness, plain, Level.PREVIEW_CARDS_REMOVE))
			.contains("preview cards");
		assertThat(report(harness, partitioned, Level.PREVIEW_CARDS_REMOVE).rowsChanged())
			.isEqualTo(report(plainHarness, plain, Level.PREVIEW_CARDS_REMOVE).rowsChanged())
			.isEqualTo(CARDS - CARDS / 3);
	}

	@Test
	void restartRunsOnlyThePartitionThatFailed() throws Exception {
		MastodonDatabase plainDb = seeded(MastodonDatabase.withFixture(getClass()), this.plainRoot);
		MastodonDatabase partitionedDb = seeded(MastodonDatabase.withFixture(getClass()), this.partitionedRoot);
		JobHarness plainHarness = harness(plainDb, new FilesystemStorage(this.plainRoot));
		JobExecution plain = plainHarness.run("levels=preview-cards-remove", "preview-cards-remove.batch-size=4");
		FlakyStorage flaky = new FlakyStorage(new FilesystemStorage(this.partitionedRoot));
		JobHarness harness = harness(partitionedDb, flaky);
		flaky.failOnDelete(3);

		JobExecution failed = harness.run("levels=preview-cards-remove", "preview-cards-remove.batch-size=4",
				"preview-cards-remove.grid-size=4", "preview-cards-remove.partitions=1");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(partitionNames(harness, failed, true)).hasSize(3);
		assertThat(partitionNames(harness, failed, false)).hasSize(1);

		flaky.heal();
		JobExecution restarted = harness.restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitionNames(harness, restarted)).isEqualTo(partitionNames(harness, failed, false));
		assertThat(cards(partitionedDb.jdbc())).isEqualTo(cards(plainDb.jdbc()));
		assertThat(new StorageFiles(this.partitionedRoot).keys()).isEqualTo(new StorageFiles(this.plainRoot).keys());
		assertThat(summary(harness, restarted, Level.PREVIEW_CARDS_REMOVE))
			.isEqualTo(summary(plainHarness, plain, Level.PREVIEW_CARDS_REMOVE));
		assertThat(objectsNotRemovedOnce(partitionedDb.jdbc())).isEmpty();
	}

	private static JobHarness harness(MastodonDatabase db, MediaStorage storage) {
		return JobHarness.on(new MastodonResources(db.dataSource(), storage, null, List.of()));
	}

	/** Old cards (their images go) and, every third, a young one (kept). */
	private static MastodonDatabase seeded(MastodonDatabase db, Path root) {
		MastodonData data = new MastodonData(db.dataSource());
		StorageFiles files = new StorageFiles(root);
		IntStream.rangeClosed(1, CARDS).forEach((i) -> {
			String name = String.format("%016x.jpeg", i);
			data.previewCard("https://example.com/" + i)
				.image(name, 100 + i)
				.updatedAt(daysAgo((i % 3 == 0) ? 2 : 200))
				.insert();
			files.write(String.format("cache/preview_cards/images/000/000/%03d/original/%s", i, name), 100 + i);
		});
		return db;
	}

	private static List<String> cards(JdbcTemplate jdbc) {
		return jdbc
			.queryForList("SELECT id || ':' || coalesce(image_file_name, '-') || ':' || coalesce(image_file_size, -1) "
					+ "FROM preview_cards ORDER BY id", String.class);
	}

}
