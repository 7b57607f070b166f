package dev.mastodonmaintenance.testing;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.AccountConversation;
import dev.mastodonmaintenance.testing.MastodonData.Backup;
import dev.mastodonmaintenance.testing.MastodonData.Bookmark;
import dev.mastodonmaintenance.testing.MastodonData.CardType;
import dev.mastodonmaintenance.testing.MastodonData.Conversation;
import dev.mastodonmaintenance.testing.MastodonData.ConversationMute;
import dev.mastodonmaintenance.testing.MastodonData.CustomEmoji;
import dev.mastodonmaintenance.testing.MastodonData.Favourite;
import dev.mastodonmaintenance.testing.MastodonData.Follow;
import dev.mastodonmaintenance.testing.MastodonData.MediaAttachment;
import dev.mastodonmaintenance.testing.MastodonData.Mention;
import dev.mastodonmaintenance.testing.MastodonData.Notification;
import dev.mastodonmaintenance.testing.MastodonData.NotificationRequest;
import dev.mastodonmaintenance.testing.MastodonData.NotificationType;
import dev.mastodonmaintenance.testing.MastodonData.Poll;
import dev.mastodonmaintenance.testing.MastodonData.PollVote;
import dev.mastodonmaintenance.testing.MastodonData.PreviewCard;
import dev.mastodonmaintenance.testing.MastodonData.Quote;
import dev.mastodonmaintenance.testing.MastodonData.Report;
import dev.mastodonmaintenance.testing.MastodonData.ScheduledStatus;
import dev.mastodonmaintenance.testing.MastodonData.SiteUpload;
import dev.mastodonmaintenance.testing.MastodonData.Status;
import dev.mastodonmaintenance.testing.MastodonData.StatusPin;
import dev.mastodonmaintenance.testing.MastodonData.Visibility;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static dev.mastodonmaintenance.Snowflake.cutoffAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs every {@link MastodonData} builder against our fixture and against Mastodon's real
 * schema dump, and checks that the rows land and that deleting a status or a remote
 * account cascades as in production.
 */
class MastodonDataTests {

	@Test
	void buildersWorkOnTheFixture() {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		exerciseBuilders(db.dataSource());
		assertThat(db.jdbc().queryForList("SELECT version FROM schema_migrations", String.class))
			.containsExactly("20260812154114");
	}

	@Test
	void buildersWorkOnTheRealSchema() {
		Optional<Path> dump = MastodonDatabase.realSchemaDump();
		assumeTrue(dump.isPresent(), () -> "No shared/mastodon/schema.sql beside any parent of "
				+ Path.of("").toAbsolutePath() + ": the real-schema half of this test is skipped");
		exerciseBuilders(MastodonDatabase.withRealSchema(getClass(), dump.get()).dataSource());
	}

	private void exerciseBuilders(DataSource dataSource) {
		MastodonData data = new MastodonData(dataSource);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);

		Account alice = data.localAccount("alice").insert();
		Account bob = data.remoteAccount("bob", "example.org")
			.updatedAt(daysAgo(30))
			.lastWebfingeredAt(null)
			.avatar("ab12cd34ef56ab78.png", 1234)
			.header("cd34ef56ab78ab12.gif", 5678)
			.uri("https://example.org/users/bob")
			.insert();
		Account carol = data.remoteAccount("carol", "example.net")
			.ostatus()
			.createdAt(daysAgo(400))
			.schemaVersion(null)
			.avatar("0011223344556677.jpg", 99)
			.insert();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM users WHERE account_id = ?", Long.class, alice.id()))
			.isOne();
		assertThat(jdbc.queryForMap("""
				SELECT domain, protocol, last_webfingered_at, avatar_file_name, avatar_content_type,
					avatar_storage_schema_version, header_content_type
				FROM accounts WHERE id = ?""", bob.id())).containsEntry("domain", "example.org")
			.containsEntry("protocol", 1)
			.containsEntry("last_webfingered_at", null)
			.containsEntry("avatar_file_name", "ab12cd34ef56ab78.png")
			.containsEntry("avatar_content_type", "image/png")
			.containsEntry("avatar_storage_schema_version", 1)
			.containsEntry("header_content_type", "image/gif");
		assertThat(jdbc.queryForMap("SELECT protocol, avatar_storage_schema_version FROM accounts WHERE id = ?",
				carol.id()))
			.containsEntry("protocol", 0)
			.containsEntry("avatar_storage_schema_version", null);
		// accounts get their ids from the database's timestamp_id(), minted now
		assertThat(Math.abs((alice.id() >> 16) - System.currentTimeMillis())).isLessThan(600_000);

