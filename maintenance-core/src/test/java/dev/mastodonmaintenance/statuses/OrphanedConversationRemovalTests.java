package dev.mastodonmaintenance.statuses;

import java.util.List;

import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.Conversation;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

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
	void theMutesIndexIsBuiltOnceForTheCascadesAndDroppedAfter() {
		OrphanedConversations conversations = new OrphanedConversations(jdbc);

		conversations.indexMutes();
		conversations.indexMutes();

		assertThat(mutesIndexes()).containsExactlyInAnyOrder(
				"index_conversation_mutes_on_account_id_and_conversation_id", OrphanedConversations.MUTES_INDEX);
		assertThat(jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = ?", String.class,
				OrphanedConversations.MUTES_INDEX))
			.endsWith("ON public.conversation_mutes USING btree (conversation_id)");

		conversations.dropMutesIndex();
		conversations.dropMutesIndex();

		assertThat(mutesIndexes()).containsExactly("index_conversation_mutes_on_account_id_and_conversation_id");
	}

	@Test
	void noMutesIndexIsBuiltWhenOneAlreadyLeadsWithTheConversation() {
		jdbc.execute("CREATE INDEX mutes_by_conversation ON conversation_mutes (conversation_id, account_id)");
		try {
			new OrphanedConversations(jdbc).indexMutes();

			assertThat(mutesIndexes()).containsExactlyInAnyOrder(
					"index_conversation_mutes_on_account_id_and_conversation_id", "mutes_by_conversation");
		}
		finally {
			jdbc.execute("DROP INDEX mutes_by_conversation");
		}
	}

	private static List<String> mutesIndexes() {
		return jdbc
			.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'conversation_mutes' AND indexname <> "
					+ "'conversation_mutes_pkey'", String.class);
	}

	private static Conversation old(Conversation conversation) {
		jdbc.update("UPDATE conversations SET created_at = ? WHERE id = ?", daysAgo(2), conversation.id());
		return conversation;
	}

	private static List<Long> ids() {
		return jdbc.queryForList("SELECT id FROM conversations", Long.class);
	}

}
