package dev.mastodonmaintenance.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import dev.mastodonmaintenance.schema.MastodonSchema;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts Mastodon rows for tests, e.g.
 * {@code data.status(bob).createdAt(daysAgo(100)).remote().insert()}. Every insert fills
 * all NOT NULL columns, so a scenario runs on our fixture and on Mastodon's own schema
 * alike, of any supported release: a column the schema lacks is left out, and a local
 * account's {@code uri} is {@code ''} where the column is NOT NULL (before 4.6), as
 * Mastodon writes it there.
 */
public final class MastodonData {

	/** The host in the URIs of local accounts and statuses. */
	public static final String LOCAL_DOMAIN = "mastodon.local";

	private final JdbcTemplate jdbc;

	/**
	 * Low 16 bits of the status ids this instance makes up; starts anywhere so two
	 * instances rarely collide.
	 */
	private final AtomicLong statusIdTail = new AtomicLong(ThreadLocalRandom.current().nextInt(1 << 16));

	private final MastodonSchema schema;

	private final boolean nullableAccountUri;

	public MastodonData(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.schema = MastodonSchema.read(this.jdbc);
		this.nullableAccountUri = "YES".equals(this.jdbc.queryForObject("""
				SELECT is_nullable FROM information_schema.columns
				WHERE table_schema = current_schema() AND table_name = 'accounts' AND column_name = 'uri'""",
				String.class));
	}

