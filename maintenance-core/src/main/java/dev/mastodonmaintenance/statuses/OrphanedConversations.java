package dev.mastodonmaintenance.statuses;

import java.sql.Timestamp;
import java.time.LocalDateTime;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Conversations that no status refers to any more, removed one window of
 * {@code conversations} at a time (tootctl extracts them all in one anti-join over the
 * whole table, after building a duplicate index on {@code statuses.conversation_id}).
 * Deleting a conversation cascades to local users' direct-message threads
 * ({@code account_conversations}) and thread mutes ({@code conversation_mutes}).
 */
public class OrphanedConversations {

	// Soft-deleted statuses still count as references, as in tootctl.
	// statuses.conversation_id has no foreign
	// key, so nothing can be locked against a status being added right now; the age guard
	// keeps the
	// conversations young enough for their first status to be still on its way.
	// index: conversations_pkey (the window), index_statuses_on_conversation_id
	private static final String ORPHANED = """
			c.id > ? AND c.id <= ?
			  AND c.created_at < ?
			  AND NOT EXISTS (SELECT 1 FROM statuses s WHERE s.conversation_id = c.id)
			""";

	// The thread mutes of each conversation deleted go by the foreign key's cascade: a
	// statement per conversation that looks conversation_mutes up by conversation_id,
	// which Mastodon indexes only behind account_id. Planned as a scan of the whole table
	// it costs 84 us per conversation with 3,000 mutes; with sequential scans off in the
	// transaction it reads index_conversation_mutes_on_account_id_and_conversation_id
	// instead, 25-45 us (docs/benchmarks/statuses-remove.md). PostgreSQL plans the
	// cascade once per connection, at its first use, which is in this phase. Only this
	// transaction's planner setting changes; nothing of Mastodon's schema.
	private static final String CASCADE_SETTINGS = "SELECT set_config('enable_seqscan', 'off', true)";

	private final JdbcTemplate jdbc;

	/**
	 * Creates the queries over a Mastodon database.
	 * @param jdbc the Mastodon database
	 */
	public OrphanedConversations(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Deletes the conversations of one id window that no status refers to. Meant to run
	 * in a transaction, whose planner avoids sequential scans from then on.
	 * @param afterId exclusive lower bound of the window
	 * @param upToId inclusive upper bound of the window
	 * @param createdBefore only conversations created before this (UTC) are removed
	 * @return the number of conversations deleted
	 */
	public int delete(long afterId, long upToId, LocalDateTime createdBefore) {
		this.jdbc.queryForList(CASCADE_SETTINGS);
		return this.jdbc.update("DELETE FROM conversations c WHERE " + ORPHANED, afterId, upToId,
				Timestamp.valueOf(createdBefore));
	}

	/**
	 * Counts the conversations {@link #delete} would delete, without deleting them.
	 * @param afterId exclusive lower bound of the window
	 * @param upToId inclusive upper bound of the window
	 * @param createdBefore only conversations created before this (UTC) count
	 * @return the number of orphaned conversations in the window
	 */
	public int count(long afterId, long upToId, LocalDateTime createdBefore) {
		Integer count = this.jdbc.queryForObject("SELECT count(*) FROM conversations c WHERE " + ORPHANED,
				Integer.class, afterId, upToId, Timestamp.valueOf(createdBefore));
		return (count != null) ? count : 0;
	}

}
