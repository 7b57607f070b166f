package dev.mastodonmaintenance.statuses;

import java.util.List;

import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.Conversation;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orphaned-conversations phase: a conversation no status refers to (soft-deleted ones
 * count) goes, with the local users' threads and mutes that cascade from it; one created
 * after the age guard stays.
 */
class OrphanedConversationRemovalTests {

	private static MastodonDatabase db;

	private static MastodonData data;

	private static JdbcTemplate jdbc;

	@BeforeAll
	static void createDatabase() {
		db = MastodonDatabase.withFixture(OrphanedConversationRemovalTests.class);
		data = new MastodonData(db.dataSource());
		jdbc = db.jdbc();
	}

	@Test
	void conversationsWithoutStatusesGoWithTheirThreadsAndMutes() {
		Account alice = data.localAccount("alice").insert();
		Account bob = data.remoteAccount("bob", "remote.example").insert();
		Conversation orphan = old(data.conversation());
		data.accountConversation(alice, orphan);
		data.conversationMute(alice, orphan);
		Conversation used = old(data.conversation());
		data.status(bob).conversation(used).insert();
		Conversation usedBySoftDeleted = old(data.conversation());
		data.status(bob).conversation(usedBySoftDeleted).deleted().insert();
		Conversation young = data.conversation();

		int deleted = new OrphanedConversations(jdbc).delete(orphan.id() - 1, Long.MAX_VALUE, daysAgo(1.0 / 24));

		assertThat(deleted).isOne();
		assertThat(ids()).contains(used.id(), usedBySoftDeleted.id(), young.id()).doesNotContain(orphan.id());
		assertThat(jdbc.queryForObject("SELECT count(*) FROM account_conversations WHERE conversation_id = ?",
				Integer.class, orphan.id()))
			.isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM conversation_mutes WHERE conversation_id = ?",
				Integer.class, orphan.id()))
			.isZero();
	}

	@Test
	void onlyTheWindowIsLookedAt() {
		Conversation first = old(data.conversation());
		Conversation second = old(data.conversation());

		new OrphanedConversations(jdbc).delete(first.id(), second.id(), daysAgo(1.0 / 24));

		assertThat(ids()).contains(first.id()).doesNotContain(second.id());
	}

	@Test
	void theCascadeToThreadMutesIsPlannedWithoutReadingTheWholeTable() {
		Account carol = data.localAccount("carol").insert();
		Conversation orphan = old(data.conversation());
		data.conversationMute(carol, orphan);
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));

		String setting = transaction.execute((status) -> {
			new OrphanedConversations(jdbc).delete(orphan.id() - 1, orphan.id(), daysAgo(1.0 / 24));
			return jdbc.queryForObject("SELECT current_setting('enable_seqscan')", String.class);
		});

		assertThat(setting).isEqualTo("off");
		assertThat(jdbc.queryForObject("SELECT current_setting('enable_seqscan')", String.class)).isEqualTo("on");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM conversation_mutes WHERE conversation_id = ?",
				Integer.class, orphan.id()))
			.isZero();
	}

	private static Conversation old(Conversation conversation) {
		jdbc.update("UPDATE conversations SET created_at = ? WHERE id = ?", daysAgo(2), conversation.id());
		return conversation;
	}

	private static List<Long> ids() {
		return jdbc.queryForList("SELECT id FROM conversations", Long.class);
	}

}
