package dev.mastodonmaintenance.batch.partition;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.testing.FlakyStorage;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code media-remove} cut into partitions by ranges of ids ends as the plain step does,
 * on a copy of the same instance: the same rows cleared, the same files left, the same
 * summary; and a partition that fails is the only one a restart runs again.
 */
class MediaRemovePartitionTests {

	private static final int OLD = 40;

	@TempDir
	Path plainRoot;

	@TempDir
	Path partitionedRoot;

	@Test
	void fourPartitionsEndAsOnePlainStep() throws Exception {
		MastodonDatabase plainDb = seeded(MastodonDatabase.withFixture(getClass()), this.plainRoot);
		MastodonDatabase partitionedDb = seeded(MastodonDatabase.withFixture(getClass()), this.partitionedRoot);

		JobExecution plain = harness(plainDb, new FilesystemStorage(this.plainRoot)).run("levels=media-remove",
				"media-remove.batch-size=3");
		JobHarness harness = harness(partitionedDb, new FilesystemStorage(this.partitionedRoot));
		JobExecution partitioned = harness.run("levels=media-remove", "media-remove.batch-size=3",
				"media-remove.grid-size=4", "media-remove.partitions=2");

		assertThat(plain.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitioned.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitionNames(harness, partitioned)).containsExactlyInAnyOrder("media-remove-partition:0",
				"media-remove-partition:1", "media-remove-partition:2", "media-remove-partition:3");
		assertThat(media(partitionedDb.jdbc())).isEqualTo(media(plainDb.jdbc()));
		assertThat(fileNames(this.partitionedRoot)).isEqualTo(fileNames(this.plainRoot)).hasSize(2 * 10);
		assertThat(summary(harness, partitioned)).isEqualTo(summary(harness(plainDb, null), plain))
			.contains("Removed " + OLD + " media attachments");
		StepExecution manager = harness.step(partitioned, Level.MEDIA_REMOVE);
		assertThat(LevelReport.of(manager.getExecutionContext()).rowsChanged()).isEqualTo(OLD);
		assertThat(LevelReport.of(manager.getExecutionContext()).objectsRemoved()).isEqualTo(2 * OLD);
	}

