package dev.mastodonmaintenance.media;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.Status;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RemoteMedia} selects what {@code tootctl media remove} selects (docs/media.md)
 * in a window of ids, and clears it as Paperclip does: file columns nulled, the row and
 * its remote URL kept.
 */
class RemoteMediaTests {

	private static MastodonDatabase db;

	private JdbcTemplate jdbc;

	private MastodonData data;

	private RemoteMedia media;

	private Account bob;

	private final LocalDateTime cutoff = daysAgo(7).withNano(0);

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withFixture(RemoteMediaTests.class);
	}

	@BeforeEach
	void empty() {
		db.execute("TRUNCATE accounts, users, statuses, media_attachments, favourites, bookmarks, quotes CASCADE");
		this.jdbc = db.jdbc();
		this.data = new MastodonData(db.dataSource());
		this.media = new RemoteMedia(this.jdbc, MastodonSchema.read(this.jdbc));
		this.bob = this.data.remoteAccount("bob", "example.com").insert();
	}

	@Test
	void selectsRemoteMediaWithAFileCreatedAtOrBeforeTheCutoff() {
		long atCutoff = remote(null, this.cutoff);
		long older = remote(null, this.cutoff.minusDays(30));
		remote(null, this.cutoff.plusSeconds(1));
		this.data.media(this.bob).file("2222222222222222.png", "image/png", 10).createdAt(daysAgo(30)).insert();
		this.data.media(this.bob).remote("https://example.com/gone.jpg").createdAt(daysAgo(30)).insert();

		assertThat(this.media.find(0, Long.MAX_VALUE, this.cutoff, false)).extracting(MediaAttachmentFiles::mediaId)
			.containsExactly(Math.min(atCutoff, older), Math.max(atCutoff, older));
	}

	@Test
	void onlyTheIdWindowIsLookedAt() {
		long one = remote(null, daysAgo(8));
		long other = remote(null, daysAgo(8));
		long first = Math.min(one, other);
		long second = Math.max(one, other);

		assertThat(this.media.find(first, second, this.cutoff, false)).extracting(MediaAttachmentFiles::mediaId)
			.containsExactly(second);
		assertThat(this.media.clear(0, first, this.cutoff, false)).extracting(MediaAttachmentFiles::mediaId)
			.containsExactly(first);
	}

	@Test
	void clearingNullsTheFileColumnsAndKeepsTheRowAndItsRemoteUrl() {
		long id = this.data.media(this.bob)
			.remote("https://example.com/image.jpg")
			.file("0fb3c1e2a9d84b7c.jpeg", "image/jpeg", 1000)
			.thumbnail("c3d4c3d4c3d4c3d4.png", "image/png", 50)
			.createdAt(daysAgo(8))
			.insert()
			.id();
		this.jdbc.update("UPDATE media_attachments SET thumbnail_remote_url = 'https://example.com/thumb.png', "
				+ "description = 'a description' WHERE id = ?", id);

		List<MediaAttachmentFiles> cleared = this.media.clear(0, Long.MAX_VALUE, this.cutoff, false);

		assertThat(cleared).singleElement().satisfies((files) -> {
			assertThat(files.recordedBytes()).isEqualTo(1050);
			assertThat(files.files()).extracting(ObjectToRemove::key)
				.containsExactly(
						"cache/media_attachments/files/" + IdPartition.of(id) + "/original/0fb3c1e2a9d84b7c.jpeg",
						"cache/media_attachments/files/" + IdPartition.of(id) + "/small/0fb3c1e2a9d84b7c.jpeg",
						"cache/media_attachments/thumbnails/" + IdPartition.of(id) + "/original/c3d4c3d4c3d4c3d4.png");
			assertThat(files.files()).extracting(ObjectToRemove::recordedBytes).containsExactly(1000L, null, 50L);
		});
		Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM media_attachments WHERE id = ?", id);
		assertThat(row).containsEntry("file_file_name", null)
			.containsEntry("file_content_type", null)
			.containsEntry("file_file_size", null)
			.containsEntry("file_updated_at", null)
			.containsEntry("thumbnail_file_name", null)
			.containsEntry("thumbnail_content_type", null)
			.containsEntry("thumbnail_file_size", null)
			.containsEntry("thumbnail_updated_at", null)
			.containsEntry("remote_url", "https://example.com/image.jpg")
			.containsEntry("thumbnail_remote_url", "https://example.com/thumb.png")
			.containsEntry("file_storage_schema_version", 1)
			.containsEntry("description", "a description");
		assertThat(((java.sql.Timestamp) row.get("updated_at")).toLocalDateTime()).isAfter(daysAgo(0.01));
		assertThat(this.media.find(0, Long.MAX_VALUE, this.cutoff, false)).isEmpty();
	}

	@Test
	void aMissingThumbnailIsLeftAsItIs() {
		long id = remote(null, daysAgo(8));
		this.jdbc.update("UPDATE media_attachments SET thumbnail_content_type = 'image/png' WHERE id = ?", id);

		this.media.clear(0, Long.MAX_VALUE, this.cutoff, false);

		assertThat(this.jdbc.queryForObject("SELECT thumbnail_content_type FROM media_attachments WHERE id = ?",
				String.class, id))
			.isEqualTo("image/png");
	}

	@Test
	void legacyRowsWithoutSchemaVersionLiveOutsideCache() {
		long id = this.data.media(this.bob)
			.remote("https://example.com/image.jpg")
			.file("0fb3c1e2a9d84b7c.jpeg", "image/jpeg", 10)
			.schemaVersion(null)
			.createdAt(daysAgo(8))
			.insert()
			.id();

		assertThat(this.media.find(0, Long.MAX_VALUE, this.cutoff, false)).singleElement()
			.satisfies((files) -> assertThat(files.files().get(0).key())
				.isEqualTo("media_attachments/files/" + IdPartition.of(id) + "/original/0fb3c1e2a9d84b7c.jpeg"));
	}

	@Test
	void keepInteractedKeepsMediaOfStatusesLocalUsersInteractedWith() {
		Account alice = this.data.localAccount("alice").insert();
		Status alicesStatus = this.data.status(alice).insert();
		Status favourited = this.data.status(this.bob).remote().insert();
		this.data.favourite(alice, favourited);
		Status bookmarked = this.data.status(this.bob).remote().insert();
		this.data.bookmark(alice, bookmarked);
		Status repliedTo = this.data.status(this.bob).remote().insert();
		this.data.status(alice).replyTo(repliedTo).insert();
		Status reblogged = this.data.status(this.bob).remote().insert();
		this.data.status(alice).reblogOf(reblogged).insert();
		Status quoted = this.data.status(this.bob).remote().insert();
		this.data.quote(this.data.status(alice).insert(), quoted);
		Status quoting = this.data.status(this.bob).remote().insert();
		this.data.quote(quoting, alicesStatus);
		Status remotelyFavourited = this.data.status(this.bob).remote().insert();
		this.data.favourite(this.data.remoteAccount("carol", "example.org").insert(), remotelyFavourited);
		Status remotelyReplied = this.data.status(this.bob).remote().insert();
		this.data.status(this.bob).remote().replyTo(remotelyReplied).insert();
		for (Status status : List.of(favourited, bookmarked, repliedTo, reblogged, quoted, quoting)) {
			remote(status, daysAgo(30));
		}
		long untouched = remote(this.data.status(this.bob).remote().insert(), daysAgo(30));
		long onRemotelyFavourited = remote(remotelyFavourited, daysAgo(30));
		long onRemotelyReplied = remote(remotelyReplied, daysAgo(30));
		long withoutStatus = remote(null, daysAgo(30));

		assertThat(this.media.find(0, Long.MAX_VALUE, this.cutoff, true)).extracting(MediaAttachmentFiles::mediaId)
			.containsExactlyInAnyOrder(untouched, onRemotelyFavourited, onRemotelyReplied, withoutStatus);
		assertThat(this.media.find(0, Long.MAX_VALUE, this.cutoff, false)).hasSize(10);
		assertThat(this.media.clear(0, Long.MAX_VALUE, this.cutoff, true)).extracting(MediaAttachmentFiles::mediaId)
			.containsExactlyInAnyOrder(untouched, onRemotelyFavourited, onRemotelyReplied, withoutStatus);
	}

	private long remote(Status status, LocalDateTime createdAt) {
		MastodonData.MediaBuilder builder = this.data.media(this.bob)
			.remote("https://example.com/image.jpg")
			.file("0fb3c1e2a9d84b7c.jpeg", "image/jpeg", 1000)
			.createdAt(createdAt);
		return ((status != null) ? builder.status(status) : builder).insert().id();
	}

}