		Conversation thread = data.conversation();
		Status post = data.status(bob).createdAt(daysAgo(100)).remote().conversation(thread).insert();
		Status reply = data.status(alice).replyTo(post).conversation(thread).visibility(Visibility.DIRECT).insert();
		Status boost = data.status(alice).reblogOf(post).insert();
		Status quoting = data.status(alice).insert();
		Status legacyLocal = data.status(alice).local().uri(null).insert();
		Status unknownLocality = data.status(bob).localColumn(null).deleted().insert();
		assertThat(post.id()).isBetween(cutoffAt(daysAgo(100.01).toInstant(ZoneOffset.UTC)),
				cutoffAt(daysAgo(99.99).toInstant(ZoneOffset.UTC)));
		assertThat(jdbc.queryForMap("SELECT local, uri FROM statuses WHERE id = ?", post.id()))
			.containsEntry("local", false)
			.containsEntry("uri", "https://example.org/users/bob/statuses/" + post.id());
		assertThat(jdbc.queryForMap(
				"SELECT local, uri, reply, in_reply_to_account_id, visibility FROM statuses " + "WHERE id = ?",
				reply.id()))
			.containsEntry("local", true)
			.containsEntry("uri", "https://" + MastodonData.LOCAL_DOMAIN + "/users/alice/statuses/" + reply.id())
			.containsEntry("reply", true)
			.containsEntry("in_reply_to_account_id", bob.id())
			.containsEntry("visibility", 3);
		assertThat(jdbc.queryForMap("SELECT local, uri FROM statuses WHERE id = ?", legacyLocal.id()))
			.containsEntry("local", true)
			.containsEntry("uri", null);
		assertThat(jdbc.queryForMap("SELECT local, deleted_at IS NOT NULL AS deleted FROM statuses WHERE id = ?",
				unknownLocality.id()))
			.containsEntry("local", null)
			.containsEntry("deleted", true);

		ScheduledStatus later = data.scheduledStatus(alice);
		MediaAttachment cached = data.media(bob)
			.remote("https://example.com/image.jpg")
			.file("0fb3c1e2a9d84b7c.jpg", "image/jpeg", 1000)
			.thumbnail("7c4d8a9e2c1b3f0f.png", "image/png", 100)
			.status(post)
			.createdAt(daysAgo(30))
			.schemaVersion(1)
			.insert();
		MediaAttachment waiting = data.media(alice)
			.file("1234567890abcdef.mp4", "video/mp4", 2000)
			.scheduledStatus(later)
			.insert();
		MediaAttachment ownerless = data.media(null).createdAt(daysAgo(10)).insert();
		assertThat(jdbc.queryForMap("SELECT type, remote_url, file_storage_schema_version, thumbnail_file_size "
				+ "FROM media_attachments WHERE id = ?", cached.id()))
			.containsEntry("type", 0)
			.containsEntry("remote_url", "https://example.com/image.jpg")
			.containsEntry("file_storage_schema_version", 1)
			.containsEntry("thumbnail_file_size", 100);
		assertThat(jdbc.queryForObject("SELECT type FROM media_attachments WHERE id = ?", Integer.class, waiting.id()))
			.isEqualTo(2);

		PreviewCard card = data.previewCard("https://example.com/a")
			.type(CardType.PHOTO)
			.image("x.jpg", 60000)
			.createdAt(daysAgo(300))
			.updatedAt(daysAgo(200))
			.schemaVersion(1)
			.insert();
		data.linkCard(card, post);
		CustomEmoji blobcat = data.customEmoji("blobcat").domain("example.org").image("blobcat.png", 321).insert();
		CustomEmoji ours = data.customEmoji("ours").image("0a1b2c3d4e5f6a7b.png", 123).schemaVersion(null).insert();
		Backup backup = data.backup(alice, "archive-20260101-0123456789abcdef.zip", 4096);
		SiteUpload thumbnail = data.siteUpload("thumbnail", "fedcba9876543210.png", 777);
		assertThat(jdbc.queryForObject("SELECT user_id FROM backups WHERE id = ?", Long.class, backup.id()))
			.isEqualTo(jdbc.queryForObject("SELECT id FROM users WHERE account_id = ?", Long.class, alice.id()));

