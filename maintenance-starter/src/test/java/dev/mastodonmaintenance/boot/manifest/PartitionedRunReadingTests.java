package dev.mastodonmaintenance.boot.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.LevelFigures;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.PartitionDetails;
import dev.mastodonmaintenance.boot.Progress;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.StepDetails;
import dev.mastodonmaintenance.boot.testing.Await;
import dev.mastodonmaintenance.boot.testing.StarterContexts;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose levels are cut into partitions reads as any other: its details list one
 * step per level with its summed figures and summary, its progress names a level, and its
 * manifest is found by level and tallied by level, though the partitions' step executions
 * recorded it.
 */
class PartitionedRunReadingTests {

	private static final MastodonDatabase db = StarterDatabase.create(PartitionedRunReadingTests.class);

	private static final List<Level> LEVELS = List.of(Level.PREVIEW_CARDS_REMOVE, Level.MEDIA_REMOVE,
			Level.STATUSES_REMOVE);

	@TempDir
	static Path root;

	private static RemovedData data;

	private static ExecutionDetails details;

	private static Progress progress;

	private static DeletionManifestRecords records;

	private static long run;

	@BeforeAll
	static void partitionedRun() {
		data = RemovedData.seed(db, root);
		RunRequest request = RemovedData.RUN;
		for (Level level : LEVELS) {
			request = request.option(level, "grid-size", 3).option(level, "partitions", 2);
		}
		// within the test pool of 6 connections: 2 partitions of 2 each, the lock's and
		// the watch's
		RunRequest partitioned = request.option(Level.STATUSES_REMOVE, "concurrency", 1);
		runner().run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			run = maintenance.start(partitioned);
			Await.until("execution " + run + " ended",
					() -> maintenance.execution(run).map((found) -> !found.summary().running()).orElse(false));
			details = maintenance.execution(run).orElseThrow();
			progress = maintenance.progress(run).orElseThrow();
		});
		records = new JdbcDeletionManifestRecords(db.jdbc(), "mastodon_maintenance");
	}

	private static ApplicationContextRunner runner() {
		return StarterContexts.host(db)
			.withConfiguration(AutoConfigurations.of(MastodonMaintenanceManifestAutoConfiguration.class))
			.withPropertyValues("mastodon.maintenance.storage.root=" + root);
	}

	@Test
	void theDetailsListOneStepPerLevelWithItsSummary() {
		assertThat(details.summary().status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(details.steps()).extracting(StepDetails::name).doesNotContain("media-remove-partition:0");
		assertThat(details.steps()).allSatisfy((step) -> assertThat(step.level()).isNotNull());
		assertThat(details.steps()).filteredOn((step) -> LEVELS.contains(step.level()))
			.hasSize(3)
			.allSatisfy((step) -> assertThat(step.summary()).isNotBlank());
		StepDetails statuses = details.steps()
			.stream()
			.filter((step) -> step.level() == Level.STATUSES_REMOVE)
			.findFirst()
			.orElseThrow();
		assertThat(statuses.figures().rowsChanged() + statuses.figures().rowsCascaded())
			.isGreaterThanOrEqualTo(data.statuses().size());
	}

	@Test
	void eachLevelListsItsPartitionsWithTheirShareAndNode() {
		// as many as the rows allow, up to the grid size of 3
		assertThat(details.steps()).filteredOn((step) -> LEVELS.contains(step.level())).allSatisfy((step) -> {
			assertThat(step.partitions()).extracting(PartitionDetails::number)
				.isNotEmpty()
				.isEqualTo(IntStream.range(0, step.partitions().size()).boxed().toList());
			assertThat(step.partitions()).allSatisfy((partition) -> {
				assertThat(partition.status()).isEqualTo(BatchStatus.COMPLETED);
				assertThat(partition.executionId()).isEqualTo(run);
				assertThat(partition.node()).endsWith("(pid " + ProcessHandle.current().pid() + ")");
				assertThat(partition.duration()).isNotNull();
				assertThat(partition.fraction()).isNull();
			});
		});
		StepDetails statuses = level(Level.STATUSES_REMOVE);
		assertThat(statuses.partitions()).extracting(PartitionDetails::share)
			.satisfiesExactly((share) -> assertThat(share).matches("ids up to \\d+"),
					(share) -> assertThat(share).matches("ids above \\d+, up to \\d+"),
					(share) -> assertThat(share).matches("ids above \\d+"));
		// its later phases ran after its partitions, whose time the level's includes
		assertThat(statuses.partitions())
			.allSatisfy((partition) -> assertThat(partition.startTime()).isAfterOrEqualTo(statuses.startTime()));
		StepDetails cards = level(Level.PREVIEW_CARDS_REMOVE);
		assertThat(cards.partitions().stream().mapToLong(PartitionDetails::writeCount).sum())
			.isEqualTo(cards.writeCount());
	}

	@Test
	void theTotalsCountEachRowOnce() {
		// the levels' own figures hold their partitions'
		assertThat(details.summary().totals()).isEqualTo(
				details.steps().stream().map(StepDetails::figures).reduce(LevelFigures.NONE, LevelFigures::plus));
	}

	private static StepDetails level(Level level) {
		return details.steps().stream().filter((step) -> step.level() == level).findFirst().orElseThrow();
	}

	@Test
	void progressNamesTheLastLevel() {
		assertThat(progress.stepName()).isEqualTo(Level.STATUSES_REMOVE.stepName());
		assertThat(progress.level()).isEqualTo(Level.STATUSES_REMOVE);
		assertThat(progress.stepNumber()).isEqualTo(progress.stepCount());
	}

	@Test
	void theManifestIsFoundAndTalliedByLevel() {
		assertThat(records.page(ManifestQuery.of(run).level(Level.PREVIEW_CARDS_REMOVE).limit(1000)).entries())
			.isNotEmpty()
			.allSatisfy((entry) -> {
				assertThat(entry.level()).isEqualTo(Level.PREVIEW_CARDS_REMOVE);
				assertThat(entry.stepName()).startsWith("preview-cards-remove-partition:");
			});
		assertThat(records.page(ManifestQuery.of(run).table("statuses").limit(1000)).entries())
			.allSatisfy((entry) -> assertThat(entry.level()).isEqualTo(Level.STATUSES_REMOVE))
			.hasSize(data.statuses().size());
		assertThat(records.tally(run)).isNotEmpty().allSatisfy((line) -> {
			assertThat(line.level()).isNotNull();
			assertThat(line.stepName()).doesNotContain("-partition");
		});
		assertThat(records.page(ManifestQuery.of(run).limit(1000))
			.entries()
			.stream()
			.filter((entry) -> entry.key() != null)
			.map((entry) -> entry.key())
			.toList()).containsAll(data.keys());
	}

}
