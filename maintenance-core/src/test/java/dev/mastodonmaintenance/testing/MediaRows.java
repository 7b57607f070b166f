package dev.mastodonmaintenance.testing;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows of Mastodon's tables that own media, inserted with the columns Mastodon fills: accounts with avatars
 * and headers, statuses, media attachments, interactions, preview cards, custom emojis. Ids come from the
 * tables' own defaults (snowflakes for accounts, statuses and media). Times are UTC, as Mastodon stores
 * them.
 */
public final class MediaRows {

	private static final AtomicInteger names = new AtomicInteger();

	private final JdbcTemplate jdbc;

	public MediaRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Empties the tables this class fills, and those that refer to them.
	 */
	public void truncate() {
		this.jdbc.execute("TRUNCATE accounts, statuses, media_attachments, favourites, bookmarks, quotes, follows, "
				+ "preview_cards, custom_emojis, backups, site_uploads CASCADE");
	}

	/**
	 * Now, as Mastodon's {@code timestamp without time zone} columns hold it.
	 * @return the UTC wall-clock time
	 */
	public static LocalDateTime now() {
		return LocalDateTime.now(ZoneOffset.UTC);
	}

	/**
	 * A local account, updated and webfingered now.
	 * @return its id
	 */
	public long localAccount() {
		return account(null, now(), now());
	}

	/**
	 * An account.
	 * @param domain its domain, {@code null} for a local account
	 * @param updatedAt {@code updated_at}
	 * @param lastWebfingeredAt {@code last_webfingered_at}, may be null
	 * @return its id
	 */
	public long account(@Nullable String domain, LocalDateTime updatedAt, @Nullable LocalDateTime lastWebfingeredAt) {
		String username = "user" + names.incrementAndGet();
		String uri = (domain != null) ? "https://" + domain + "/users/" + username : null;
		return this.jdbc.queryForObject("""
				INSERT INTO accounts (username, domain, uri, created_at, updated_at, last_webfingered_at)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id
				""", Long.class, username, domain, uri, updatedAt, updatedAt, lastWebfingeredAt);
	}

	/**
	 * Gives an account an avatar, as Mastodon stores a fetched one (storage schema version 1).
	 * @param accountId the account
	 * @param fileName {@code avatar_file_name}
	 * @param contentType {@code avatar_content_type}
	 * @param size {@code avatar_file_size}
	 */
	public void avatar(long accountId, String fileName, String contentType, long size) {
		image(accountId, "avatar", fileName, contentType, size);
	}

	/**
	 * Gives an account a header, as Mastodon stores a fetched one (storage schema version 1).
	 * @param accountId the account
	 * @param fileName {@code header_file_name}
	 * @param contentType {@code header_content_type}
	 * @param size {@code header_file_size}
	 */
	public void header(long accountId, String fileName, String contentType, long size) {
		image(accountId, "header", fileName, contentType, size);
	}

	private void image(long accountId, String attachment, String fileName, String contentType, long size) {
		this.jdbc.update("UPDATE accounts SET " + attachment + "_file_name = ?, " + attachment + "_content_type = ?, "
				+ attachment + "_file_size = ?, " + attachment + "_updated_at = ?, " + attachment
				+ "_storage_schema_version = 1, " + attachment + "_remote_url = ? WHERE id = ?", fileName, contentType,
				size, now(), "https://remote.example/" + attachment + "/" + fileName, accountId);
	}

	/**
	 * A status.
	 * @param accountId its author
	 * @param local whether it was written here ({@code local = true}, no {@code uri}) or fetched
	 * @return its id
	 */
	public long status(long accountId, boolean local) {
		return status(accountId, local, null, null);
	}

	/**
	 * A status replying to or reblogging another.
	 * @param accountId its author
	 * @param local whether it was written here
	 * @param inReplyToId the status it replies to, may be null
	 * @param reblogOfId the status it reblogs, may be null
	 * @return its id
	 */
	public long status(long accountId, boolean local, @Nullable Long inReplyToId, @Nullable Long reblogOfId) {
		String uri = local ? null : "https://remote.example/statuses/" + names.incrementAndGet();
		return this.jdbc.queryForObject("""
				INSERT INTO statuses (account_id, local, uri, in_reply_to_id, reblog_of_id, reply, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
				""", Long.class, accountId, local ? Boolean.TRUE : null, uri, inReplyToId, reblogOfId,
				inReplyToId != null, now(), now());
	}

