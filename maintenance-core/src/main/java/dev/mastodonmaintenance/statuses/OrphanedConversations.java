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

	// Each conversation deleted has its thread mutes deleted by the foreign key's
	// cascade,
	// a statement per conversation that looks conversation_mutes up by conversation_id,
	// which Mastodon indexes only behind account_id: without an index of its own that
	// statement reads the whole table for every conversation (84 us per conversation with
	// 3,000 mutes against 2.6 us with this index, docs/benchmarks/statuses-remove.md).
	// The
	// phase builds it, unless an index already leads with conversation_id, and drops it
	// when done, as tootctl builds its own index on statuses for this phase.
	static final String MUTES_INDEX = "mastodon_maintenance_conversation_mutes_conversation_id";

	private static final String MUTES_INDEXED = """
			SELECT EXISTS (SELECT 1 FROM pg_index i
			               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
			               WHERE i.indrelid = 'conversation_mutes'::regclass AND a.attname = 'conversation_id'
			                 AND i.indisvalid)
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
	 * Builds an index on {@code conversation_mutes.conversation_id} for the cascades of
	 * {@link #delete}, unless one exists. In the caller's transaction: the table's writes
	 * wait for the build (milliseconds for thousands of mutes) until it commits.
	 */
	public void indexMutes() {
		if (!Boolean.TRUE.equals(this.jdbc.queryForObject(MUTES_INDEXED, Boolean.class))) {
			this.jdbc.execute("CREATE INDEX IF NOT EXISTS " + MUTES_INDEX + " ON conversation_mutes (conversation_id)");
		}
	}

	/**
	 * Drops the index {@link #indexMutes} built, if it is there; Mastodon's own indexes
	 * are left alone.
	 */
	public void dropMutesIndex() {
		this.jdbc.execute("DROP INDEX IF EXISTS " + MUTES_INDEX);
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
