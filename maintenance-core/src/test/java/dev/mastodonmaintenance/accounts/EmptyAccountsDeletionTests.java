package dev.mastodonmaintenance.accounts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.mastodonmaintenance.accounts.RemoteAccountDeletion.AccountPurge;
import dev.mastodonmaintenance.accounts.RemoteAccountDeletion.DeletedAccounts;
import dev.mastodonmaintenance.accounts.RemoteAccountDeletion.PurgeChunk;
import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.NotificationType;
import dev.mastodonmaintenance.testing.MastodonData.Status;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Culled accounts with nothing left but their row are deleted several at once, on
 * Mastodon's real schema (its foreign keys and cascades): exactly those a purge would
 * find empty in every part, with the files of their avatars and headers; an account with
 * a row in any part, a local account or one already gone is left for a purge of its own,
 * which then deletes it as before.
 */
class EmptyAccountsDeletionTests {

	private static MastodonDatabase db;

	private static MastodonData data;

	private static JdbcTemplate jdbc;

	private static Account alice;

	@BeforeAll
	static void createDatabase() {
		Optional<Path> dump = MastodonDatabase.realSchemaDump();
		assumeTrue(dump.isPresent(), () -> "No shared/mastodon/schema.sql beside any parent of "
				+ Path.of("").toAbsolutePath() + ": skipped");
		db = MastodonDatabase.withRealSchema(EmptyAccountsDeletionTests.class, dump.get());
		data = new MastodonData(db.dataSource());
		jdbc = db.jdbc();
		alice = data.localAccount("alice").insert();
	}

	@Test
	void onlyAccountsWithNothingLeftAreDeletedAtOnceAndThePurgesFinishTheOthers() {
		Account empty = data.remoteAccount("empty", "gone.example")
			.avatar("aaaabbbbccccdddd.gif", 10)
			.header("eeeeffff00001111.png", 20)
			.insert();
		Account bare = data.remoteAccount("bare", "gone.example").insert();
		stats(empty);
		stats(bare);
		List<Account> withRows = new ArrayList<>();
		Account author = remote("author", withRows);
		data.status(author).insert();
		Account followed = remote("followed", withRows);
		data.follow(alice, followed);
		Account follower = remote("follower", withRows);
		data.follow(follower, alice);
		Account fan = remote("fan", withRows);
		data.favourite(fan, data.status(alice).insert());
		Account notifier = remote("notifier", withRows);
		data.notification(alice, notifier, NotificationType.FAVOURITE, 1);
		Account mentioned = remote("mentioned", withRows);
		data.mention(data.status(alice).insert(), mentioned);
		Account blocked = remote("blocked", withRows);
		jdbc.update("INSERT INTO blocks (account_id, target_account_id, created_at, updated_at) VALUES (?, ?, ?, ?)",
				alice.id(), blocked.id(), now(), now());
		// a reference that the purge unlinks rather than deletes
		Account repliedTo = remote("replied", withRows);
		Status reply = data.status(alice).insert();
		jdbc.update("UPDATE statuses SET in_reply_to_account_id = ? WHERE id = ?", repliedTo.id(), reply.id());
		// a reference without ON DELETE: the account row cannot go before it
		Account collected = remote("collected", withRows);
		data.collection(alice, true, "mine", collected);
		Account vanished = data.remoteAccount("vanished", "gone.example").insert();
		jdbc.update("DELETE FROM accounts WHERE id = ?", vanished.id());
		List<Long> ids = new ArrayList<>(List.of(empty.id(), alice.id(), vanished.id(), bare.id()));
		withRows.forEach((account) -> ids.add(account.id()));
		RemoteAccountDeletion deletion = new RemoteAccountDeletion(jdbc, MastodonSchema.read(jdbc), ids.size());
		String before = rowsOf(withRows);

		DeletedAccounts deleted = deletion.deleteEmpty(ids);

		assertThat(deleted.ids()).containsExactlyInAnyOrder(empty.id(), bare.id());
		assertThat(deleted.fileKeys()).containsExactlyInAnyOrder(
				"cache/accounts/avatars/" + IdPartition.of(empty.id()) + "/original/aaaabbbbccccdddd.gif",
				"cache/accounts/avatars/" + IdPartition.of(empty.id()) + "/static/aaaabbbbccccdddd.png",
				"cache/accounts/headers/" + IdPartition.of(empty.id()) + "/original/eeeeffff00001111.png");
		assertThat(count("SELECT count(*) FROM accounts WHERE id IN (?, ?)", empty.id(), bare.id())).isZero();
		// the row's own cascades, as the purge's last statement has them
		assertThat(count("SELECT count(*) FROM account_stats WHERE account_id IN (?, ?)", empty.id(), bare.id()))
			.isZero();
		assertThat(count("SELECT count(*) FROM accounts WHERE id = ?", alice.id())).isOne();
		assertThat(rowsOf(withRows)).isEqualTo(before);

		for (Account account : withRows) {
			AccountPurge purge = deletion.start(account.id());
			List<PurgeChunk> chunks = new ArrayList<>();
			while (!purge.finished()) {
				chunks.add(purge.next());
			}
			assertThat(chunks.get(chunks.size() - 1).rows()).as(account.username()).isOne();
		}
		assertThat(rowsOf(withRows)).isEqualTo("0 accounts");
		assertThat(count("SELECT count(*) FROM statuses WHERE id = ? AND in_reply_to_account_id IS NULL", reply.id()))
			.isOne();
	}