	/**
	 * A media attachment with a file (storage schema version 1).
	 * @param accountId its owner
	 * @param statusId its status, may be null
	 * @param remoteUrl {@code remote_url}, {@code ""} for a local upload
	 * @param fileName {@code file_file_name}
	 * @param contentType {@code file_content_type}
	 * @param size {@code file_file_size}
	 * @param createdAt {@code created_at}
	 * @return its id
	 */
	public long media(long accountId, @Nullable Long statusId, String remoteUrl, String fileName, String contentType,
			long size, LocalDateTime createdAt) {
		return this.jdbc.queryForObject("""
				INSERT INTO media_attachments (account_id, status_id, remote_url, file_file_name, file_content_type,
				    file_file_size, file_updated_at, file_storage_schema_version, blurhash, description, created_at,
				    updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'UEHV6nWB2yk8pyo0adR*.7kCMdnj', 'a description', ?, ?) RETURNING id
				""", Long.class, accountId, statusId, remoteUrl, fileName, contentType, size, createdAt, createdAt,
				createdAt);
	}

	/**
	 * Gives a media attachment a thumbnail (storage schema version 1).
	 * @param mediaId the media attachment
	 * @param fileName {@code thumbnail_file_name}
	 * @param contentType {@code thumbnail_content_type}
	 * @param size {@code thumbnail_file_size}
	 */
	public void thumbnail(long mediaId, String fileName, String contentType, long size) {
		this.jdbc.update("""
				UPDATE media_attachments SET thumbnail_file_name = ?, thumbnail_content_type = ?, thumbnail_file_size = ?,
				    thumbnail_updated_at = ?, thumbnail_storage_schema_version = 1, thumbnail_remote_url = ?
				WHERE id = ?
				""", fileName, contentType, size, now(), "https://remote.example/thumb/" + fileName, mediaId);
	}

	public void favourite(long accountId, long statusId) {
		this.jdbc.update("INSERT INTO favourites (account_id, status_id, created_at, updated_at) VALUES (?, ?, ?, ?)",
				accountId, statusId, now(), now());
	}

	public void bookmark(long accountId, long statusId) {
		this.jdbc.update("INSERT INTO bookmarks (account_id, status_id, created_at, updated_at) VALUES (?, ?, ?, ?)",
				accountId, statusId, now(), now());
	}

	/**
	 * A quote: one status quoting another.
	 * @param statusId the quoting status
	 * @param accountId its author
	 * @param quotedStatusId the quoted status
	 * @param quotedAccountId its author
	 */
	public void quote(long statusId, long accountId, long quotedStatusId, long quotedAccountId) {
		this.jdbc.update("""
				INSERT INTO quotes (status_id, account_id, quoted_status_id, quoted_account_id, state, created_at, updated_at)
				VALUES (?, ?, ?, ?, 1, ?, ?)
				""", statusId, accountId, quotedStatusId, quotedAccountId, now(), now());
	}

	public void follow(long accountId, long targetAccountId) {
		this.jdbc.update("INSERT INTO follows (account_id, target_account_id, created_at, updated_at) VALUES (?, ?, ?, ?)",
				accountId, targetAccountId, now(), now());
	}

	/**
	 * A preview card with an image (storage schema version 1).
	 * @param type 0 link, 1 photo, 2 video, 3 rich
	 * @param fileName {@code image_file_name}
	 * @param contentType {@code image_content_type}
	 * @param size {@code image_file_size}
	 * @param updatedAt {@code updated_at}
	 * @return its id
	 */
	public long previewCard(int type, String fileName, String contentType, long size, LocalDateTime updatedAt) {
		return this.jdbc.queryForObject("""
				INSERT INTO preview_cards (url, type, image_file_name, image_content_type, image_file_size,
				    image_updated_at, image_storage_schema_version, width, height, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, 1, 400, 300, ?, ?) RETURNING id
				""", Long.class, "https://remote.example/page/" + names.incrementAndGet(), type, fileName, contentType,
				size, updatedAt, updatedAt, updatedAt);
	}

	/**
	 * A custom emoji with its image (storage schema version 1).
	 * @param domain its server, {@code null} for a local emoji
	 * @param fileName {@code image_file_name}
	 * @param contentType {@code image_content_type}
	 * @return its id
	 */
	public long customEmoji(@Nullable String domain, String fileName, String contentType) {
		return this.jdbc.queryForObject("""
				INSERT INTO custom_emojis (shortcode, domain, image_file_name, image_content_type, image_file_size,
				    image_updated_at, image_storage_schema_version, created_at, updated_at)
				VALUES (?, ?, ?, ?, 1024, ?, 1, ?, ?) RETURNING id
				""", Long.class, "emoji" + names.incrementAndGet(), domain, fileName, contentType, now(), now(), now());
	}

}
