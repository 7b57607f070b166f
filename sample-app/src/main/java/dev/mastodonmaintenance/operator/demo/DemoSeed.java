package dev.mastodonmaintenance.operator.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import dev.mastodonmaintenance.storage.AttachmentKey;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Adds one generation of a small synthetic Mastodon instance: remote accounts with
 * avatars and headers, remote statuses old and new (some favourited, replied to or
 * followed by a local user, which must be kept), remote and local media with their files,
 * preview cards with images, and orphan files no row refers to. Every start of the demo
 * adds a generation, so a run always finds work, whatever the runs before it removed.
 */
final class DemoSeed {

	private static final String[] DOMAINS = { "mastodon.example", "photos.example", "news.example" };

	private final JdbcTemplate jdbc;

	private final Path mediaRoot;

	private final Instant now;

	private final Random random;

	private final long generation;

	private long bytes;

	private int files;

	private final String reachableDomain;

	DemoSeed(JdbcTemplate jdbc, Path mediaRoot, Instant now, String reachableDomain) {
		this.jdbc = jdbc;
		this.reachableDomain = reachableDomain;
		this.mediaRoot = mediaRoot;
		this.now = now;
		// milliseconds, not seconds: two starts of the demo within one second must still
		// add distinct accounts
		this.generation = now.toEpochMilli();
		this.random = new Random(this.generation);
	}

	/**
	 * Adds one generation of data.
	 * @return what was added
	 */
	DemoSummary seed() {
		long alice = localAccount("alice");
		long bob = localAccount("bob");
		int statuses = 0;
		int media = 0;
		for (int a = 0; a < 6; a++) {
			String domain = DOMAINS[a % DOMAINS.length];
			long account = remoteAccount("user" + this.generation + "_" + a, domain, daysAgo(400 - a * 60));
			if (a == 0) {
				insertFollow(alice, account);
			}
			for (int s = 0; s < 8; s++) {
				// spread over a year: statuses remove takes those older than 90 days,
				// media remove media older than 7
				Instant published = daysAgo(1 + (a * 8 + s) * 7.5);
				long status = insertStatus(account, domain, published, false);
				statuses++;
				if (s == 0) {
					insertFavourite(bob, status);
				}
				if (s == 1) {
					insertStatus(alice, null, published.plus(Duration.ofHours(1)), true, status, account);
					statuses++;
				}
				if (s % 2 == 0) {
					remoteMedia(account, status, published);
					media++;
				}
			}
		}
		for (int i = 0; i < 3; i++) {
			long status = insertStatus(alice, null, daysAgo(30 + i * 100), false);
			localMedia(alice, status, daysAgo(30 + i * 100));
			statuses++;
			media++;
		}
		unattachedRemoteMedia(remoteAccount("user" + this.generation + "_drafts", DOMAINS[0], daysAgo(300)));
		// accounts on the demo's own remote server: one its server says is gone, one it
		// still knows
		long gone = remoteAccount("gone" + this.generation, this.reachableDomain, daysAgo(60));
		for (int s = 0; s < 3; s++) {
			long status = insertStatus(gone, this.reachableDomain, daysAgo(20 + s), false);
			remoteMedia(gone, status, daysAgo(20 + s));
			statuses++;
			media++;
		}
		remoteAccount("alive" + this.generation, this.reachableDomain, daysAgo(60));
		int cards = previewCards();
		int orphans = orphans();
		return new DemoSummary(statuses, media + 1, cards, orphans, this.files, this.bytes);
	}

	private long localAccount(String username) {
		List<Long> existing = this.jdbc.queryForList("SELECT id FROM accounts WHERE domain IS NULL AND username = ?",
				Long.class, username);
		if (!existing.isEmpty()) {
			return existing.get(0);
		}
		long id = snowflake(daysAgo(900));
		this.jdbc.update("""
				INSERT INTO accounts (id, username, domain, display_name, created_at, updated_at)
				VALUES (?, ?, NULL, ?, ?, ?)
				""", id, username, Character.toUpperCase(username.charAt(0)) + username.substring(1), utc(daysAgo(900)),
				utc(daysAgo(900)));
		return id;
	}

