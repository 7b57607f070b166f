package dev.mastodonmaintenance.batch.partition;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.SqlHooks;
import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.Conversation;
import dev.mastodonmaintenance.testing.MastodonData.MediaAttachment;
import dev.mastodonmaintenance.testing.MastodonData.Status;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.batch.partition.PartitionRuns.objectsNotRemovedOnce;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.partitionNames;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.partitions;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.summary;
import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code statuses-remove} with its statuses phase cut into partitions by ranges of ids
 * ends as the plain step does on a copy of the same instance: the same statuses kept
 * (those replied to, boosted locally, favourited), the same boosts gone by cascade, and
 * the later phases (statistics, unattached media, orphaned conversations) run once after
 * all partitions; its restart runs only the partition that failed, then those phases.
 */
class StatusesRemovePartitionTests {

	private static final int STATUSES = 60;

	@TempDir
	Path plainRoot;

	@TempDir
	Path partitionedRoot;

	@Test
	void fourPartitionsEndAsOnePlainStep() throws Exception {
		MastodonDatabase plainDb = seeded(MastodonDatabase.withFixture(getClass()), this.plainRoot);
		MastodonDatabase partitionedDb = seeded(MastodonDatabase.withFixture(getClass()), this.partitionedRoot);
		JobHarness plainHarness = harness(plainDb.dataSource(), this.plainRoot);
		JobHarness harness = harness(partitionedDb.dataSource(), this.partitionedRoot);

		JobExecution plain = plainHarness.run("levels=statuses-remove", "statuses-remove.batch-size=3");
		JobExecution partitioned = harness.run("levels=statuses-remove", "statuses-remove.batch-size=3",
				"statuses-remove.grid-size=4", "statuses-remove.partitions=2");

		assertThat(plain.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitioned.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitions(harness, partitioned)).hasSize(4)
			.allSatisfy((partition) -> assertThat(partition.getReadCount()).isPositive());
		assertThat(state(partitionedDb.jdbc())).isEqualTo(state(plainDb.jdbc()));
		assertThat(new StorageFiles(this.partitionedRoot).keys())
			.hasSameSizeAs(new StorageFiles(this.plainRoot).keys());
		assertThat(laterLines(harness, partitioned)).isEqualTo(laterLines(plainHarness, plain))
			.contains("Removed 4 out of 4 media_attachments (approx. 40 Bytes)")
			.contains("Ran ANALYZE on statuses and conversations");
		assertThat(statusesGone(harness, partitioned)).isEqualTo(statusesGone(plainHarness, plain)).isPositive();
		assertThat(repliedStatusesNoted(partitionedDb.jdbc())).as("the run's noted parents, forgotten once").isZero();
	}

