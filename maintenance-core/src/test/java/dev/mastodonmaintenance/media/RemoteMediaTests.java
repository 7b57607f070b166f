package dev.mastodonmaintenance.media;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.MediaRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RemoteMedia} selects what {@code tootctl media remove} selects (§5.2) in a window of ids, and clears
 * it as Paperclip does: file columns nulled, the row and its remote URL kept.
 */
class RemoteMediaTests {

	private static MastodonDatabase db;

	private JdbcTemplate jdbc;

	private MediaRows rows;

	private RemoteMedia media;

	private final LocalDateTime cutoff = MediaRows.now().minusDays(7).withNano(0);

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withRealSchema(RemoteMediaTests.class, MastodonDatabase.realSchemaDump().orElseThrow());
	}

	@BeforeEach
	void empty() {
		this.jdbc = db.jdbc();
		this.rows = new MediaRows(this.jdbc);
		this.rows.truncate();
		this.media = new RemoteMedia(this.jdbc);
	}

	@Test
	void selectsRemoteMediaWithAFileCreatedAtOrBeforeTheCutoff() {
		long bob = this.rows.account("remote.example", this.cutoff, this.cutoff);
		long atCutoff = remote(bob, null, this.cutoff);
		long older = remote(bob, null, this.cutoff.minusDays(30));
		remote(bob, null, this.cutoff.plusSeconds(1));
		this.rows.media(bob, null, "", "local0000000000.png", "image/png", 10, this.cutoff.minusDays(30));
		long fileless = remote(bob, null, this.cutoff.minusDays(30));
		this.jdbc.update("UPDATE media_attachments SET file_file_name = NULL WHERE id = ?", fileless);

		assertThat(this.media.find(0, Long.MAX_VALUE, this.cutoff, false)).extracting(MediaAttachmentFiles::mediaId)
			.containsExactly(Math.min(atCutoff, older), Math.max(atCutoff, older));
	}

	@Test
	void onlyTheIdWindowIsLookedAt() {
		long bob = this.rows.account("remote.example", this.cutoff, this.cutoff);
		long one = remote(bob, null, this.cutoff.minusDays(8));
		long other = remote(bob, null, this.cutoff.minusDays(8));
		long first = Math.min(one, other);
		long second = Math.max(one, other);

		assertThat(this.media.find(first, second, this.cutoff, false)).extracting(MediaAttachmentFiles::mediaId)
			.containsExactly(second);
		assertThat(this.media.clear(0, first, this.cutoff, false)).extracting(MediaAttachmentFiles::mediaId)
			.containsExactly(first);
	}

	@Test
	void clearingNullsTheFileColumnsAndKeepsTheRowAndItsRemoteUrl() {
		long bob = this.rows.account("remote.example", this.cutoff, this.cutoff);
		long id = remote(bob, null, this.cutoff.minusDays(8));
		this.rows.thumbnail(id, "c3d4c3d4c3d4c3d4.png", "image/png", 50);
		LocalDateTime before = MediaRows.now().minusSeconds(5);

		List<MediaAttachmentFiles> cleared = this.media.clear(0, Long.MAX_VALUE, this.cutoff, false);

		assertThat(cleared).singleElement().satisfies((files) -> {
			assertThat(files.recordedBytes()).isEqualTo(1050);
			assertThat(files.files()).extracting((file) -> file.key()).containsExactly(
					"cache/media_attachments/files/" + IdPartition.of(id) + "/original/0fb3c1e2a9d84b7c.jpeg",
					"cache/media_attachments/files/" + IdPartition.of(id) + "/small/0fb3c1e2a9d84b7c.jpeg",
					"cache/media_attachments/thumbnails/" + IdPartition.of(id) + "/original/c3d4c3d4c3d4c3d4.png");
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
			.containsEntry("remote_url", "https://remote.example/media/0fb3c1e2a9d84b7c.jpeg")
			.containsEntry("thumbnail_remote_url", "https://remote.example/thumb/c3d4c3d4c3d4c3d4.png")
			.containsEntry("file_storage_schema_version", 1)
			.containsEntry("description", "a description");
		assertThat(((java.sql.Timestamp) row.get("updated_at")).toLocalDateTime()).isAfter(before);
		assertThat(this.media.find(0, Long.MAX_VALUE, this.cutoff, false)).isEmpty();
	}

	@Test
	void aMissingThumbnailIsLeftAsItIs() {
		long bob = this.rows.account("remote.example", this.cutoff, this.cutoff);
		long id = remote(bob, null, this.cutoff.minusDays(8));
		this.jdbc.update("UPDATE media_attachments SET thumbnail_content_type = 'image/png' WHERE id = ?", id);

		this.media.clear(0, Long.MAX_VALUE, this.cutoff, false);

		assertThat(this.jdbc.queryForObject("SELECT thumbnail_content_type FROM media_attachments WHERE id = ?",
				String.class, id)).isEqualTo("image/png");
	}

	@Test
	void legacyRowsWithoutSchemaVersionLiveOutsideCache() {
		long bob = this.rows.account("remote.example", this.cutoff, this.cutoff);
		long id = remote(bob, null, this.cutoff.minusDays(8));
		this.jdbc.update("UPDATE media_attachments SET file_storage_schema_version = NULL WHERE id = ?", id);

		assertThat(this.media.find(0, Long.MAX_VALUE, this.cutoff, false)).singleElement()
			.satisfies((files) -> assertThat(files.files().get(0).key())
				.startsWith("media_attachments/files/" + IdPartition.of(id) + "/original/"));
	}

	@Test
	void keepInteractedKeepsMediaOfStatusesLocalUsersInteractedWith() {
		long alice = this.rows.localAccount();
		long bob = this.rows.account("remote.example", this.cutoff, this.cutoff);
		long alicesStatus = this.rows.status(alice, true);
		long favourited = remoteOnStatus(bob);
		this.rows.favourite(alice, statusOf(favourited));
		long bookmarked = remoteOnStatus(bob);
		this.rows.bookmark(alice, statusOf(bookmarked));
		long repliedTo = remoteOnStatus(bob);
		this.rows.status(alice, true, statusOf(repliedTo), null);
		long reblogged = remoteOnStatus(bob);
		this.rows.status(alice, true, null, statusOf(reblogged));
		long quoted = remoteOnStatus(bob);
		this.rows.quote(this.rows.status(alice, true), alice, statusOf(quoted), bob);
		long quoting = remoteOnStatus(bob);
		this.rows.quote(statusOf(quoting), bob, alicesStatus, alice);
		long untouched = remoteOnStatus(bob);
		long onRemotelyFavouritedStatus = remoteOnStatus(bob);
		this.rows.favourite(this.rows.account("other.example", this.cutoff, this.cutoff), statusOf(onRemotelyFavouritedStatus));
		long withoutStatus = remote(bob, null, this.cutoff.minusDays(30));

		assertThat(this.media.find(0, Long.MAX_VALUE, this.cutoff, true)).extracting(MediaAttachmentFiles::mediaId)
			.containsExactlyInAnyOrder(untouched, onRemotelyFavouritedStatus, withoutStatus);
		assertThat(this.media.find(0, Long.MAX_VALUE, this.cutoff, false)).hasSize(9);
		assertThat(this.media.clear(0, Long.MAX_VALUE, this.cutoff, true)).extracting(MediaAttachmentFiles::mediaId)
			.containsExactlyInAnyOrder(untouched, onRemotelyFavouritedStatus, withoutStatus);
	}

	private long remote(long accountId, Long statusId, LocalDateTime createdAt) {
		return this.rows.media(accountId, statusId, "https://remote.example/media/0fb3c1e2a9d84b7c.jpeg",
				"0fb3c1e2a9d84b7c.jpeg", "image/jpeg", 1000, createdAt);
	}

	private long remoteOnStatus(long accountId) {
		return remote(accountId, this.rows.status(accountId, false), this.cutoff.minusDays(30));
	}

	private long statusOf(long mediaId) {
		return this.jdbc.queryForObject("SELECT status_id FROM media_attachments WHERE id = ?", Long.class, mediaId);
	}

}