	private long remoteAccount(String username, String domain, Instant updatedAt) {
		long id = snowflake(updatedAt);
		String avatar = fileName("png");
		String header = fileName("jpeg");
		int avatarSize = writeFile(AttachmentKey.of(true, "accounts", "avatars", id, "original", avatar), 12, 48,
				updatedAt);
		int headerSize = writeFile(AttachmentKey.of(true, "accounts", "headers", id, "original", header), 40, 160,
				updatedAt);
		this.jdbc.update("""
				INSERT INTO accounts (id, username, domain, protocol, uri, url, display_name, created_at, updated_at,
				    last_webfingered_at,
				    avatar_file_name, avatar_content_type, avatar_file_size, avatar_updated_at,
				    avatar_storage_schema_version, avatar_remote_url,
				    header_file_name, header_content_type, header_file_size, header_updated_at,
				    header_storage_schema_version, header_remote_url)
				VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, 'image/png', ?, ?, 1, ?, ?, 'image/jpeg', ?, ?, 1, ?)
				""", id, username, domain, origin(domain) + "/users/" + username, origin(domain) + "/@" + username,
				"Demo " + username, utc(updatedAt), utc(updatedAt), utc(updatedAt), avatar, avatarSize, utc(updatedAt),
				"https://" + domain + "/avatars/" + avatar, header, headerSize, utc(updatedAt),
				"https://" + domain + "/headers/" + header);
		return id;
	}

	private void insertFollow(long follower, long followed) {
		this.jdbc.update("""
				INSERT INTO follows (id, account_id, target_account_id, created_at, updated_at)
				VALUES ((SELECT coalesce(max(id), 0) + 1 FROM follows), ?, ?, ?, ?)
				""", follower, followed, utc(this.now), utc(this.now));
	}

	private void insertFavourite(long account, long status) {
		this.jdbc.update("""
				INSERT INTO favourites (id, account_id, status_id, created_at, updated_at)
				VALUES ((SELECT coalesce(max(id), 0) + 1 FROM favourites), ?, ?, ?, ?)
				""", account, status, utc(this.now), utc(this.now));
	}

	private long insertStatus(long account, @Nullable String domain, Instant published, boolean reply) {
		return insertStatus(account, domain, published, reply, null, null);
	}

	private long insertStatus(long account, @Nullable String domain, Instant published, boolean reply,
			@Nullable Long inReplyTo, @Nullable Long inReplyToAccount) {
		long id = snowflake(published);
		boolean local = domain == null;
		String uri = local ? "https://demo.local/users/alice/statuses/" + id : origin(domain) + "/statuses/" + id;
		this.jdbc.update("""
				INSERT INTO statuses (id, account_id, uri, url, text, local, reply, in_reply_to_id,
				    in_reply_to_account_id, visibility, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
				""", id, account, uri, uri, "Demo post " + id, local, reply, inReplyTo, inReplyToAccount,
				utc(published), utc(published));
		return id;
	}

	/**
	 * The demo's own remote server speaks plain HTTP on loopback; the others are HTTPS
	 * names that do not resolve.
	 */
	private String origin(String domain) {
		return (domain.equals(this.reachableDomain) ? "http://" : "https://") + domain;
	}

	private void remoteMedia(long account, long status, Instant fetched) {
		long id = snowflake(fetched);
		String name = fileName("jpeg");
		int size = writeFile(AttachmentKey.of(true, "media_attachments", "files", id, "original", name), 80, 400,
				fetched);
		writeFile(AttachmentKey.of(true, "media_attachments", "files", id, "small", name), 10, 40, fetched);
		String thumbnail = fileName("png");
		int thumbnailSize = writeFile(
				AttachmentKey.of(true, "media_attachments", "thumbnails", id, "original", thumbnail), 8, 24, fetched);
		this.jdbc.update("""
				INSERT INTO media_attachments (id, account_id, status_id, type, remote_url, file_file_name,
				    file_content_type, file_file_size, file_updated_at, file_storage_schema_version,
				    thumbnail_file_name, thumbnail_content_type, thumbnail_file_size, thumbnail_updated_at,
				    thumbnail_storage_schema_version, thumbnail_remote_url, created_at, updated_at)
				VALUES (?, ?, ?, 0, ?, ?, 'image/jpeg', ?, ?, 1, ?, 'image/png', ?, ?, 1, ?, ?, ?)
				""", id, account, status, "https://files.example/media/" + name, name, size, utc(fetched), thumbnail,
				thumbnailSize, utc(fetched), "https://files.example/thumbnails/" + thumbnail, utc(fetched),
				utc(fetched));
	}

	private void localMedia(long account, long status, Instant uploaded) {
		long id = snowflake(uploaded);
		String name = fileName("jpeg");
		int size = writeFile(AttachmentKey.of(false, "media_attachments", "files", id, "original", name), 80, 400,
				uploaded);
		writeFile(AttachmentKey.of(false, "media_attachments", "files", id, "small", name), 10, 40, uploaded);
		this.jdbc.update("""
				INSERT INTO media_attachments (id, account_id, status_id, type, remote_url, file_file_name,
				    file_content_type, file_file_size, file_updated_at, file_storage_schema_version,
				    created_at, updated_at)
				VALUES (?, ?, ?, 0, '', ?, 'image/jpeg', ?, ?, 1, ?, ?)
				""", id, account, status, name, size, utc(uploaded), utc(uploaded), utc(uploaded));
	}