	@Test
	void restartRunsOnlyThePartitionThatFailedThenTheLaterPhases() throws Exception {
		MastodonDatabase plainDb = seeded(MastodonDatabase.withFixture(getClass()), this.plainRoot);
		MastodonDatabase partitionedDb = seeded(MastodonDatabase.withFixture(getClass()), this.partitionedRoot);
		JobHarness plainHarness = harness(plainDb.dataSource(), this.plainRoot);
		JobExecution plain = plainHarness.run("levels=statuses-remove", "statuses-remove.batch-size=3");
		SqlHooks hooks = new SqlHooks(partitionedDb.dataSource());
		JobHarness harness = harness(hooks, this.partitionedRoot);
		hooks.failOn("WITH RECURSIVE chosen AS ( SELECT s.id FROM statuses s WHERE s.id = ANY", 3);

		JobExecution failed = harness.run("levels=statuses-remove", "statuses-remove.batch-size=3",
				"statuses-remove.concurrency=1", "statuses-remove.grid-size=4", "statuses-remove.partitions=1");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(partitionNames(harness, failed, true)).hasSize(3);
		assertThat(partitionNames(harness, failed, false)).hasSize(1);
		assertThat(summary(harness, failed, Level.STATUSES_REMOVE)).as("the later phases wait for every partition")
			.contains("Removed 0 out of 0 media_attachments");

		JobExecution restarted = harness.restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitionNames(harness, restarted)).isEqualTo(partitionNames(harness, failed, false));
		assertThat(state(partitionedDb.jdbc())).isEqualTo(state(plainDb.jdbc()));
		assertThat(laterLines(harness, restarted)).isEqualTo(laterLines(plainHarness, plain));
		assertThat(statusesGone(harness, restarted)).isEqualTo(statusesGone(plainHarness, plain));
		assertThat(objectsNotRemovedOnce(partitionedDb.jdbc())).isEmpty();
		StepExecution level = harness.step(restarted, Level.STATUSES_REMOVE);
		assertThat(level.getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	/**
	 * The summary's lines after the first: whether a boost goes directly or by cascade
	 * with its original depends on the window it falls in, with partitions as with lanes.
	 */
	private static List<String> laterLines(JobHarness harness, JobExecution execution) {
		List<String> lines = List.of(summary(harness, execution, Level.STATUSES_REMOVE).split("\n"));
		return lines.subList(1, lines.size());
	}

	/** The statuses removed, directly or by cascade. */
	private static long statusesGone(JobHarness harness, JobExecution execution) {
		LevelReport report = PartitionRuns.report(harness, execution, Level.STATUSES_REMOVE);
		return report.rowsChanged() + report.rowsCascaded();
	}

	private static JobHarness harness(DataSource dataSource, Path root) {
		return JobHarness.on(new MastodonResources(dataSource, new FilesystemStorage(root), null, List.of()));
	}

	/**
	 * Old remote statuses, some favourited locally (kept), some replied to (kept, the
	 * reply removed), some boosted remotely (the boost goes with them), young ones
	 * (kept); media of removed statuses left unattached, and conversations of their own.
	 */
	private static MastodonDatabase seeded(MastodonDatabase db, Path root) {
		MastodonData data = new MastodonData(db.dataSource());
		StorageFiles files = new StorageFiles(root);
		Account alice = data.localAccount("alice").insert();
		Account bob = data.remoteAccount("bob", "remote.example").insert();
		Account carol = data.remoteAccount("carol", "elsewhere.example").insert();
		Status previous = null;
		for (int i = 0; i < STATUSES; i++) {
			Conversation conversation = data.conversation();
			Status status = data.status(bob)
				.createdAt(daysAgo((i % 10 == 9) ? 10 : 100))
				.uri("https://remote.example/s/" + i)
				.conversation(conversation)
				.insert();
			if (i % 5 == 0) {
				data.favourite(alice, status);
			}
			if (i % 6 == 1) {
				data.status(carol)
					.createdAt(daysAgo(95))
					.uri("https://elsewhere.example/b/" + i)
					.reblogOf(status)
					.insert();
			}
			if (i % 7 == 2 && previous != null) {
				data.status(carol)
					.createdAt(daysAgo(95))
					.uri("https://elsewhere.example/r/" + i)
					.replyTo(previous)
					.insert();
			}
			if (i % 8 == 3) {
				String name = String.format("%016x.png", i);
				MediaAttachment media = data.media(bob)
					.remote("https://remote.example/" + i + ".png")
					.file(name, "image/png", 10)
					.status(status)
					.createdAt(daysAgo(100))
					.insert();
				files.write("cache/media_attachments/files/" + IdPartition.of(media.id()) + "/original/" + name, 10);
			}
			previous = status;
		}
		return db;
	}

	/** The statuses left by uri, and how many media rows and conversations are left. */
	private static List<String> state(JdbcTemplate jdbc) {
		List<String> state = new java.util.ArrayList<>(
				jdbc.queryForList("SELECT uri FROM statuses ORDER BY uri", String.class));
		state.add("media:" + jdbc.queryForObject("SELECT count(*) FROM media_attachments", Long.class));
		state.add("conversations:" + jdbc.queryForObject("SELECT count(*) FROM conversations", Long.class));
		return state;
	}

	private static long repliedStatusesNoted(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT count(*) FROM mastodon_maintenance.replied_statuses", Long.class);
	}

}
