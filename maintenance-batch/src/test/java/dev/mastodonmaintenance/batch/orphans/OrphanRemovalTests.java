package dev.mastodonmaintenance.batch.orphans;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.MediaStore.Backend;
import dev.mastodonmaintenance.batch.testing.MediaStore;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code media-remove-orphans} on both back-ends (Mastodon's spec cases and more): files
 * of deleted rows, of blank attachments and stray variants go; the files rows refer to,
 * unrecognised keys and objects younger than the age guard stay.
 */
class OrphanRemovalTests {

	private static MastodonDatabase db;

	@TempDir
	Path root;

	private JdbcTemplate jdbc;

	private MastodonData data;

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withFixture(OrphanRemovalTests.class);
	}

	@BeforeEach
	void empty() {
		db.execute("TRUNCATE accounts, users, media_attachments, custom_emojis CASCADE");
		this.jdbc = db.jdbc();
		this.data = new MastodonData(db.dataSource());
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void anEmptyStorageHasNoOrphans(Backend backend) throws Exception {
		try (MediaStore store = MediaStore.open(backend, this.root, "")) {
			JobHarness harness = harness(store);

			JobExecution execution = harness.run("levels=media-remove-orphans");

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(harness.summary(execution, Level.MEDIA_REMOVE_ORPHANS))
				.contains("Removed 0 orphans (approx. 0 Bytes)");
		}
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void removesFilesNoRowRefersToAndKeepsTheRest(Backend backend) throws Exception {
		Scenario scenario = new Scenario();
		try (MediaStore store = MediaStore.open(backend, this.root, "")) {
			store.writeAll(10, scenario.orphans);
			store.writeAll(10, scenario.kept);
			store.writeAll(10, scenario.unrecognized);
			JobHarness harness = harness(store);

			JobExecution execution = harness.run("levels=media-remove-orphans", "media-remove-orphans.min-age=0s",
					"media-remove-orphans.batch-size=3");

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			List<String> remaining = new ArrayList<>(scenario.kept);
			remaining.addAll(scenario.unrecognized);
			assertThat(store.keys()).containsExactlyInAnyOrderElementsOf(remaining);
			assertThat(harness.summary(execution, Level.MEDIA_REMOVE_ORPHANS))
				.contains("Removed 5 orphans (approx. 50 Bytes)")
				.contains("Visited 11 stored objects; kept 2 unrecognized and 0 younger than 0s");
		}
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void orphansYoungerThanTheGuardAreKept(Backend backend) throws Exception {
		try (MediaStore store = MediaStore.open(backend, this.root, "")) {
			store.write("cache/media_attachments/files/109/372/843/181/422/913/original/0fb3c1e2a9d84b7c.jpeg", 10);
			JobHarness harness = harness(store);

			JobExecution execution = harness.run("levels=media-remove-orphans");

			assertThat(store.keys()).hasSize(1);
			assertThat(harness.summary(execution, Level.MEDIA_REMOVE_ORPHANS)).contains("Removed 0 orphans")
				.contains("kept 0 unrecognized and 1 younger than 24h");
		}
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void dryRunRemovesNothingAndReportsTheBytes(Backend backend) throws Exception {
		Scenario scenario = new Scenario();
		try (MediaStore store = MediaStore.open(backend, this.root, "")) {
			store.writeAll(10, scenario.orphans);
			store.writeAll(10, scenario.kept);
			JobHarness harness = harness(store);

			JobExecution execution = harness.run("levels=media-remove-orphans", "media-remove-orphans.min-age=0s",
					"dry-run=true");

			assertThat(store.keys()).hasSize(scenario.orphans.size() + scenario.kept.size());
			assertThat(harness.summary(execution, Level.MEDIA_REMOVE_ORPHANS))
				.contains("Removed 5 orphans (approx. 50 Bytes) (DRY RUN)");
		}
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void startAfterSkipsTheKeysUpToIt(Backend backend) throws Exception {
		try (MediaStore store = MediaStore.open(backend, this.root, "")) {
			List<String> orphans = List.of("accounts/avatars/000/000/001/original/a.png",
					"accounts/avatars/000/000/002/original/b.png", "accounts/avatars/000/000/003/original/c.png");
			store.writeAll(10, orphans);
			JobHarness harness = harness(store);

			harness.run("levels=media-remove-orphans", "media-remove-orphans.min-age=0s",
					"media-remove-orphans.start-after=" + orphans.get(1));

			assertThat(store.keys()).containsExactlyElementsOf(orphans.subList(0, 2));
		}
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void prefixNarrowsTheWalk(Backend backend) throws Exception {
		try (MediaStore store = MediaStore.open(backend, this.root, "")) {
			store.write("cache/accounts/avatars/000/000/001/original/a.png", 10);
			store.write("accounts/avatars/000/000/001/original/a.png", 10);
			JobHarness harness = harness(store);

			harness.run("levels=media-remove-orphans", "media-remove-orphans.min-age=0s",
					"media-remove-orphans.prefix=cache/");

			assertThat(store.keys()).containsExactly("accounts/avatars/000/000/001/original/a.png");
		}
	}

	private JobHarness harness(MediaStore store) {
		return JobHarness.on(new MastodonResources(db.dataSource(), store.storage(), null, List.of()));
	}

	/**
	 * Rows and files of the cases beyond Mastodon's specs: five orphans, four kept files,
	 * two unrecognised keys.
	 */
	private final class Scenario {

		final List<String> orphans = new ArrayList<>();

		final List<String> kept = new ArrayList<>();

		final List<String> unrecognized = List.of("media_attachments/files/987/654/321/098/765/original/x.jpg",
				"imports/data/000/000/001/original/follows.csv");

		Scenario() {
			MastodonData data = OrphanRemovalTests.this.data;
			JdbcTemplate jdbc = OrphanRemovalTests.this.jdbc;
			Account bob = data.remoteAccount("bob", "example.com").avatar("ab12ab12ab12ab12.jpeg", 10).insert();
			long deleted = remoteImage(data, bob, "dddddddddddddddd.jpeg");
			jdbc.update("DELETE FROM media_attachments WHERE id = ?", deleted);
			this.orphans.add(media(deleted, "original", "dddddddddddddddd.jpeg"));
			this.orphans.add(media(deleted, "small", "dddddddddddddddd.jpeg"));
			long blank = remoteImage(data, bob, "bbbbbbbbbbbbbbbb.jpeg");
			jdbc.update("UPDATE media_attachments SET file_file_name = NULL WHERE id = ?", blank);
			this.orphans.add(media(blank, "original", "bbbbbbbbbbbbbbbb.jpeg"));
			long present = remoteImage(data, bob, "pppppppppppppppp.jpeg");
			this.kept.add(media(present, "original", "pppppppppppppppp.jpeg"));
			this.kept.add(media(present, "small", "pppppppppppppppp.jpeg"));
			this.orphans.add(media(present, "original", "0000000000000000.jpeg"));
			long emoji = data.customEmoji("blobcat").domain("example.com").image("blobcat.gif", 10).insert().id();
			this.kept.add("cache/custom_emojis/images/" + IdPartition.of(emoji) + "/static/blobcat.png");
			this.kept.add("cache/accounts/avatars/" + IdPartition.of(bob.id()) + "/original/ab12ab12ab12ab12.jpeg");
			this.orphans.add("cache/accounts/avatars/" + IdPartition.of(bob.id()) + "/static/ab12ab12ab12ab12.png");
		}

		private static long remoteImage(MastodonData data, Account account, String fileName) {
			return data.media(account)
				.remote("https://example.com/" + fileName)
				.file(fileName, "image/jpeg", 10)
				.insert()
				.id();
		}

		private static String media(long id, String style, String fileName) {
			return "cache/media_attachments/files/" + IdPartition.of(id) + "/" + style + "/" + fileName;
		}

	}

}