	@Test
	void moreAccountsThanAChunkAreRefused() {
		RemoteAccountDeletion deletion = new RemoteAccountDeletion(jdbc, MastodonSchema.read(jdbc), 2);

		assertThatIllegalArgumentException().isThrownBy(() -> deletion.deleteEmpty(List.of(1L, 2L, 3L)));
		assertThat(deletion.deleteEmpty(List.of()).ids()).isEmpty();
	}

	private static Account remote(String username, List<Account> accounts) {
		Account account = data.remoteAccount(username, "kept.example").insert();
		stats(account);
		accounts.add(account);
		return account;
	}

	private static void stats(Account account) {
		jdbc.update("""
				INSERT INTO account_stats (account_id, followers_count, following_count, created_at, updated_at)
				VALUES (?, 0, 0, ?, ?)""", account.id(), now(), now());
	}

	// the accounts' rows and every row that names them, as text
	private static String rowsOf(List<Account> accounts) {
		Long[] ids = accounts.stream().map(Account::id).toArray(Long[]::new);
		return jdbc.queryForObject("""
				SELECT (SELECT count(*) FROM accounts WHERE id = ANY(?)) || ' accounts'
				    || coalesce(' ' || (SELECT string_agg(f.stats, ',' ORDER BY f.stats) FROM (
				        SELECT 'statuses:' || count(*) AS stats FROM statuses
				            WHERE account_id = ANY(?) OR in_reply_to_account_id = ANY(?)
				        UNION ALL SELECT 'follows:' || count(*) FROM follows
				            WHERE account_id = ANY(?) OR target_account_id = ANY(?)
				        UNION ALL SELECT 'favourites:' || count(*) FROM favourites WHERE account_id = ANY(?)
				        UNION ALL SELECT 'notifications:' || count(*) FROM notifications WHERE from_account_id = ANY(?)
				        UNION ALL SELECT 'mentions:' || count(*) FROM mentions WHERE account_id = ANY(?)
				        UNION ALL SELECT 'blocks:' || count(*) FROM blocks WHERE target_account_id = ANY(?)
				        UNION ALL SELECT 'collection_items:' || count(*) FROM collection_items WHERE account_id = ANY(?)
				        UNION ALL SELECT 'account_stats:' || count(*) FROM account_stats WHERE account_id = ANY(?)
				    ) f WHERE f.stats NOT LIKE '%:0'), '')""", String.class, ids, ids, ids, ids, ids, ids, ids, ids,
				ids, ids, ids);
	}

	private static int count(String sql, Object... args) {
		Integer count = jdbc.queryForObject(sql, Integer.class, args);
		return (count != null) ? count : -1;
	}

}
