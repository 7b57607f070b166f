package dev.mastodonmaintenance.statuses;

import java.util.List;

import dev.mastodonmaintenance.media.MediaAttachmentFiles;
import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.MediaAttachment;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orphaned-media phase: attachments with neither status nor scheduled status, created
 * before the cut-off, are deleted window by window, and the keys of their files are
 * handed back.
 */
class UnattachedMediaRemovalTests {

	private static MastodonDatabase db;

	private static MastodonData data;

	private static JdbcTemplate jdbc;

	private static MediaAttachmentRows media;

	private static Account alice;

	private static Account bob;

	@BeforeAll
	static void createDatabase() {
		db = MastodonDatabase.withFixture(UnattachedMediaRemovalTests.class);
		data = new MastodonData(db.dataSource());
		jdbc = db.jdbc();
		media = new MediaAttachmentRows(jdbc, MastodonSchema.read(jdbc));
		alice = data.localAccount("alice").insert();
		bob = data.remoteAccount("bob", "remote.example").insert();
	}

	@Test
	void unattachedMediaOlderThanTheCutOffGoWithTheirFileKeys() {
		MediaAttachment remoteImage = data.media(bob)
			.remote("https://remote.example/a.png")
			.file("0fb3c1e2a9d84b7c.png", "image/png", 1000)
			.thumbnail("1122334455667788.jpg", "image/jpeg", 100)
			.createdAt(daysAgo(100))
			.insert();
		MediaAttachment localVideo = data.media(alice)
			.file("aabbccddeeff0011.mp4", "video/mp4", 5000)
			.createdAt(daysAgo(100))
			.insert();
		MediaAttachment legacy = data.media(bob)
			.remote("https://remote.example/b.mp3")
			.file("ffeeddccbbaa9988.mp3", "audio/mpeg", 300)
			.schemaVersion(null)
			.createdAt(daysAgo(100))
			.insert();
		MediaAttachment young = data.media(alice)
			.file("0000111122223333.png", "image/png", 1)
			.createdAt(daysAgo(88))
			.insert();
		MediaAttachment attached = data.media(bob)
			.remote("https://remote.example/c.png")
			.file("4444555566667777.png", "image/png", 1)
			.status(data.status(bob).createdAt(daysAgo(100)).insert())
			.createdAt(daysAgo(100))
			.insert();
		MediaAttachment scheduled = data.media(alice)
			.file("8888999900001111.png", "image/png", 1)
			.scheduledStatus(data.scheduledStatus(alice))
			.createdAt(daysAgo(100))
			.insert();

		// the window starts at this test's first row: rows of the other tests are older
		List<MediaAttachmentFiles> deleted = media.deleteUnattached(remoteImage.id() - 1, Long.MAX_VALUE, daysAgo(89));

		assertThat(deleted).extracting(MediaAttachmentFiles::mediaId)
			.containsExactlyInAnyOrder(remoteImage.id(), localVideo.id(), legacy.id());
		assertThat(remaining()).contains(young.id(), attached.id(), scheduled.id())
			.doesNotContain(remoteImage.id(), localVideo.id(), legacy.id());
		assertThat(deleted).flatExtracting((files) -> files.files().stream().map(ObjectToRemove::key).toList())
			.containsExactlyInAnyOrder(
					"cache/media_attachments/files/" + partition(remoteImage.id()) + "/original/0fb3c1e2a9d84b7c.png",
					"cache/media_attachments/files/" + partition(remoteImage.id()) + "/small/0fb3c1e2a9d84b7c.png",
					"cache/media_attachments/thumbnails/" + partition(remoteImage.id())
							+ "/original/1122334455667788.jpg",
					"media_attachments/files/" + partition(localVideo.id()) + "/original/aabbccddeeff0011.mp4",
					"media_attachments/files/" + partition(localVideo.id()) + "/small/aabbccddeeff0011.png",
					"media_attachments/files/" + partition(legacy.id()) + "/original/ffeeddccbbaa9988.mp3");
		assertThat(deleted).filteredOn((f) -> f.mediaId() == remoteImage.id())
			.extracting(MediaAttachmentFiles::recordedBytes)
			.containsExactly(1100L);
	}

	@Test
	void onlyTheWindowIsDeleted() {
		MediaAttachment first = data.media(alice).file("1.png", "image/png", 1).createdAt(daysAgo(100)).insert();
		MediaAttachment second = data.media(alice).file("2.png", "image/png", 1).createdAt(daysAgo(100)).insert();

		List<MediaAttachmentFiles> deleted = media.deleteUnattached(first.id(), second.id(), daysAgo(89));

		assertThat(deleted).extracting(MediaAttachmentFiles::mediaId).containsExactly(second.id());
		assertThat(remaining()).contains(first.id());
	}

	@Test
	void accountMediaGoChunkByChunk() {
		Account carol = data.remoteAccount("carol", "gone.example").insert();
		for (int i = 0; i < 3; i++) {
			data.media(carol).remote("https://gone.example/" + i + ".png").file(i + ".png", "image/png", 1).insert();
		}

		assertThat(media.deleteOfAccount(carol.id(), 2)).hasSize(2);
		assertThat(media.deleteOfAccount(carol.id(), 2)).hasSize(1);
		assertThat(media.deleteOfAccount(carol.id(), 2)).isEmpty();
	}

	private static List<Long> remaining() {
		return jdbc.queryForList("SELECT id FROM media_attachments", Long.class);
	}

	private static String partition(long id) {
		return dev.mastodonmaintenance.storage.IdPartition.of(id);
	}

}