		Favourite favourite = data.favourite(alice, post);
		Bookmark bookmark = data.bookmark(alice, post);
		Mention mention = data.mention(post, alice);
		Follow follow = data.follow(alice, bob);
		StatusPin pin = data.pin(bob, post);
		Quote quote = data.quote(quoting, post);
		Poll poll = data.poll(post, "yes", "no");
		PollVote vote = data.vote(poll, alice, 1);
		Notification notification = data.notification(bob, alice, NotificationType.FAVOURITE, favourite.id());
		NotificationRequest request = data.notificationRequest(alice, bob, post);
		Report report = data.report(alice, bob, post);
		AccountConversation aliceThread = data.accountConversation(alice, thread, post, reply);
		ConversationMute mute = data.conversationMute(alice, thread);
		assertThat(jdbc.queryForObject("SELECT poll_id FROM statuses WHERE id = ?", Long.class, post.id()))
			.isEqualTo(poll.id());
		assertThat(jdbc.queryForObject("SELECT array_to_string(participant_account_ids, ',') || '|' || "
				+ "array_to_string(status_ids, ',') || '|' || last_status_id FROM account_conversations WHERE id = ?",
				String.class, aliceThread.id()))
			.isEqualTo(bob.id() + "|" + post.id() + "," + reply.id() + "|" + reply.id());

		List<Row> everything = List.of(new Row("accounts", alice.id()), new Row("accounts", bob.id()),
				new Row("accounts", carol.id()), new Row("conversations", thread.id()), new Row("statuses", post.id()),
				new Row("statuses", reply.id()), new Row("statuses", boost.id()), new Row("statuses", quoting.id()),
				new Row("statuses", legacyLocal.id()), new Row("statuses", unknownLocality.id()),
				new Row("scheduled_statuses", later.id()), new Row("media_attachments", cached.id()),
				new Row("media_attachments", waiting.id()), new Row("media_attachments", ownerless.id()),
				new Row("preview_cards", card.id()), new Row("custom_emojis", blobcat.id()),
				new Row("custom_emojis", ours.id()), new Row("backups", backup.id()),
				new Row("site_uploads", thumbnail.id()), new Row("favourites", favourite.id()),
				new Row("bookmarks", bookmark.id()), new Row("mentions", mention.id()), new Row("follows", follow.id()),
				new Row("status_pins", pin.id()), new Row("quotes", quote.id()), new Row("polls", poll.id()),
				new Row("poll_votes", vote.id()), new Row("notifications", notification.id()),
				new Row("notification_requests", request.id()), new Row("reports", report.id()),
				new Row("account_conversations", aliceThread.id()), new Row("conversation_mutes", mute.id()));
		assertThat(everything).allMatch((row) -> row.exists(jdbc));
		assertThat(jdbc.queryForObject("SELECT count(*) FROM preview_cards_statuses WHERE status_id = ?", Long.class,
				post.id()))
			.isOne();

		jdbc.update("DELETE FROM statuses WHERE id = ?", post.id());
		assertThat(List.of(new Row("statuses", boost.id()), new Row("favourites", favourite.id()),
				new Row("bookmarks", bookmark.id()), new Row("mentions", mention.id()),
				new Row("status_pins", pin.id()), new Row("polls", poll.id()), new Row("poll_votes", vote.id())))
			.noneMatch((row) -> row.exists(jdbc));
		assertThat(jdbc.queryForObject("SELECT in_reply_to_id FROM statuses WHERE id = ?", Long.class, reply.id()))
			.isNull();
		assertThat(jdbc.queryForObject("SELECT status_id FROM media_attachments WHERE id = ?", Long.class, cached.id()))
			.isNull();
		assertThat(jdbc.queryForObject("SELECT quoted_status_id FROM quotes WHERE id = ?", Long.class, quote.id()))
			.isNull();
		assertThat(jdbc.queryForObject("SELECT last_status_id FROM notification_requests WHERE id = ?", Long.class,
				request.id()))
			.isNull();
		// no foreign keys: these rows outlive the status
		assertThat(jdbc.queryForObject("SELECT count(*) FROM preview_cards_statuses WHERE status_id = ?", Long.class,
				post.id()))
			.isOne();
		assertThat(List.of(new Row("account_conversations", aliceThread.id()), new Row("reports", report.id())))
			.allMatch((row) -> row.exists(jdbc));

		jdbc.update("DELETE FROM accounts WHERE id = ?", bob.id());
		assertThat(List.of(new Row("statuses", unknownLocality.id()), new Row("follows", follow.id()),
				new Row("notifications", notification.id()), new Row("notification_requests", request.id()),
				new Row("reports", report.id())))
			.noneMatch((row) -> row.exists(jdbc));
		assertThat(
				jdbc.queryForObject("SELECT account_id FROM media_attachments WHERE id = ?", Long.class, cached.id()))
			.isNull();
		assertThat(
				jdbc.queryForObject("SELECT in_reply_to_account_id FROM statuses WHERE id = ?", Long.class, reply.id()))
			.isNull();
	}

	private record Row(String table, long id) {

		boolean exists(JdbcTemplate jdbc) {
			return Boolean.TRUE.equals(jdbc.queryForObject(
					"SELECT EXISTS (SELECT 1 FROM " + this.table + " WHERE id = ?)", Boolean.class, this.id));
		}

	}

}