	@Test
	void restartRunsOnlyThePartitionThatFailed() throws Exception {
		MastodonDatabase plainDb = seeded(MastodonDatabase.withFixture(getClass()), this.plainRoot);
		MastodonDatabase partitionedDb = seeded(MastodonDatabase.withFixture(getClass()), this.partitionedRoot);
		JobExecution plain = harness(plainDb, new FilesystemStorage(this.plainRoot)).run("levels=media-remove",
				"media-remove.batch-size=3");
		FlakyStorage flaky = new FlakyStorage(new FilesystemStorage(this.partitionedRoot));
		JobHarness harness = harness(partitionedDb, flaky);
		// one partition at a time: the failure falls in one of them, the others complete
		flaky.failOnDelete(5);

		JobExecution failed = harness.run("levels=media-remove", "media-remove.batch-size=3",
				"media-remove.grid-size=4", "media-remove.partitions=1");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		List<StepExecution> firstAttempt = partitions(harness, failed);
		assertThat(firstAttempt).hasSize(4);
		Set<String> completed = firstAttempt.stream()
			.filter((step) -> step.getStatus() == BatchStatus.COMPLETED)
			.map(StepExecution::getStepName)
			.collect(Collectors.toSet());
		Set<String> notCompleted = firstAttempt.stream()
			.filter((step) -> step.getStatus() != BatchStatus.COMPLETED)
			.map(StepExecution::getStepName)
			.collect(Collectors.toSet());
		assertThat(notCompleted).hasSize(1);
		assertThat(completed).hasSize(3);

		flaky.heal();
		JobExecution restarted = harness.restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitionNames(harness, restarted)).as("only the partition that failed runs again")
			.isEqualTo(notCompleted);
		assertThat(media(partitionedDb.jdbc())).isEqualTo(media(plainDb.jdbc()));
		assertThat(fileNames(this.partitionedRoot)).isEqualTo(fileNames(this.plainRoot));
		StepExecution manager = harness.step(restarted, Level.MEDIA_REMOVE);
		assertThat(LevelReport.of(manager.getExecutionContext()).rowsChanged())
			.as("summed over the partitions of both attempts")
			.isEqualTo(OLD);
		assertThat(summary(harness, restarted)).isEqualTo(summary(harness(plainDb, null), plain));
		assertThat(partitionedDb.jdbc()
			.queryForList("SELECT o.key FROM mastodon_maintenance.deletion_manifest m, "
					+ "unnest(m.object_keys) AS o(key) GROUP BY o.key HAVING count(*) > 1 OR bool_or(m.state <> 'removed')",
					String.class))
			.as("each object removed once, none left pending")
			.isEmpty();
	}

	@Test
	void gridSizeOneRunsThePlainStep() throws Exception {
		MastodonDatabase db = seeded(MastodonDatabase.withFixture(getClass()), this.plainRoot);
		JobHarness harness = harness(db, new FilesystemStorage(this.plainRoot));

		JobExecution run = harness.run("levels=media-remove", "media-remove.grid-size=1", "media-remove.partitions=8");

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(harness.steps(run)).extracting(StepExecution::getStepName)
			.doesNotContain("media-remove-partition:0");
		assertThat(harness.step(run, Level.MEDIA_REMOVE).getExecutionContext().containsKey("partition.names"))
			.isFalse();
		assertThat(harness.summary(run, Level.MEDIA_REMOVE)).contains("Removed " + OLD + " media attachments");
	}

	private static List<StepExecution> partitions(JobHarness harness, JobExecution execution) {
		return harness.steps(execution).stream().filter((step) -> Level.isPartition(step.getStepName())).toList();
	}

	private static Set<String> partitionNames(JobHarness harness, JobExecution execution) {
		return partitions(harness, execution).stream().map(StepExecution::getStepName).collect(Collectors.toSet());
	}

	private static String summary(JobHarness harness, JobExecution execution) {
		return harness.step(execution, Level.MEDIA_REMOVE).getExecutionContext().getString(LevelReport.SUMMARY);
	}

	private static JobHarness harness(MastodonDatabase db, MediaStorage storage) {
		return JobHarness.on(new MastodonResources(db.dataSource(), storage, null, List.of()));
	}

	/**
	 * Old remote media with files (removed), young remote media and old local media
	 * (kept), interleaved in id order.
	 */
	private static MastodonDatabase seeded(MastodonDatabase db, Path root) {
		MastodonData data = new MastodonData(db.dataSource());
		StorageFiles files = new StorageFiles(root);
		Account bob = data.remoteAccount("bob", "example.com").insert();
		Account alice = data.localAccount("alice").insert();
		for (int i = 0; i < OLD + 10; i++) {
			String name = String.format("%016x.jpeg", i);
			boolean young = i % 10 == 3;
			boolean local = i % 10 == 7;
			long id = data.media(local ? alice : bob)
				.remote(local ? "" : "https://example.com/" + i + ".jpg")
				.file(name, "image/jpeg", 100 + i)
				.createdAt(daysAgo(young ? 2 : 30))
				.insert()
				.id();
			String prefix = local ? "" : "cache/";
			files.write(prefix + "media_attachments/files/" + IdPartition.of(id) + "/original/" + name, 100 + i);
			files.write(prefix + "media_attachments/files/" + IdPartition.of(id) + "/small/" + name, 10 + i);
		}
		return db;
	}

	private static List<String> media(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT coalesce(remote_url, 'local') || ':' || coalesce(file_file_name, '-') || ':' "
				+ "|| coalesce(file_file_size, -1) FROM media_attachments ORDER BY file_file_size NULLS FIRST, remote_url",
				String.class);
	}

	private static List<String> fileNames(Path root) {
		return new StorageFiles(root).keys()
			.stream()
			.map((key) -> key.substring(key.indexOf("/files/") + 1).replaceAll("files/[0-9/]+/", ""))
			.sorted()
			.toList();
	}

}
