package dev.mastodonmaintenance.orphans;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.storage.StoredObject;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OrphanScanner} judges a page of stored objects against the rows as they are now,
 * as tootctl's orphan test does (docs/media.md), and never judges what is younger than
 * the age guard.
 */
class OrphanScannerTests {

	private static final Instant OLD = Instant.parse("2026-01-01T00:00:00Z");

	private static final Instant GUARD = Instant.parse("2026-06-01T00:00:00Z");

	private static MastodonDatabase db;

	private JdbcTemplate jdbc;

	private MastodonData data;

	private Account bob;

	private OrphanScanner scanner;

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withFixture(OrphanScannerTests.class);
	}

	@BeforeEach
	void empty() {
		db.execute("TRUNCATE accounts, users, media_attachments, custom_emojis, site_uploads, backups CASCADE");
		this.jdbc = db.jdbc();
		this.data = new MastodonData(db.dataSource());
		this.scanner = new OrphanScanner(this.jdbc, MastodonSchema.read(this.jdbc));
		this.bob = this.data.remoteAccount("bob", "example.com").insert();
	}

	@Test
	void filesOfExistingAttachmentsAreKept() {
		long media = this.data.media(this.bob)
			.remote("https://example.com/m.mp4")
			.file("a1b2a1b2a1b2a1b2.mp4", "video/mp4", 10)
			.thumbnail("c3d4c3d4c3d4c3d4.png", "image/png", 5)
			.insert()
			.id();
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
		long media = remoteImage();
		this.jdbc.update("UPDATE media_attachments SET file_file_name = NULL WHERE id = ?", media);

		OrphanScan scan = scan(
				"cache/media_attachments/files/" + IdPartition.of(media) + "/original/0fb3c1e2a9d84b7c.jpeg");

		assertThat(scan.orphans()).hasSize(1);
	}

	@Test
	void aNameThatIsNoVariantOfTheStoredOneIsAnOrphan() {
		long media = remoteImage();

		OrphanScan scan = scan(
				"cache/media_attachments/files/" + IdPartition.of(media) + "/original/ffffffffffffffff.jpeg",
				"cache/media_attachments/files/" + IdPartition.of(media) + "/small/0fb3c1e2a9d84b7c.png");

		assertThat(scan.orphans()).hasSize(2);
	}

	@Test
	void emojiStaticIsKeptButStaticBesideANonGifAvatarIsAnOrphan() {
		long emoji = this.data.customEmoji("blobcat").domain("example.com").image("blobcat.gif", 100).insert().id();
		long jpegAvatar = this.data.remoteAccount("carol", "example.com")
			.avatar("ab12ab12ab12ab12.jpeg", 100)
			.insert()
			.id();
		long gifAvatar = this.data.remoteAccount("dave", "example.com")
			.avatar("cd34cd34cd34cd34.gif", 100)
			.insert()
			.id();

		OrphanScan scan = scan("cache/custom_emojis/images/" + IdPartition.of(emoji) + "/static/blobcat.png",
				"cache/accounts/avatars/" + IdPartition.of(jpegAvatar) + "/static/ab12ab12ab12ab12.png",
				"cache/accounts/avatars/" + IdPartition.of(jpegAvatar) + "/original/ab12ab12ab12ab12.jpeg",
				"cache/accounts/avatars/" + IdPartition.of(gifAvatar) + "/static/cd34cd34cd34cd34.png");

		assertThat(scan.orphans()).extracting(StoredObject::key)
			.containsExactly("cache/accounts/avatars/" + IdPartition.of(jpegAvatar) + "/static/ab12ab12ab12ab12.png");
		assertThat(scan.kept()).hasSize(3);
	}

	@Test
	void siteUploadsAndBackupsAreJudgedToo() {
		long thumbnail = this.data.siteUpload("thumbnail", "logo.jpg", 10).id();
		long mascot = this.data.siteUpload("mascot", "mascot.gif", 10).id();
		long backup = this.data.backup(this.data.localAccount("alice").insert(), "archive.zip", 10).id();

		OrphanScan scan = scan("site_uploads/files/" + IdPartition.of(thumbnail) + "/@1x/logo.png",
				"site_uploads/files/" + IdPartition.of(thumbnail) + "/original/logo.jpg",
				"site_uploads/files/" + IdPartition.of(mascot) + "/original/mascot.png",
				"backups/dumps/" + IdPartition.of(backup) + "/original/archive.zip",
				"backups/dumps/" + IdPartition.of(backup) + "/original/older.zip");

		assertThat(scan.orphans()).extracting(StoredObject::key)
			.containsExactly("site_uploads/files/" + IdPartition.of(mascot) + "/original/mascot.png",
					"backups/dumps/" + IdPartition.of(backup) + "/original/older.zip");
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

	private long remoteImage() {
		return this.data.media(this.bob)
			.remote("https://example.com/m.jpeg")
			.file("0fb3c1e2a9d84b7c.jpeg", "image/jpeg", 10)
			.insert()
			.id();
	}

	private OrphanScan scan(String... keys) {
		List<StoredObject> page = new ArrayList<>();
		for (String key : keys) {
			page.add(new StoredObject(key, 10, OLD));
		}
		return this.scanner.scan(page, GUARD);
	}

}
