package dev.mastodonmaintenance.batch.benchmark;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import dev.mastodonmaintenance.Snowflake;
import dev.mastodonmaintenance.media.MediaAttachmentFiles;
import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.storage.RecordedFile;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.storage.MediaStorage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * tootctl's {@code statuses remove} (Mastodon 4.7, {@code lib/mastodon/cli/statuses.rb}) with its default
 * options, issued through JDBC on one connection in auto-commit as Rails issues it: the extraction
 * {@code INSERT ... SELECT} into {@code statuses_to_be_deleted}, id-batched {@code DELETE}s, {@code ANALYZE},
 * the orphaned media destroyed record by record (each in its own transaction, its files deleted after the
 * commit), the conversations extracted after building the temporary index, deleted in batches, and
 * {@code ANALYZE}. Rails' own boot time is not counted. Run as a process of its own by
 * {@link StatusesRemoveBenchmark}.
 */
public final class TootctlStatusesRemove {

	private static final int DAYS = 90;

	private static final int BATCH_SIZE = 1000;

	private static final String EXTRACTION = """
			INSERT INTO statuses_to_be_deleted (id)
			SELECT statuses.id FROM statuses WHERE deleted_at IS NULL AND NOT local AND uri IS NOT NULL AND (id < ?)
			AND NOT EXISTS (SELECT 1 FROM statuses AS statuses1 WHERE statuses.id = statuses1.in_reply_to_id)
			AND NOT EXISTS (SELECT 1 FROM statuses AS statuses1 WHERE statuses1.id = statuses.reblog_of_id AND (statuses1.uri IS NULL OR statuses1.local))
			AND NOT EXISTS (SELECT 1 FROM statuses AS statuses1 WHERE statuses.id = statuses1.reblog_of_id AND (statuses1.uri IS NULL OR statuses1.local OR statuses1.id >= ?))
			AND NOT EXISTS (SELECT 1 FROM status_pins WHERE statuses.id = status_id)
			AND NOT EXISTS (SELECT 1 FROM mentions WHERE statuses.id = mentions.status_id AND mentions.account_id IN (SELECT accounts.id FROM accounts WHERE domain IS NULL))
			AND NOT EXISTS (SELECT 1 FROM favourites WHERE statuses.id = favourites.status_id AND favourites.account_id IN (SELECT accounts.id FROM accounts WHERE domain IS NULL))
			AND NOT EXISTS (SELECT 1 FROM bookmarks WHERE statuses.id = bookmarks.status_id AND bookmarks.account_id IN (SELECT accounts.id FROM accounts WHERE domain IS NULL))
			AND NOT EXISTS (SELECT 1 FROM quotes JOIN statuses statuses1 ON quotes.status_id = statuses1.id WHERE quotes.quoted_status_id = statuses.id AND (statuses1.uri IS NULL OR statuses1.local))
			AND NOT EXISTS (SELECT 1 FROM quotes JOIN statuses statuses1 ON quotes.quoted_status_id = statuses1.id WHERE quotes.status_id = statuses.id AND (statuses1.uri IS NULL OR statuses1.local))
			AND NOT EXISTS (SELECT 1 FROM follows WHERE statuses.account_id = follows.target_account_id)
			""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final MediaStorage storage;

	private final Instant now;

	TootctlStatusesRemove(JdbcTemplate jdbc, TransactionTemplate transaction, MediaStorage storage, Instant now) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.storage = storage;
		this.now = now;
	}

	/**
	 * Runs tootctl's algorithm and prints its result line.
	 * @param args JDBC URL, user, storage root, the run's instant (ISO-8601)
	 */
	public static void main(String[] args) throws Exception {
		try (HikariDataSource pool = StatusesRemoveBenchmark.pool(args[0], args[1], 1)) {
			StatementClock clock = new StatementClock(pool);
			// Rails holds one connection for the whole command
			SingleConnectionDataSource connection = new SingleConnectionDataSource(clock.getConnection(), true);
			TootctlStatusesRemove tootctl = new TootctlStatusesRemove(new JdbcTemplate(connection),
					new TransactionTemplate(new DataSourceTransactionManager(connection)),
					new FilesystemStorage(Path.of(args[2])), Instant.parse(args[3]));
			long[] statuses = tootctl.removeStatuses();
			tootctl.jdbc.execute("ANALYZE statuses");
			long[] media = tootctl.removeOrphanedMedia();
			long[] conversations = tootctl.removeOrphanedConversations();
			tootctl.jdbc.execute("ANALYZE conversations");
			System.out.println(StatusesRemoveBenchmark.result(statuses[0], statuses[1], media[0], conversations[0], clock));
		}
	}

	/** Steps 1: extraction, then id-batched deletes. */
	long[] removeStatuses() {
		long cutoff = Snowflake.cutoffAt(this.now.minus(Duration.ofDays(DAYS)));
		this.jdbc.execute("DROP TABLE IF EXISTS statuses_to_be_deleted CASCADE");
		this.jdbc.execute("CREATE TABLE statuses_to_be_deleted (id bigserial PRIMARY KEY)");
		this.jdbc.update(EXTRACTION, cutoff, cutoff);
		long processed = 0;
		long removed = 0;
		this.jdbc.queryForObject("SELECT count(*) FROM statuses_to_be_deleted", Long.class);
		long last = 0;
		while (true) {
			List<Long> ids = this.jdbc.queryForList(
					"SELECT id FROM statuses_to_be_deleted WHERE id > ? ORDER BY id LIMIT ?", Long.class, last, BATCH_SIZE);
			if (ids.isEmpty()) {
				break;
			}
			processed += ids.size();
			removed += this.jdbc.update("DELETE FROM statuses WHERE id IN (" + inList(ids) + ")");
			last = ids.get(ids.size() - 1);
		}
		this.jdbc.execute("DROP TABLE statuses_to_be_deleted");
		return new long[] { removed, processed };
	}

	/** Step 3: every unattached attachment older than days - 1 destroyed on its own, files after the commit. */
	long[] removeOrphanedMedia() {
		Timestamp createdBefore = Timestamp.valueOf(
				LocalDateTime.ofInstant(this.now.minus(Duration.ofDays(DAYS - 1)), ZoneOffset.UTC));
		String scope = "FROM media_attachments WHERE status_id IS NULL AND scheduled_status_id IS NULL AND created_at < ?";
		this.jdbc.queryForObject("SELECT count(*) " + scope, Long.class, createdBefore);
		long removed = 0;
		long last = 0;
		while (true) {
			// Rails loads the whole row; these are the columns its attachments are made of
			List<MediaAttachmentFiles> page = this.jdbc.query(
					"SELECT " + MediaAttachmentFiles.columns("media_attachments", MastodonSchema.read(this.jdbc)) + " " + scope
							+ " AND id > ? ORDER BY id LIMIT 1000",
					MediaAttachmentFiles::fromRow, createdBefore, last);
			if (page.isEmpty()) {
				break;
			}
			for (MediaAttachmentFiles media : page) {
				this.transaction.executeWithoutResult(
						(status) -> this.jdbc.update("DELETE FROM media_attachments WHERE id = ?", media.mediaId()));
				this.storage.delete(media.files().stream().map(RecordedFile::key).toList());
				removed++;
			}
			last = page.get(page.size() - 1).mediaId();
		}
		return new long[] { removed };
	}

	/** Step 4: temporary index, extraction, batched deletes. */
	long[] removeOrphanedConversations() {
		this.jdbc.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS index_statuses_conversation_id ON statuses (conversation_id)");
		this.jdbc.execute("DROP TABLE IF EXISTS conversations_to_be_deleted CASCADE");
		this.jdbc.execute("CREATE TABLE conversations_to_be_deleted (id bigserial PRIMARY KEY)");
		this.jdbc.update("INSERT INTO conversations_to_be_deleted (id) SELECT id FROM conversations "
				+ "WHERE NOT EXISTS (SELECT 1 FROM statuses WHERE statuses.conversation_id = conversations.id)");
		this.jdbc.execute("DROP INDEX CONCURRENTLY IF EXISTS index_statuses_conversation_id");
		this.jdbc.queryForObject("SELECT count(*) FROM conversations_to_be_deleted", Long.class);
		long removed = 0;
		long last = 0;
		while (true) {
			List<Long> ids = this.jdbc.queryForList(
					"SELECT id FROM conversations_to_be_deleted WHERE id > ? ORDER BY id LIMIT ?", Long.class, last,
					BATCH_SIZE);
			if (ids.isEmpty()) {
				break;
			}
			removed += this.jdbc.update("DELETE FROM conversations WHERE id IN (" + inList(ids) + ")");
			last = ids.get(ids.size() - 1);
		}
		this.jdbc.execute("DROP TABLE conversations_to_be_deleted");
		return new long[] { removed };
	}

	private static String inList(List<Long> ids) {
		return String.join(",", ids.stream().map(String::valueOf).toList());
	}

}