	private void unattachedRemoteMedia(long account) {
		Instant fetched = daysAgo(120);
		long id = snowflake(fetched);
		String name = fileName("jpeg");
		int size = writeFile(AttachmentKey.of(true, "media_attachments", "files", id, "original", name), 80, 200,
				fetched);
		writeFile(AttachmentKey.of(true, "media_attachments", "files", id, "small", name), 10, 40, fetched);
		this.jdbc.update("""
				INSERT INTO media_attachments (id, account_id, status_id, type, remote_url, file_file_name,
				    file_content_type, file_file_size, file_updated_at, file_storage_schema_version,
				    created_at, updated_at)
				VALUES (?, ?, NULL, 0, ?, ?, 'image/jpeg', ?, ?, 1, ?, ?)
				""", id, account, "https://files.example/media/" + name, name, size, utc(fetched), utc(fetched),
				utc(fetched));
	}

	private int previewCards() {
		long next = this.jdbc.queryForObject("SELECT coalesce(max(id), 0) + 1 FROM preview_cards", Long.class);
		int cards = 0;
		for (int i = 0; i < 8; i++) {
			long id = next + i;
			// half of them last updated long ago: preview_cards remove takes those older
			// than 180 days
			Instant updated = daysAgo((i % 2 == 0) ? 200 + i * 20 : 3 + i);
			String name = fileName("jpeg");
			int size = writeFile(AttachmentKey.of(true, "preview_cards", "images", id, "original", name), 20, 90,
					updated);
			this.jdbc.update("""
					INSERT INTO preview_cards (id, url, title, type, image_file_name, image_content_type,
					    image_file_size, image_updated_at, image_storage_schema_version, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, 'image/jpeg', ?, ?, 1, ?, ?)
					""", id, "https://" + DOMAINS[i % DOMAINS.length] + "/articles/" + id, "Demo article " + id,
					(i % 4 == 2) ? 1 : 0, name, size, utc(updated), utc(updated), utc(updated));
			cards++;
		}
		return cards;
	}

	private int orphans() {
		Instant old = daysAgo(3);
		List<String> keys = List.of(
				AttachmentKey.of(true, "media_attachments", "files", snowflake(old), "original", fileName("jpeg")),
				AttachmentKey.of(true, "media_attachments", "files", snowflake(old), "small", fileName("jpeg")),
				AttachmentKey.of(false, "media_attachments", "files", snowflake(old), "original", fileName("png")),
				AttachmentKey.of(true, "accounts", "avatars", snowflake(old), "original", fileName("png")),
				AttachmentKey.of(true, "preview_cards", "images", 900_000 + this.random.nextInt(99_999), "original",
						fileName("jpeg")));
		keys.forEach((key) -> writeFile(key, 30, 120, old));
		return keys.size();
	}

	/**
	 * Writes a file of random content between the sizes given, in KB, with the
	 * modification time given.
	 */
	private int writeFile(String key, int minKb, int maxKb, Instant modified) {
		int size = (minKb + this.random.nextInt(maxKb - minKb + 1)) * 1024 + this.random.nextInt(1024);
		byte[] content = new byte[size];
		this.random.nextBytes(content);
		Path file = this.mediaRoot.resolve(key);
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, content);
			Files.setLastModifiedTime(file, FileTime.from(modified));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the demo's media file " + file, ex);
		}
		this.files++;
		this.bytes += size;
		return size;
	}

	private String fileName(String extension) {
		byte[] name = new byte[8];
		this.random.nextBytes(name);
		return HexFormat.of().formatHex(name) + "." + extension;
	}

	private long snowflake(Instant time) {
		return (time.toEpochMilli() << 16) | this.random.nextInt(1 << 16);
	}

	private Instant daysAgo(double days) {
		return this.now.minus(Duration.ofMinutes(Math.round(days * 24 * 60)));
	}

	private static LocalDateTime utc(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/**
	 * What one generation added.
	 *
	 * @param statuses statuses added
	 * @param media media attachments added
	 * @param previewCards preview cards added
	 * @param orphans files added that no row refers to
	 * @param files files written, orphans included
	 * @param bytes bytes written
	 */
	record DemoSummary(int statuses, int media, int previewCards, int orphans, int files, long bytes) {
	}

}
