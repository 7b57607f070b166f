package dev.mastodonmaintenance.accounts;

import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.accounts.RemoteAccountDeletion.AccountPurge;
import dev.mastodonmaintenance.accounts.RemoteAccountDeletion.PurgeChunk;
import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.MediaAttachment;
import dev.mastodonmaintenance.testing.MastodonData.NotificationType;
import dev.mastodonmaintenance.testing.MastodonData.Status;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Deleting a culled remote account does in the database what Mastodon's
 * DeleteAccountService does: all its rows go, chunk by chunk, the local side's counters
 * are corrected, the files of its media, avatar and header are handed back, and the local
 * accounts around it keep their own rows.
 */
class RemoteAccountDeletionTests {

	private static MastodonDatabase db;

	private static MastodonData data;

	private static JdbcTemplate jdbc;

	private static Account alice;

	private static Account carol;

	@BeforeAll
	static void createDatabase() {
		db = MastodonDatabase.withFixture(RemoteAccountDeletionTests.class);
		data = new MastodonData(db.dataSource());
		jdbc = db.jdbc();
		alice = data.localAccount("alice").insert();
		carol = data.remoteAccount("carol", "alive.example").insert();
	}

	@Test
	void everythingOfTheAccountGoesAndTheLocalSideIsCorrected() {
		Account gone = data.remoteAccount("gone", "gone.example")
			.avatar("aaaabbbbccccdddd.gif", 10)
			.header("eeeeffff00001111.png", 20)
			.insert();
		Status own = data.status(gone).insert();
		Status boostedOwn = data.status(gone).insert();
		Status localBoost = data.status(alice).reblogOf(boostedOwn).insert();
		data.poll(own, "a", "b");
		data.mention(data.status(alice).insert(), gone);
		MediaAttachment media = data.media(gone)
			.remote("https://gone.example/m.png")
			.file("0123456789abcdef.png", "image/png", 100)
			.status(own)
			.insert();
		Status alicesPost = data.status(alice).insert();
		// already 0: the correction must not go below
		stats(alicesPost, 0);
		data.favourite(gone, alicesPost);
		data.bookmark(gone, alicesPost);
		data.notification(alice, gone, NotificationType.FAVOURITE, 1);
		data.notificationRequest(alice, gone, own);
		data.follow(alice, gone);
		data.follow(gone, alice);
		followCounts(alice, 3, 5);
		jdbc.update("INSERT INTO blocks (account_id, target_account_id, created_at, updated_at) VALUES (?, ?, ?, ?)",
				alice.id(), gone.id(), now(), now());
		jdbc.update("INSERT INTO mutes (account_id, target_account_id, created_at, updated_at) VALUES (?, ?, ?, ?)",
				gone.id(), alice.id(), now(), now());
		data.report(alice, gone, own);
		data.collection(gone, false, "c", carol);
		long alicesCollection = data.collection(alice, true, "mine", gone).id();
		Status replyToGone = data.status(alice).replyTo(own).insert();

		List<PurgeChunk> chunks = purgeAll(gone.id(), 1);

		assertThat(count("SELECT count(*) FROM accounts WHERE id = ?", gone.id())).isZero();
		assertThat(count("SELECT count(*) FROM statuses WHERE account_id = ? OR id = ?", gone.id(), localBoost.id()))
			.isZero();
		assertThat(count("SELECT count(*) FROM media_attachments WHERE id = ?", media.id())).isZero();
		assertThat(count("SELECT count(*) FROM favourites WHERE account_id = ?", gone.id())).isZero();
		assertThat(count("SELECT count(*) FROM follows WHERE ? IN (account_id, target_account_id)", gone.id()))
			.isZero();
		assertThat(count("SELECT count(*) FROM collections WHERE account_id = ?", gone.id())).isZero();
		assertThat(count("SELECT count(*) FROM collection_items WHERE account_id = ?", gone.id())).isZero();
		assertThat(count("SELECT count(*) FROM notifications WHERE from_account_id = ?", gone.id())).isZero();
		assertThat(count("SELECT count(*) FROM reports WHERE target_account_id = ?", gone.id())).isZero();
		assertThat(jdbc.queryForObject("SELECT favourites_count FROM status_stats WHERE status_id = ?", Long.class,
				alicesPost.id()))
			.isZero();
		assertThat(jdbc.queryForList(
				"SELECT followers_count || '/' || following_count FROM account_stats " + "WHERE account_id = ?",
				String.class, alice.id()))
			.containsExactly("2/4");
		assertThat(count("SELECT count(*) FROM statuses WHERE id IN (?, ?) AND in_reply_to_account_id IS NULL",
				alicesPost.id(), replyToGone.id()))
			.isEqualTo(2);
		assertThat(count("SELECT count(*) FROM collections WHERE id = ?", alicesCollection)).isOne();

		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk.rows()).isLessThanOrEqualTo(1));
		assertThat(chunks.get(chunks.size() - 1).accountDeleted()).isTrue();
		assertThat(chunks).filteredOn((chunk) -> chunk.part().equals("statuses"))
			.extracting(PurgeChunk::cascadedStatuses)
			.contains(1);
		assertThat(chunks).flatExtracting(PurgeChunk::favouritedStatusIds).containsExactly(alicesPost.id());
		assertThat(chunks).flatExtracting(PurgeChunk::fileKeys)
			.containsExactlyInAnyOrder(
					"cache/media_attachments/files/" + IdPartition.of(media.id()) + "/original/0123456789abcdef.png",
					"cache/media_attachments/files/" + IdPartition.of(media.id()) + "/small/0123456789abcdef.png",
					"cache/accounts/avatars/" + IdPartition.of(gone.id()) + "/original/aaaabbbbccccdddd.gif",
					"cache/accounts/avatars/" + IdPartition.of(gone.id()) + "/static/aaaabbbbccccdddd.png",
					"cache/accounts/headers/" + IdPartition.of(gone.id()) + "/original/eeeeffff00001111.png");
		assertThat(count("SELECT count(*) FROM accounts WHERE id IN (?, ?)", alice.id(), carol.id())).isEqualTo(2);
	}

	@Test
	void aPurgeStartedAgainAfterAnInterruptionFinishesTheJob() {
		Account gone = data.remoteAccount("again", "gone.example").insert();
		for (int i = 0; i < 3; i++) {
			data.favourite(gone, data.status(alice).insert());
		}
		RemoteAccountDeletion deletion = new RemoteAccountDeletion(jdbc, MastodonSchema.read(jdbc), 2);
		deletion.start(gone.id()).next();

		List<PurgeChunk> rest = purgeAll(gone.id(), 2);

		assertThat(rest).extracting(PurgeChunk::part).containsExactly("favourites", "accounts");
		assertThat(count("SELECT count(*) FROM accounts WHERE id = ?", gone.id())).isZero();
	}

	@Test
	void anAccountAlreadyGoneIsFinishedAtOnce() {
		Account gone = data.remoteAccount("vanished", "gone.example").insert();
		jdbc.update("DELETE FROM accounts WHERE id = ?", gone.id());

		assertThat(purgeAll(gone.id(), 10)).extracting(PurgeChunk::part, PurgeChunk::rows)
			.containsExactly(org.assertj.core.api.Assertions.tuple("accounts", 0));
	}

	@Test
	void localAccountsAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RemoteAccountDeletion(jdbc, MastodonSchema.read(jdbc), 10).start(alice.id()))
			.withMessageContaining("local");
		assertThat(count("SELECT count(*) FROM accounts WHERE id = ?", alice.id())).isOne();
	}

	private static List<PurgeChunk> purgeAll(long accountId, int chunkSize) {
		AccountPurge purge = new RemoteAccountDeletion(jdbc, MastodonSchema.read(jdbc), chunkSize).start(accountId);
		List<PurgeChunk> chunks = new ArrayList<>();
		while (!purge.finished()) {
			chunks.add(purge.next());
		}
		return chunks;
	}

	private static void stats(Status status, int favourites) {
		jdbc.update("""
				INSERT INTO status_stats (status_id, favourites_count, created_at, updated_at) VALUES (?, ?, ?, ?)""",
				status.id(), favourites, now(), now());
	}

	private static void followCounts(Account account, int followers, int following) {
		jdbc.update("""
				INSERT INTO account_stats (account_id, followers_count, following_count, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?)""", account.id(), followers, following, now(), now());
	}

	private static int count(String sql, Object... args) {
		Integer count = jdbc.queryForObject(sql, Integer.class, args);
		return (count != null) ? count : -1;
	}

}