	/**
	 * The current time as Mastodon stores it: UTC, to the microsecond.
	 * @return now
	 */
	public static LocalDateTime now() {
		return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * A UTC time some days back; fractions are allowed ({@code daysAgo(0.5)} is twelve
	 * hours ago).
	 * @param days how many days back
	 * @return that time
	 */
	public static LocalDateTime daysAgo(double days) {
		return now().minus(Duration.ofMillis(Math.round(days * Duration.ofDays(1).toMillis())));
	}

	// Accounts
	// ------------------------------------------------------------------------------------

	/**
	 * A local account, inserted together with its {@code users} row.
	 * @param username the username
	 * @return a builder
	 */
	public AccountBuilder localAccount(String username) {
		return new AccountBuilder(username, null);
	}

	/**
	 * A remote ActivityPub account, last updated and webfingered now (as in Mastodon's
	 * own test fabricator).
	 * @param username the username
	 * @param domain its server
	 * @return a builder
	 */
	public AccountBuilder remoteAccount(String username, String domain) {
		return new AccountBuilder(username, domain);
	}

	/** Builds an {@code accounts} row. */
	public final class AccountBuilder {

		private final String username;

		private final @Nullable String domain;

		private @Nullable String uri;

		private int protocol;

		private LocalDateTime createdAt = now();

		private LocalDateTime updatedAt = this.createdAt;

		private @Nullable LocalDateTime lastWebfingeredAt;

		private @Nullable Attachment avatar;

		private @Nullable Attachment header;

		private @Nullable Integer schemaVersion = 1;

		private AccountBuilder(String username, @Nullable String domain) {
			this.username = username;
			this.domain = domain;
			if (domain != null) {
				this.uri = "https://" + domain + "/users/" + username;
				this.protocol = 1;
				this.lastWebfingeredAt = this.createdAt;
			}
		}

		public AccountBuilder uri(@Nullable String uri) {
			this.uri = uri;
			return this;
		}

		/**
		 * Marks the account as an old OStatus one ({@code protocol = 0}), which
		 * {@code accounts cull} ignores.
		 * @return this builder
		 */
		public AccountBuilder ostatus() {
			this.protocol = 0;
			return this;
		}

		public AccountBuilder createdAt(LocalDateTime createdAt) {
			this.createdAt = createdAt;
			return this;
		}

		public AccountBuilder updatedAt(LocalDateTime updatedAt) {
			this.updatedAt = updatedAt;
			return this;
		}

		public AccountBuilder lastWebfingeredAt(@Nullable LocalDateTime lastWebfingeredAt) {
			this.lastWebfingeredAt = lastWebfingeredAt;
			return this;
		}

		/**
		 * Gives the account an avatar file; the content type follows the extension.
		 * @param fileName the stored file name, e.g. {@code ab12cd34ef56ab78.png}
		 * @param size its size in bytes
		 * @return this builder
		 */
		public AccountBuilder avatar(String fileName, int size) {
			this.avatar = new Attachment(fileName, contentTypeOf(fileName), size);
			return this;
		}

		/**
		 * Gives the account a header file; the content type follows the extension.
		 * @param fileName the stored file name
		 * @param size its size in bytes
		 * @return this builder
		 */
		public AccountBuilder header(String fileName, int size) {
			this.header = new Attachment(fileName, contentTypeOf(fileName), size);
			return this;
		}

		/**
		 * The storage schema version of the avatar and header (default 1; {@code null}
		 * for the legacy layout without {@code cache/}).
		 * @param schemaVersion the version
		 * @return this builder
		 */
		public AccountBuilder schemaVersion(@Nullable Integer schemaVersion) {
			this.schemaVersion = schemaVersion;
			return this;
		}

		public Account insert() {
			boolean remote = this.domain != null;
			String actor = "https://" + this.domain + "/users/" + this.username;
			long id = insertReturningId("""
					INSERT INTO accounts (username, domain, uri, url, protocol, created_at, updated_at,
						last_webfingered_at, inbox_url, shared_inbox_url, outbox_url, followers_url,
						avatar_file_name, avatar_content_type, avatar_file_size, avatar_updated_at,
						avatar_storage_schema_version, avatar_remote_url,
						header_file_name, header_content_type, header_file_size, header_updated_at,
						header_storage_schema_version, header_remote_url)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					RETURNING id""", this.username, this.domain,
					(this.uri == null && !MastodonData.this.nullableAccountUri) ? "" : this.uri,
					(remote) ? "https://" + this.domain + "/@" + this.username : null, this.protocol, this.createdAt,
					this.updatedAt, this.lastWebfingeredAt, (remote) ? actor + "/inbox" : "",
					(remote) ? "https://" + this.domain + "/inbox" : "", (remote) ? actor + "/outbox" : "",
					(remote) ? actor + "/followers" : "", fileName(this.avatar), contentType(this.avatar),
					fileSize(this.avatar), ifAttached(this.avatar, this.updatedAt),
					ifAttached(this.avatar, this.schemaVersion), remoteUrl(this.avatar, "avatars"),
					fileName(this.header), contentType(this.header), fileSize(this.header),
					ifAttached(this.header, this.updatedAt), ifAttached(this.header, this.schemaVersion),
					Objects.requireNonNullElse(remoteUrl(this.header, "headers"), ""));
			if (!remote) {
				MastodonData.this.jdbc.update("""
						INSERT INTO users (account_id, email, confirmed_at, created_at, updated_at)
						VALUES (?, ?, ?, ?, ?)""", id, this.username + "@" + LOCAL_DOMAIN, this.createdAt,
						this.createdAt, this.createdAt);
			}
			return new Account(id, this.username, this.domain);
		}

		private @Nullable String remoteUrl(@Nullable Attachment attachment, String kind) {
			return (attachment != null && this.domain != null)
					? "https://" + this.domain + "/system/" + kind + "/" + attachment.fileName() : null;
		}

	}

	// Statuses
	// ------------------------------------------------------------------------------------

	/**
	 * A public status by an author, published now, local or remote like its author. Its
	 * id is made from {@code created_at} as Mastodon does for fetched posts, so ids order
	 * by publication time.
	 * @param author the author
	 * @return a builder
	 */
	public StatusBuilder status(Account author) {
		return new StatusBuilder(author);
	}

	/** Builds a {@code statuses} row. */
	public final class StatusBuilder {

		private final Account author;

		private @Nullable Boolean local;

		private boolean uriGiven;

		private @Nullable String uri;

		private LocalDateTime createdAt = now();

		private @Nullable Status inReplyTo;

		private @Nullable Status reblogOf;

		private @Nullable Long conversationId;

		private Visibility visibility = Visibility.PUBLIC;

		private @Nullable LocalDateTime deletedAt;

		private StatusBuilder(Account author) {
			this.author = author;
			this.local = author.isLocal();
		}

		/**
		 * Makes the status remote: {@code local = false} and a URI on the author's
		 * server.
		 * @return this builder
		 */
		public StatusBuilder remote() {
			this.local = false;
			return this;
		}

		/**
		 * Makes the status local: {@code local = true} and a local URI.
		 * @return this builder
		 */
		public StatusBuilder local() {
			this.local = true;
			return this;
		}

		/**
		 * Sets the raw {@code local} column, e.g. {@code null} for rows that are neither
		 * local nor remote to {@code statuses remove}.
		 * @param local the column value
		 * @return this builder
		 */
		public StatusBuilder localColumn(@Nullable Boolean local) {
			this.local = local;
			return this;
		}

		/**
		 * Overrides the URI ({@code null} makes a local status in Mastodon's older
		 * sense).
		 * @param uri the URI
		 * @return this builder
		 */
		public StatusBuilder uri(@Nullable String uri) {
			this.uriGiven = true;
			this.uri = uri;
			return this;
		}

		/**
		 * Sets {@code created_at} and {@code updated_at}, and with them the id.
		 * @param createdAt the publication time
		 * @return this builder
		 */
		public StatusBuilder createdAt(LocalDateTime createdAt) {
			this.createdAt = createdAt;
			return this;
		}

		public StatusBuilder replyTo(Status status) {
			this.inReplyTo = status;
			return this;
		}

		public StatusBuilder reblogOf(Status status) {
			this.reblogOf = status;
			return this;
		}

		public StatusBuilder conversation(Conversation conversation) {
			this.conversationId = conversation.id();
			return this;
		}

		public StatusBuilder visibility(Visibility visibility) {
			this.visibility = visibility;
			return this;
		}

		/**
		 * Soft-deletes the status ({@code deleted_at = now}).
		 * @return this builder
		 */
		public StatusBuilder deleted() {
			this.deletedAt = now();
			return this;
		}

		public Status insert() {
			long id = (this.createdAt.toInstant(ZoneOffset.UTC).toEpochMilli() << 16)
					| (MastodonData.this.statusIdTail.incrementAndGet() & 0xFFFF);
			String host = (Boolean.TRUE.equals(this.local) || this.author.isLocal()) ? LOCAL_DOMAIN
					: this.author.domain();
			String uri = (this.uriGiven) ? this.uri
					: "https://" + host + "/users/" + this.author.username() + "/statuses/" + id;
			MastodonData.this.jdbc.update("""
					INSERT INTO statuses (id, account_id, uri, local, created_at, updated_at, visibility, reply,
						in_reply_to_id, in_reply_to_account_id, reblog_of_id, conversation_id, deleted_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, this.author.id(), uri, this.local,
					this.createdAt, this.createdAt, this.visibility.ordinal(), this.inReplyTo != null,
					(this.inReplyTo != null) ? this.inReplyTo.id() : null,
					(this.inReplyTo != null) ? this.inReplyTo.accountId() : null,
					(this.reblogOf != null) ? this.reblogOf.id() : null, this.conversationId, this.deletedAt);
			return new Status(id, this.author.id(), uri);
		}

	}

	/**
	 * A scheduled status; media attached to it are not orphans.
	 * @param account its author
	 * @return the row
	 */
	public ScheduledStatus scheduledStatus(Account account) {
		return new ScheduledStatus(insertReturningId("""
				INSERT INTO scheduled_statuses (account_id, scheduled_at) VALUES (?, ?) RETURNING id""", account.id(),
				now().plusDays(1)));
	}

	// Media, preview cards, emojis and other files
	// ------------------------------------------------

	/**
	 * A media attachment, a local upload created now unless told otherwise. Its id comes
	 * from the database at insert time (the fetch time), as in Mastodon.
	 * @param account the owner, or {@code null} for an attachment whose account is gone
	 * @return a builder
	 */
	public MediaBuilder media(@Nullable Account account) {
		return new MediaBuilder(account);
	}

	/** Builds a {@code media_attachments} row. */
	public final class MediaBuilder {

		private final @Nullable Account account;

		private String remoteUrl = "";

		private @Nullable Attachment file;

		private @Nullable Attachment thumbnail;

		private @Nullable Integer schemaVersion = 1;

		private @Nullable Long statusId;

		private @Nullable Long scheduledStatusId;

		private LocalDateTime createdAt = now();

		private MediaBuilder(@Nullable Account account) {
			this.account = account;
		}

		/**
		 * Makes the attachment a cached copy of a remote file.
		 * @param remoteUrl the original URL
		 * @return this builder
		 */
		public MediaBuilder remote(String remoteUrl) {
			this.remoteUrl = remoteUrl;
			return this;
		}

		/**
		 * The stored file; the media type (image, video, audio) follows the content type.
		 * @param fileName the stored name, e.g. {@code 0fb3c1e2a9d84b7c.jpg}
		 * @param contentType its content type
		 * @param size its size in bytes
		 * @return this builder
		 */
		public MediaBuilder file(String fileName, String contentType, int size) {
			this.file = new Attachment(fileName, contentType, size);
			return this;
		}

		public MediaBuilder thumbnail(String fileName, String contentType, int size) {
			this.thumbnail = new Attachment(fileName, contentType, size);
			return this;
		}

		/**
		 * The storage schema version of file and thumbnail (default 1; {@code null} for
		 * the legacy layout).
		 * @param schemaVersion the version
		 * @return this builder
		 */
		public MediaBuilder schemaVersion(@Nullable Integer schemaVersion) {
			this.schemaVersion = schemaVersion;
			return this;
		}

		public MediaBuilder status(Status status) {
			this.statusId = status.id();
			return this;
		}

		public MediaBuilder scheduledStatus(ScheduledStatus scheduledStatus) {
			this.scheduledStatusId = scheduledStatus.id();
			return this;
		}

		/**
		 * Sets {@code created_at} and {@code updated_at}.
		 * @param createdAt the time
		 * @return this builder
		 */
		public MediaBuilder createdAt(LocalDateTime createdAt) {
			this.createdAt = createdAt;
			return this;
		}

		public MediaAttachment insert() {
			Map<String, @Nullable Object> row = new LinkedHashMap<>();
			row.put("account_id", (this.account != null) ? this.account.id() : null);
			row.put("status_id", this.statusId);
			row.put("scheduled_status_id", this.scheduledStatusId);
			row.put("remote_url", this.remoteUrl);
			row.put("type", mediaType(contentType(this.file)));
			row.put("file_file_name", fileName(this.file));
			row.put("file_content_type", contentType(this.file));
			row.put("file_file_size", fileSize(this.file));
			row.put("file_updated_at", ifAttached(this.file, this.createdAt));
			row.put("file_storage_schema_version", ifAttached(this.file, this.schemaVersion));
			row.put("thumbnail_file_name", fileName(this.thumbnail));
			row.put("thumbnail_content_type", contentType(this.thumbnail));
			row.put("thumbnail_file_size", fileSize(this.thumbnail));
			row.put("thumbnail_updated_at", ifAttached(this.thumbnail, this.createdAt));
			// absent before Mastodon 4.5, where Paperclip reads the thumbnail's version
			// as 0
			if (MastodonData.this.schema.hasColumn("media_attachments", "thumbnail_storage_schema_version")) {
				row.put("thumbnail_storage_schema_version", ifAttached(this.thumbnail, this.schemaVersion));
			}
			row.put("created_at", this.createdAt);
			row.put("updated_at", this.createdAt);
			return new MediaAttachment(insertReturningId(
					"INSERT INTO media_attachments (" + String.join(", ", row.keySet()) + ") VALUES ("
							+ String.join(", ", Collections.nCopies(row.size(), "?")) + ") RETURNING id",
					row.values().toArray()));
		}

		/**
		 * Mastodon's media type codes: 0 image, 2 video, 3 unknown, 4 audio (1, gifv, is
		 * never guessed).
		 */
		private static int mediaType(@Nullable String contentType) {
			if (contentType == null) {
				return 3;
			}
			if (contentType.startsWith("image/")) {
				return 0;
			}
			if (contentType.startsWith("video/")) {
				return 2;
			}
			return contentType.startsWith("audio/") ? 4 : 3;
		}

	}

	/**
	 * A link preview card of type {@link CardType#LINK}, without image, created and
	 * updated now.
	 * @param url the URL it previews
	 * @return a builder
	 */
	public PreviewCardBuilder previewCard(String url) {
		return new PreviewCardBuilder(url);
	}

	/** Builds a {@code preview_cards} row. */
	public final class PreviewCardBuilder {

		private final String url;

		private CardType type = CardType.LINK;

		private @Nullable Attachment image;

		private @Nullable Integer schemaVersion = 1;

		private LocalDateTime createdAt = now();

		private LocalDateTime updatedAt = this.createdAt;

		private PreviewCardBuilder(String url) {
			this.url = url;
		}

		public PreviewCardBuilder type(CardType type) {
			this.type = type;
			return this;
		}

		/**
		 * The card's image; the content type follows the extension.
		 * @param fileName the stored name
		 * @param size its size in bytes
		 * @return this builder
		 */
		public PreviewCardBuilder image(String fileName, int size) {
			this.image = new Attachment(fileName, contentTypeOf(fileName), size);
			return this;
		}

		public PreviewCardBuilder schemaVersion(@Nullable Integer schemaVersion) {
			this.schemaVersion = schemaVersion;
			return this;
		}

		public PreviewCardBuilder createdAt(LocalDateTime createdAt) {
			this.createdAt = createdAt;
			return this;
		}

		public PreviewCardBuilder updatedAt(LocalDateTime updatedAt) {
			this.updatedAt = updatedAt;
			return this;
		}

		public PreviewCard insert() {
			return new PreviewCard(insertReturningId("""
					INSERT INTO preview_cards (url, type, image_file_name, image_content_type, image_file_size,
						image_updated_at, image_storage_schema_version, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
					RETURNING id""", this.url, this.type.ordinal(), fileName(this.image), contentType(this.image),
					fileSize(this.image), ifAttached(this.image, this.updatedAt),
					ifAttached(this.image, this.schemaVersion), this.createdAt, this.updatedAt), this.url);
		}

	}

	/**
	 * Shows a card on a status ({@code preview_cards_statuses}, which has no foreign
	 * keys).
	 * @param card the card
	 * @param status the status
	 */
	public void linkCard(PreviewCard card, Status status) {
		this.jdbc.update("INSERT INTO preview_cards_statuses (preview_card_id, status_id, url) VALUES (?, ?, ?)",
				card.id(), status.id(), card.url());
	}

	/**
	 * A custom emoji, local unless {@link CustomEmojiBuilder#domain(String)} is given.
	 * @param shortcode its shortcode
	 * @return a builder
	 */
	public CustomEmojiBuilder customEmoji(String shortcode) {
		return new CustomEmojiBuilder(shortcode);
	}

	/** Builds a {@code custom_emojis} row. */
	public final class CustomEmojiBuilder {

		private final String shortcode;

		private @Nullable String domain;

		private @Nullable Attachment image;

		private @Nullable Integer schemaVersion = 1;

		private CustomEmojiBuilder(String shortcode) {
			this.shortcode = shortcode;
		}

		public CustomEmojiBuilder domain(String domain) {
			this.domain = domain;
			return this;
		}

		public CustomEmojiBuilder image(String fileName, int size) {
			this.image = new Attachment(fileName, contentTypeOf(fileName), size);
			return this;
		}

		public CustomEmojiBuilder schemaVersion(@Nullable Integer schemaVersion) {
			this.schemaVersion = schemaVersion;
			return this;
		}

		public CustomEmoji insert() {
			boolean remote = this.domain != null;
			LocalDateTime now = now();
			return new CustomEmoji(
					insertReturningId("""
							INSERT INTO custom_emojis (shortcode, domain, uri, image_remote_url, image_file_name,
								image_content_type, image_file_size, image_updated_at, image_storage_schema_version,
								created_at, updated_at)
							VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
							RETURNING id""", this.shortcode, this.domain,
							(remote) ? "https://" + this.domain + "/emojis/" + this.shortcode : null,
							(remote && this.image != null)
									? "https://" + this.domain + "/files/" + this.image.fileName() : null,
							fileName(this.image), contentType(this.image), fileSize(this.image),
							ifAttached(this.image, now), ifAttached(this.image, this.schemaVersion), now, now),
					this.shortcode, this.domain);
		}

	}

	/**
	 * An archive export of a local account's user.
	 * @param owner a local account (a remote one gives {@code user_id = NULL})
	 * @param fileName the dump's file name
	 * @param size its size in bytes
	 * @return the row
	 */
	public Backup backup(Account owner, String fileName, long size) {
		LocalDateTime now = now();
		return new Backup(insertReturningId("""
				INSERT INTO backups (user_id, dump_file_name, dump_content_type, dump_file_size, dump_updated_at,
					processed, created_at, updated_at)
				VALUES ((SELECT id FROM users WHERE account_id = ?), ?, 'application/zip', ?, ?, true, ?, ?)
				RETURNING id""", owner.id(), fileName, size, now, now, now), fileName);
	}

	/**
	 * A file uploaded by an admin for a site slot.
	 * @param var the slot, e.g. {@code thumbnail}
	 * @param fileName the stored name
	 * @param size its size in bytes
	 * @return the row
	 */
	public SiteUpload siteUpload(String var, String fileName, int size) {
		LocalDateTime now = now();
		return new SiteUpload(insertReturningId("""
				INSERT INTO site_uploads (var, file_file_name, file_content_type, file_file_size, file_updated_at,
					created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				RETURNING id""", var, fileName, contentTypeOf(fileName), size, now, now, now), var);
	}

	// Interactions
	// --------------------------------------------------------------------------------

	public Favourite favourite(Account account, Status status) {
		return new Favourite(insertLink("favourites", "account_id", account.id(), "status_id", status.id()));
	}

	public Bookmark bookmark(Account account, Status status) {
		return new Bookmark(insertLink("bookmarks", "account_id", account.id(), "status_id", status.id()));
	}

	/**
	 * Records that a status mentions an account.
	 * @param status the mentioning status
	 * @param account the mentioned account
	 * @return the row
	 */
	public Mention mention(Status status, Account account) {
		return new Mention(insertLink("mentions", "status_id", status.id(), "account_id", account.id()));
	}

	public Follow follow(Account follower, Account followed) {
		return new Follow(insertLink("follows", "account_id", follower.id(), "target_account_id", followed.id()));
	}

	/**
	 * Pins (features) a status on an account's profile.
	 * @param account the account whose profile shows it
	 * @param status the status
	 * @return the row
	 */
	public StatusPin pin(Account account, Status status) {
		return new StatusPin(insertLink("status_pins", "account_id", account.id(), "status_id", status.id()));
	}

	/**
	 * An accepted quote.
	 * @param quoting the status that quotes
	 * @param quoted the quoted status
	 * @return the row
	 */
	public Quote quote(Status quoting, Status quoted) {
		LocalDateTime now = now();
		return new Quote(insertReturningId("""
				INSERT INTO quotes (status_id, account_id, quoted_status_id, quoted_account_id, state, created_at,
					updated_at)
				VALUES (?, ?, ?, ?, 1, ?, ?)
				RETURNING id""", quoting.id(), quoting.accountId(), quoted.id(), quoted.accountId(), now, now));
	}

	/**
	 * A poll on a status, open for a day; the status's {@code poll_id} is set too.
	 * @param status the status
	 * @param options the choices
	 * @return the row
	 */
	public Poll poll(Status status, String... options) {
		LocalDateTime now = now();
		Long[] tallies = new Long[options.length];
		Arrays.fill(tallies, 0L);
		long id = insertReturningId("""
				INSERT INTO polls (account_id, status_id, options, cached_tallies, expires_at, created_at,
					updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				RETURNING id""", status.accountId(), status.id(), options, tallies, now.plusDays(1), now, now);
		this.jdbc.update("UPDATE statuses SET poll_id = ? WHERE id = ?", id, status.id());
		return new Poll(id);
	}

	public PollVote vote(Poll poll, Account account, int choice) {
		LocalDateTime now = now();
		return new PollVote(insertReturningId("""
				INSERT INTO poll_votes (poll_id, account_id, choice, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?)
				RETURNING id""", poll.id(), account.id(), choice, now, now));
	}

	/**
	 * A notification; like Mastodon's, it names its activity without a foreign key.
	 * @param recipient who is notified
	 * @param from whose action it is
	 * @param type what happened, which also names the activity's table
	 * @param activityId the id of the activity row (a favourite, a mention, a status,
	 * ...)
	 * @return the row
	 */
	public Notification notification(Account recipient, Account from, NotificationType type, long activityId) {
		LocalDateTime now = now();
		return new Notification(insertReturningId("""
				INSERT INTO notifications (account_id, from_account_id, type, activity_type, activity_id,
					created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				RETURNING id""", recipient.id(), from.id(), type.value(), type.activityType(), activityId, now, now));
	}

	/**
	 * Notifications from one sender held back by a recipient's filter.
	 * @param recipient who would be notified
	 * @param from the sender
	 * @param lastStatus the sender's latest status among them
	 * @return the row
	 */
	public NotificationRequest notificationRequest(Account recipient, Account from, Status lastStatus) {
		LocalDateTime now = now();
		return new NotificationRequest(insertReturningId("""
				INSERT INTO notification_requests (account_id, from_account_id, last_status_id, notifications_count,
					created_at, updated_at)
				VALUES (?, ?, ?, 1, ?, ?)
				RETURNING id""", recipient.id(), from.id(), lastStatus.id(), now, now));
	}

	/**
	 * A report, optionally naming statuses (in {@code status_ids}, which has no foreign
	 * key).
	 * @param reporter who reports
	 * @param target who is reported
	 * @param statuses the reported statuses
	 * @return the row
	 */
	public Report report(Account reporter, Account target, Status... statuses) {
		LocalDateTime now = now();
		return new Report(insertReturningId("""
				INSERT INTO reports (account_id, target_account_id, status_ids, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?)
				RETURNING id""", reporter.id(), target.id(),
				Arrays.stream(statuses).map(Status::id).toArray(Long[]::new), now, now));
	}

	/**
	 * A collection of accounts (Mastodon 4.7), featuring some accounts
	 * ({@code collection_items}).
	 * @param owner whose collection it is
	 * @param local whether it is the owner's server's own
	 * @param name its name
	 * @param featured the accounts it features
	 * @return the row
	 */
	public Collection collection(Account owner, boolean local, String name, Account... featured) {
		LocalDateTime now = now();
		Collection collection = new Collection(insertReturningId("""
				INSERT INTO collections (account_id, created_at, updated_at, discoverable, local, name, sensitive)
				VALUES (?, ?, ?, true, ?, ?, false)
				RETURNING id""", owner.id(), now, now, local, name));
		for (Account account : featured) {
			this.jdbc.update("""
					INSERT INTO collection_items (account_id, collection_id, created_at, updated_at)
					VALUES (?, ?, ?, ?)""", account.id(), collection.id(), now, now);
		}
		return collection;
	}

	// Conversations
	// -------------------------------------------------------------------------------

	/**
	 * A thread without URI, as Mastodon makes for local threads.
	 * @return the row
	 */
	public Conversation conversation() {
		LocalDateTime now = now();
		return new Conversation(insertReturningId(
				"INSERT INTO conversations (created_at, updated_at) VALUES (?, ?) RETURNING id", now, now));
	}

	/**
	 * A local user's direct-message thread holding some statuses; the other participants
	 * are their authors.
	 * @param owner the local user's account
	 * @param conversation the thread
	 * @param statuses its statuses, oldest first; the last one becomes
	 * {@code last_status_id}
	 * @return the row
	 */
	public AccountConversation accountConversation(Account owner, Conversation conversation, Status... statuses) {
		Long[] participants = Arrays.stream(statuses)
			.map(Status::accountId)
			.filter((id) -> id != owner.id())
			.distinct()
			.sorted()
			.toArray(Long[]::new);
		return new AccountConversation(insertReturningId("""
				INSERT INTO account_conversations (account_id, conversation_id, participant_account_ids,
					status_ids, last_status_id)
				VALUES (?, ?, ?, ?, ?)
				RETURNING id""", owner.id(), conversation.id(), participants,
				Arrays.stream(statuses).map(Status::id).toArray(Long[]::new),
				(statuses.length > 0) ? statuses[statuses.length - 1].id() : null));
	}

	public ConversationMute conversationMute(Account account, Conversation conversation) {
		return new ConversationMute(insertReturningId(
				"INSERT INTO conversation_mutes (account_id, conversation_id) VALUES (?, ?) RETURNING id", account.id(),
				conversation.id()));
	}

	// Plumbing
	// ------------------------------------------------------------------------------------

	private long insertReturningId(String sql, @Nullable Object... args) {
		Long id = this.jdbc.queryForObject(sql, Long.class, args);
		if (id == null) {
			throw new IllegalStateException("No id returned by: " + sql);
		}
		return id;
	}

	/**
	 * Inserts a row of a join-like table that has only two references and the Rails
	 * timestamps.
	 */
	private long insertLink(String table, String firstColumn, long first, String secondColumn, long second) {
		LocalDateTime now = now();
		return insertReturningId("INSERT INTO " + table + " (" + firstColumn + ", " + secondColumn
				+ ", created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id", first, second, now, now);
	}

	private static String contentTypeOf(String fileName) {
		String extension = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase();
		return switch (extension) {
			case "jpg", "jpeg" -> "image/jpeg";
			case "png" -> "image/png";
			case "gif" -> "image/gif";
			case "webp" -> "image/webp";
			case "mp4" -> "video/mp4";
			case "mp3" -> "audio/mpeg";
			default -> "application/octet-stream";
		};
	}

	/**
	 * A value for one of an attachment's columns: {@code NULL} while there is no file.
	 */
	private static <T> @Nullable T ifAttached(@Nullable Attachment attachment, @Nullable T value) {
		return (attachment != null) ? value : null;
	}

	private static @Nullable String fileName(@Nullable Attachment attachment) {
		return (attachment != null) ? attachment.fileName() : null;
	}

	private static @Nullable String contentType(@Nullable Attachment attachment) {
		return (attachment != null) ? attachment.contentType() : null;
	}

	private static @Nullable Integer fileSize(@Nullable Attachment attachment) {
		return (attachment != null) ? attachment.size() : null;
	}

	/**
	 * The {@code <name>_file_name}, {@code _content_type} and {@code _file_size} columns
	 * of a Paperclip attachment.
	 */
	private record Attachment(String fileName, String contentType, int size) {
	}

	// What the builders return
	// --------------------------------------------------------------------

	/**
	 * Status visibilities, in Mastodon's column order ({@code ordinal()} is the stored
	 * value).
	 */
	public enum Visibility {

		PUBLIC, UNLISTED, PRIVATE, DIRECT, LIMITED

	}

	/**
	 * Preview card types, in Mastodon's column order ({@code ordinal()} is the stored
	 * value).
	 */
	public enum CardType {

		LINK, PHOTO, VIDEO, RICH

	}

	/** Notification types with the table their activity lives in. */
	public enum NotificationType {

		MENTION("mention", "Mention"), STATUS("status", "Status"), REBLOG("reblog", "Status"),
		FOLLOW("follow", "Follow"), FAVOURITE("favourite", "Favourite"), POLL("poll", "Poll"), QUOTE("quote", "Quote");

		private final String value;

		private final String activityType;

		NotificationType(String value, String activityType) {
			this.value = value;
			this.activityType = activityType;
		}

		public String value() {
			return this.value;
		}

		public String activityType() {
			return this.activityType;
		}

	}

	/** An inserted account. */
	public record Account(long id, String username, @Nullable String domain) {

		public boolean isLocal() {
			return this.domain == null;
		}

	}

	/** An inserted status. */
	public record Status(long id, long accountId, @Nullable String uri) {
	}

	/** An inserted scheduled status. */
	public record ScheduledStatus(long id) {
	}

	/** An inserted media attachment. */
	public record MediaAttachment(long id) {
	}

	/** An inserted preview card. */
	public record PreviewCard(long id, String url) {
	}

	/** An inserted custom emoji. */
	public record CustomEmoji(long id, String shortcode, @Nullable String domain) {
	}

	/** An inserted backup. */
	public record Backup(long id, String fileName) {
	}

	/** An inserted site upload. */
	public record SiteUpload(long id, String var) {
	}

	/** An inserted favourite. */
	public record Favourite(long id) {
	}

	/** An inserted bookmark. */
	public record Bookmark(long id) {
	}

	/** An inserted mention. */
	public record Mention(long id) {
	}

	/** An inserted follow. */
	public record Follow(long id) {
	}

	/** An inserted status pin. */
	public record StatusPin(long id) {
	}

	/** An inserted quote. */
	public record Quote(long id) {
	}

	/** An inserted poll. */
	public record Poll(long id) {
	}

	/** An inserted poll vote. */
	public record PollVote(long id) {
	}

	/** An inserted notification. */
	public record Notification(long id) {
	}

	/** An inserted notification request. */
	public record NotificationRequest(long id) {
	}

	/** An inserted report. */
	public record Report(long id) {
	}

	/** An inserted collection. */
	public record Collection(long id) {
	}

	/** An inserted conversation. */
	public record Conversation(long id) {
	}

	/** An inserted account conversation. */
	public record AccountConversation(long id) {
	}

	/** An inserted conversation mute. */
	public record ConversationMute(long id) {
	}

}
