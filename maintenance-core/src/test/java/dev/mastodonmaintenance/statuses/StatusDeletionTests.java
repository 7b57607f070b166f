package dev.mastodonmaintenance.statuses;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.Status;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting candidates: every keep rule is checked again by the delete itself, boosts go
 * by cascade and are counted apart, preview card links go with their statuses, and an
 * account's statuses go by the same path.
 */
class StatusDeletionTests {

	private static final KeepRules RULES = KeepRules.olderThan(90, Instant.now(), false);

	private static MastodonDatabase db;

	private static MastodonData data;

	private static JdbcTemplate jdbc;

	private static RemovableStatuses statuses;

	private static TransactionTemplate transaction;

	private static Account alice;

	private static Account bob;

	private static Account carol;

	@BeforeAll
	static void createDatabase() {
		db = MastodonDatabase.withFixture(StatusDeletionTests.class);
		data = new MastodonData(db.dataSource());
		jdbc = db.jdbc();
		statuses = new RemovableStatuses(jdbc);
		transaction = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
		alice = data.localAccount("alice").insert();
		bob = data.remoteAccount("bob", "remote.example").insert();
		carol = data.remoteAccount("carol", "elsewhere.example").insert();
	}

	@Test
	void candidatesGainingLocalActivityAfterSelectionAreKept() {
		Status favourited = old(bob);
		Status repliedTo = old(bob);
		Status pinned = old(bob);
		Status boosted = old(bob);
		Status untouched = old(bob);
		List<Long> found = List.of(favourited.id(), repliedTo.id(), pinned.id(), boosted.id(), untouched.id());
		assertThat(statuses.candidates(0, Long.MAX_VALUE, RULES)).containsAll(found);

		data.favourite(alice, favourited);
		data.status(alice).replyTo(repliedTo).insert();
		data.pin(carol, pinned);
		data.status(alice).reblogOf(boosted).insert();
		StatusDeletion deleted = delete(found);

		assertThat(deleted.removed()).containsExactly(untouched.id());
		assertThat(existing(found)).containsExactlyInAnyOrder(favourited.id(), repliedTo.id(), pinned.id(),
				boosted.id());
	}

	@Test
	void boostsOfDeletedStatusesGoByCascadeAndAreCountedApart() {
		Status original = old(bob);
		Status boost = data.status(carol).createdAt(daysAgo(95)).reblogOf(original).insert();
		Status other = old(bob);

		StatusDeletion deleted = delete(List.of(original.id(), other.id()));

		assertThat(deleted.removed()).containsExactlyInAnyOrder(original.id(), other.id());
		assertThat(deleted.cascaded()).containsExactly(boost.id());
		assertThat(existing(List.of(original.id(), boost.id(), other.id()))).isEmpty();
	}

	@Test
	void boostsOfBoostsAreCountedTooThoughMastodonNeverStoresThem() {
		Status original = old(bob);
		Status boost = data.status(carol).createdAt(daysAgo(95)).reblogOf(original).insert();
		Status boostOfBoost = data.status(alice).reblogOf(boost).insert();

		StatusDeletion deleted = delete(List.of(original.id()));

		assertThat(deleted.cascaded()).containsExactlyInAnyOrder(boost.id(), boostOfBoost.id());
		assertThat(existing(List.of(original.id(), boost.id(), boostOfBoost.id()))).isEmpty();
	}

	@Test
	void boostDeletedDirectlyIsNotCountedAsCascade() {
		Status original = old(bob);
		Status boost = data.status(carol).createdAt(daysAgo(95)).reblogOf(original).insert();

		StatusDeletion deleted = delete(List.of(original.id(), boost.id()));

		assertThat(deleted.removed()).containsExactlyInAnyOrder(original.id(), boost.id());
		assertThat(deleted.cascaded()).isEmpty();
	}

	@Test
	void boostDeletedByAnotherTransactionMeanwhileIsCountedThereOnly() throws Exception {
		Status original = old(bob);
		Status boost = data.status(carol).createdAt(daysAgo(95)).reblogOf(original).insert();
		TransactionTemplate other = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
		CountDownLatch boostLocked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService sessions = Executors.newFixedThreadPool(2);
		try {
			Future<Integer> deletedThere = sessions.submit(() -> other.execute((status) -> {
				int rows = jdbc.update("DELETE FROM statuses WHERE id = ?", boost.id());
				boostLocked.countDown();
				await(release);
				return rows;
			}));
			await(boostLocked);
			// this deletion waits for the other transaction's lock on the boost, which
			// commits meanwhile
			Future<StatusDeletion> deletedHere = sessions.submit(() -> delete(List.of(original.id())));
			Thread.sleep(200);
			release.countDown();

			assertThat(deletedThere.get(10, TimeUnit.SECONDS)).isOne();
			StatusDeletion deleted = deletedHere.get(10, TimeUnit.SECONDS);
			assertThat(deleted.removed()).containsExactly(original.id());
			assertThat(deleted.cascaded()).as("the boost was removed by the other transaction").isEmpty();
			assertThat(existing(List.of(original.id(), boost.id()))).isEmpty();
		}
		finally {
			sessions.shutdownNow();
		}
	}

