package dev.mastodonmaintenance.orphans;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.storage.StoredObject;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.MediaRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OrphanScanner} judges a page of stored objects against the rows as they are now (§6.4 and the extra
 * cases of §14), and never judges what is younger than the age guard.
 */
class OrphanScannerTests {

	private static final Instant OLD = Instant.parse("2026-01-01T00:00:00Z");

	private static final Instant GUARD = Instant.parse("2026-06-01T00:00:00Z");

	private static MastodonDatabase db;

	private JdbcTemplate jdbc;

	private MediaRows rows;

	private OrphanScanner scanner;

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withRealSchema(OrphanScannerTests.class, MastodonDatabase.realSchemaDump().orElseThrow());
	}

	@BeforeEach
	void empty() {
		this.jdbc = db.jdbc();
		this.rows = new MediaRows(this.jdbc);
		this.rows.truncate();
		this.scanner = new OrphanScanner(this.jdbc);
	}

	@Test
	void filesOfExistingAttachmentsAreKept() {
		long bob = this.rows.account("remote.example", MediaRows.now(), MediaRows.now());
		long media = this.rows.media(bob, null, "https://remote.example/m.mp4", "a1b2a1b2a1b2a1b2.mp4", "video/mp4", 10,
				MediaRows.now());
		this.rows.thumbnail(media, "c3d4c3d4c3d4c3d4.png", "image/png", 5);
		String partition = IdPartition.of(media);

		OrphanScan scan = scan("cache/media_attachments/files/" + partition + "/original/a1b2a1b2a1b2a1b2.mp4",
				"cache/media_attachments/files/" + partition + "/small/a1b2a1b2a1b2a1b2.png",
				"cache/media_attachments/thumbnails/" + partition + "/original/c3d4c3d4c3d4c3d4.png",
				"media_attachments/files/" + partition + "/original/a1b2a1b2a1b2a1b2.mp4");

		assertThat(scan.kept()).hasSize(4);
		assertThat(scan.orphans()).isEmpty();
	}

	@Test
	void filesOfMissingRowsAreOrphans() {
		OrphanScan scan = scan("cache/media_attachments/files/109/372/843/181/422/913/original/x.jpeg",
				"accounts/avatars/000/000/001/original/y.png");

		assertThat(scan.orphans()).extracting(StoredObject::key)
			.containsExactly("cache/media_attachments/files/109/372/843/181/422/913/original/x.jpeg",
					"accounts/avatars/000/000/001/original/y.png");
	}

	@Test
	void filesOfABlankAttachmentAreOrphans() {
		long bob = this.rows.account("remote.example", MediaRows.now(), MediaRows.now());
		long media = this.rows.media(bob, null, "https://remote.example/m.jpeg", "0fb3c1e2a9d84b7c.jpeg", "image/jpeg", 10,
				MediaRows.now());
		this.jdbc.update("UPDATE media_attachments SET file_file_name = NULL WHERE id = ?", media);

		OrphanScan scan = scan("cache/media_attachments/files/" + IdPartition.of(media) + "/original/0fb3c1e2a9d84b7c.jpeg");

		assertThat(scan.orphans()).hasSize(1);
	}

	@Test
	void aNameThatIsNoVariantOfTheStoredOneIsAnOrphan() {
		long bob = this.rows.account("remote.example", MediaRows.now(), MediaRows.now());
		long media = this.rows.media(bob, null, "https://remote.example/m.jpeg", "0fb3c1e2a9d84b7c.jpeg", "image/jpeg", 10,
				MediaRows.now());

		OrphanScan scan = scan("cache/media_attachments/files/" + IdPartition.of(media) + "/original/ffffffffffffffff.jpeg",
				"cache/media_attachments/files/" + IdPartition.of(media) + "/small/0fb3c1e2a9d84b7c.png");

		assertThat(scan.orphans()).hasSize(2);
	}

	@Test
	void emojiStaticIsKeptButStaticBesideANonGifAvatarIsAnOrphan() {
		long emoji = this.rows.customEmoji("remote.example", "blobcat.gif", "image/gif");
		long jpegAvatar = this.rows.account("remote.example", MediaRows.now(), MediaRows.now());
		this.rows.avatar(jpegAvatar, "ab12ab12ab12ab12.jpeg", "image/jpeg", 100);
		long gifAvatar = this.rows.account("remote.example", MediaRows.now(), MediaRows.now());
		this.rows.avatar(gifAvatar, "cd34cd34cd34cd34.gif", "image/gif", 100);

		OrphanScan scan = scan("cache/custom_emojis/images/" + IdPartition.of(emoji) + "/static/blobcat.png",
				"cache/accounts/avatars/" + IdPartition.of(jpegAvatar) + "/static/ab12ab12ab12ab12.png",
				"cache/accounts/avatars/" + IdPartition.of(jpegAvatar) + "/original/ab12ab12ab12ab12.jpeg",
				"cache/accounts/avatars/" + IdPartition.of(gifAvatar) + "/static/cd34cd34cd34cd34.png");

		assertThat(scan.orphans()).extracting(StoredObject::key)
			.containsExactly("cache/accounts/avatars/" + IdPartition.of(jpegAvatar) + "/static/ab12ab12ab12ab12.png");
		assertThat(scan.kept()).hasSize(3);
	}

	@Test
	void unrecognizedKeysAreReportedAndNeverOrphans() {
		OrphanScan scan = scan("media_attachments/files/987/654/321/098/765/original/x.jpg", "imports/x.csv",
				"mastodon/accounts/avatars/000/000/001/original/y.png");

		assertThat(scan.unrecognized()).hasSize(3);
		assertThat(scan.orphans()).isEmpty();
	}

	@Test
	void objectsYoungerThanTheGuardAreNeverOrphans() {
		StoredObject young = new StoredObject("accounts/avatars/000/000/001/original/y.png", 10, GUARD);
		StoredObject old = new StoredObject("accounts/avatars/000/000/002/original/y.png", 10, OLD);

		OrphanScan scan = this.scanner.scan(List.of(young, old), GUARD);

		assertThat(scan.tooYoung()).containsExactly(young);
		assertThat(scan.orphans()).containsExactly(old);
	}

	private OrphanScan scan(String... keys) {
		List<StoredObject> page = new ArrayList<>();
		for (String key : keys) {
			page.add(new StoredObject(key, 10, OLD));
		}
		return this.scanner.scan(page, GUARD);
	}

}
