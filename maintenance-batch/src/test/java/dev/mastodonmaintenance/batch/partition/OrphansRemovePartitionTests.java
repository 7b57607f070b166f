package dev.mastodonmaintenance.batch.partition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.FlakyStorage;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.MediaStore;
import dev.mastodonmaintenance.batch.testing.MediaStore.Backend;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static dev.mastodonmaintenance.batch.partition.PartitionRuns.partitionNames;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.partitions;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.shares;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.summary;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code media-remove-orphans} cut into partitions by segments of keys, each listed with
 * its own cursor, removes the same orphans and keeps the same files as one walk of the
 * same storage, with the level's prefix and start-after too, on the filesystem and on S3;
 * its restart lists only the partition that failed.
 */
class OrphansRemovePartitionTests {

	private static MastodonDatabase db;

	private static final List<String> orphans = new ArrayList<>();

	private static final List<String> kept = new ArrayList<>();

	@TempDir
	Path plainRoot;

	@TempDir
	Path partitionedRoot;

	/**
	 * Remote media whose files are kept, deleted rows whose files are orphans, in the
	 * cache and local directories, avatars, and keys no row pattern knows (kept).
	 */
	@BeforeAll
	static void database() {
		db = MastodonDatabase.withFixture(OrphansRemovePartitionTests.class);
		MastodonData data = new MastodonData(db.dataSource());
		Account bob = data.remoteAccount("bob", "example.com").avatar("ab12ab12ab12ab12.jpeg", 10).insert();
		Account alice = data.localAccount("alice").insert();
		for (int i = 0; i < 40; i++) {
			boolean local = i % 4 == 0;
			String name = String.format("%016x.jpeg", i);
			long id = data.media(local ? alice : bob)
				.remote(local ? "" : "https://example.com/" + name)
				.file(name, "image/jpeg", 10)
				.insert()
				.id();
			String key = (local ? "" : "cache/") + "media_attachments/files/" + IdPartition.of(id) + "/original/"
					+ name;
			if (i % 3 == 0) {
				db.jdbc().update("DELETE FROM media_attachments WHERE id = ?", id);
				orphans.add(key);
			}
			else {
				kept.add(key);
			}
		}
		kept.add("cache/accounts/avatars/" + IdPartition.of(bob.id()) + "/original/ab12ab12ab12ab12.jpeg");
		orphans.add("cache/accounts/avatars/" + IdPartition.of(bob.id()) + "/static/ab12ab12ab12ab12.png");
		orphans.add("accounts/avatars/000/000/001/original/a.png");
		orphans.add("cache/preview_cards/images/000/000/003/original/c.png");
		kept.addAll(List.of("imports/data/000/000/001/original/follows.csv", "a-first.txt", "zzz/last.txt"));
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void fourPartitionsEndAsOneWalk(Backend backend) throws Exception {
		try (MediaStore plainStore = seeded(MediaStore.open(backend, this.plainRoot, ""));
				MediaStore partitionedStore = seeded(MediaStore.open(backend, this.partitionedRoot, ""))) {
			JobHarness plainHarness = harness(plainStore.storage());
			JobHarness harness = harness(partitionedStore.storage());

			JobExecution plain = plainHarness.run("levels=media-remove-orphans", "media-remove-orphans.min-age=0s",
					"media-remove-orphans.batch-size=3");
			JobExecution partitioned = harness.run("levels=media-remove-orphans", "media-remove-orphans.min-age=0s",
					"media-remove-orphans.batch-size=3", "media-remove-orphans.grid-size=4",
					"media-remove-orphans.partitions=2");

			assertThat(plain.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(partitioned.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(partitions(harness, partitioned)).hasSize(4);
			// the key space dealt out in turn: the first partition from the first key
			assertThat(shares(harness, partitioned, Level.MEDIA_REMOVE_ORPHANS))
				.allSatisfy((share) -> assertThat(share).matches("\\d+ segments of keys, the first .*"))
				.first()
				.asString()
				.endsWith("the first from the first up to accounts/");
			assertThat(plainStore.keys()).containsExactlyInAnyOrderElementsOf(kept);
			assertThat(partitionedStore.keys()).containsExactlyInAnyOrderElementsOf(kept);
			assertThat(summary(harness, partitioned, Level.MEDIA_REMOVE_ORPHANS))
				.isEqualTo(summary(plainHarness, plain, Level.MEDIA_REMOVE_ORPHANS))
				.contains("Removed " + orphans.size() + " orphans")
				.contains("Visited " + (orphans.size() + kept.size()) + " stored objects; kept 3 unrecognized");
		}
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void prefixAndStartAfterHoldInEveryPartition(Backend backend) throws Exception {
		String startAfter = orphans.stream()
			.filter((key) -> key.startsWith("cache/media_attachments/"))
			.sorted()
			.toList()
			.get(3);
		try (MediaStore plainStore = seeded(MediaStore.open(backend, this.plainRoot, ""));
				MediaStore partitionedStore = seeded(MediaStore.open(backend, this.partitionedRoot, ""))) {
			JobHarness plainHarness = harness(plainStore.storage());
			JobHarness harness = harness(partitionedStore.storage());

			JobExecution plain = plainHarness.run("levels=media-remove-orphans", "media-remove-orphans.min-age=0s",
					"media-remove-orphans.prefix=cache/", "media-remove-orphans.start-after=" + startAfter);
			JobExecution partitioned = harness.run("levels=media-remove-orphans", "media-remove-orphans.min-age=0s",
					"media-remove-orphans.prefix=cache/", "media-remove-orphans.start-after=" + startAfter,
					"media-remove-orphans.grid-size=3", "media-remove-orphans.batch-size=2");

			assertThat(partitioned.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(partitionedStore.keys()).containsExactlyInAnyOrderElementsOf(plainStore.keys())
				.contains(startAfter, "accounts/avatars/000/000/001/original/a.png")
				.doesNotContain("cache/preview_cards/images/000/000/003/original/c.png");
			assertThat(summary(harness, partitioned, Level.MEDIA_REMOVE_ORPHANS))
				.isEqualTo(summary(plainHarness, plain, Level.MEDIA_REMOVE_ORPHANS));
		}
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void restartListsOnlyThePartitionThatFailed(Backend backend) throws Exception {
		try (MediaStore store = seeded(MediaStore.open(backend, this.partitionedRoot, ""))) {
			FlakyStorage flaky = new FlakyStorage(store.storage());
			JobHarness harness = harness(flaky);
			flaky.failOnDelete(2);

			JobExecution failed = harness.run("levels=media-remove-orphans", "media-remove-orphans.min-age=0s",
					"media-remove-orphans.batch-size=2", "media-remove-orphans.grid-size=4",
					"media-remove-orphans.partitions=1");

			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(partitionNames(harness, failed, true)).hasSize(3);
			assertThat(partitionNames(harness, failed, false)).hasSize(1);

			flaky.heal();
			JobExecution restarted = harness.restart(failed);

			assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(partitionNames(harness, restarted)).isEqualTo(partitionNames(harness, failed, false));
			assertThat(store.keys()).containsExactlyInAnyOrderElementsOf(kept);
			assertThat(summary(harness, restarted, Level.MEDIA_REMOVE_ORPHANS))
				.contains("Removed " + orphans.size() + " orphans")
				.contains("Visited " + (orphans.size() + kept.size()) + " stored objects");
		}
	}

	private static MediaStore seeded(MediaStore store) {
		store.writeAll(10, orphans);
		store.writeAll(10, kept);
		return store;
	}

	private static JobHarness harness(MediaStorage storage) {
		return JobHarness.on(new MastodonResources(db.dataSource(), storage, null, List.of()));
	}

}
