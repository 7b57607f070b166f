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

	private final JdbcTemplate jdbc;

	/**
	 * Creates the queries over a Mastodon database.
	 * @param jdbc the Mastodon database
	 */
	public OrphanedConversations(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Deletes the conversations of one id window that no status refers to.
	 * @param afterId exclusive lower bound of the window
	 * @param upToId inclusive upper bound of the window
	 * @param createdBefore only conversations created before this (UTC) are removed
	 * @return the number of conversations deleted
	 */
	public int delete(long afterId, long upToId, LocalDateTime createdBefore) {
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