	@Test
	void parentOfAReplyThisRunRemovedStillCountsAsRepliedTo() {
		jdbc.execute(
				"CREATE TABLE IF NOT EXISTS run_replies (run_id bigint, status_id bigint, PRIMARY KEY (run_id, status_id))");
		RemovableStatuses noting = new RemovableStatuses(jdbc, new RemovedReplies("run_replies", 7));
		Status parent = old(bob);
		Status reply = data.status(carol).createdAt(daysAgo(95)).replyTo(parent).insert();
		Status otherParent = old(bob);
		Status otherReply = data.status(carol).createdAt(daysAgo(95)).replyTo(otherParent).insert();

		transaction.executeWithoutResult((status) -> noting.delete(List.of(reply.id()), RULES));
		statuses.delete(List.of(otherReply.id()), RULES);

		assertThat(jdbc.queryForList("SELECT status_id FROM run_replies WHERE run_id = 7", Long.class))
			.containsExactly(parent.id());
		assertThat(noting.candidates(0, Long.MAX_VALUE, RULES)).doesNotContain(parent.id()).contains(otherParent.id());
		assertThat(statuses.candidates(0, Long.MAX_VALUE, RULES)).as("another run sees the table as it is")
			.contains(parent.id());
		// found a candidate before its reply went: the deletion's own check reads the
		// ledger too
		StatusDeletion deleted = transaction
			.execute((status) -> noting.delete(List.of(parent.id(), otherParent.id()), RULES));
		assertThat(deleted.removed()).containsExactly(otherParent.id());
		assertThat(existing(List.of(parent.id(), otherParent.id()))).containsExactly(parent.id());
	}

	@Test
	void previewCardLinksOfDeletedStatusesAndTheirBoostsGo() {
		Status linked = old(bob);
		Status boost = data.status(carol).createdAt(daysAgo(95)).reblogOf(linked).insert();
		Status kept = old(bob);
		data.favourite(alice, kept);
		MastodonData.PreviewCard card = data.previewCard("https://news.example/a").insert();
		data.linkCard(card, linked);
		data.linkCard(card, boost);
		data.linkCard(card, kept);

		StatusDeletion deleted = delete(List.of(linked.id(), kept.id()));

		assertThat(deleted).isEqualTo(new StatusDeletion(List.of(linked.id()), List.of(boost.id()), 2, 0));
		assertThat(jdbc.queryForList("SELECT status_id FROM preview_cards_statuses WHERE preview_card_id = ?",
				Long.class, card.id()))
			.containsExactly(kept.id());
		assertThat(jdbc.queryForObject("SELECT count(*) FROM preview_cards WHERE id = ?", Integer.class, card.id()))
			.isOne();
	}

	@Test
	void deletionCascadesAsMastodonsForeignKeysSay() {
		Status status = old(bob);
		data.favourite(carol, status);
		data.mention(status, carol);
		data.poll(status, "yes", "no");
		MastodonData.MediaAttachment media = data.media(bob)
			.remote("https://remote.example/a.jpg")
			.file("a.jpg", "image/jpeg", 10)
			.status(status)
			.insert();

		delete(List.of(status.id()));

		assertThat(
				jdbc.queryForObject("SELECT count(*) FROM favourites WHERE status_id = ?", Integer.class, status.id()))
			.isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM polls WHERE status_id = ?", Integer.class, status.id()))
			.isZero();
		assertThat(jdbc.queryForObject("SELECT status_id IS NULL FROM media_attachments WHERE id = ?", Boolean.class,
				media.id()))
			.isTrue();
	}

	@Test
	void accountStatusesGoByTheSamePathWhateverTheirActivity() {
		Account dave = data.remoteAccount("dave", "gone.example").insert();
		Status favourited = data.status(dave).insert();
		data.favourite(alice, favourited);
		Status boosted = data.status(dave).insert();
		Status boost = data.status(alice).reblogOf(boosted).insert();
		MastodonData.PreviewCard card = data.previewCard("https://news.example/dave").insert();
		data.linkCard(card, boosted);
		Status third = data.status(dave).insert();

		StatusDeletion first = statuses.deleteOfAccount(dave.id(), 2);
		StatusDeletion second = statuses.deleteOfAccount(dave.id(), 2);
		StatusDeletion none = statuses.deleteOfAccount(dave.id(), 2);

		assertThat(first.plus(second).removed()).containsExactlyInAnyOrder(favourited.id(), boosted.id(), third.id());
		assertThat(first.plus(second).cascaded()).containsExactly(boost.id());
		assertThat(first.plus(second).cardLinks()).isOne();
		assertThat(none).isEqualTo(StatusDeletion.NONE);
		assertThat(existing(List.of(favourited.id(), boosted.id(), boost.id(), third.id()))).isEmpty();
	}

	private static StatusDeletion delete(List<Long> ids) {
		return transaction.execute((status) -> statuses.delete(ids, RULES));
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Status old(Account author) {
		return data.status(author).createdAt(daysAgo(100)).insert();
	}

	private static List<Long> existing(List<Long> ids) {
		return jdbc.queryForList("SELECT id FROM statuses WHERE id = ANY(?)", Long.class,
				(Object) ids.toArray(Long[]::new));
	}

}
