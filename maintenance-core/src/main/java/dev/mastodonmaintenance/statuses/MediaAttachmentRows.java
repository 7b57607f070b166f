package dev.mastodonmaintenance.statuses;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

import dev.mastodonmaintenance.media.MediaAttachmentFiles;
import dev.mastodonmaintenance.schema.MastodonSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deleting media attachment rows, handing back the files they named so that the caller
 * removes them after the rows are gone (Paperclip's order for a destroyed record:
 * database first, storage after the commit).
 */
public class MediaAttachmentRows {

	// The scope of tootctl's orphan step, one window at a time; the conditions are
	// re-checked on each row as
	// it is deleted, so an attachment given a status meanwhile stays. index:
	// media_attachments_pkey (the
	// window); none exists on created_at
	private static final String UNATTACHED = """
			DELETE FROM media_attachments m
			WHERE m.id > ? AND m.id <= ?
			  AND m.status_id IS NULL AND m.scheduled_status_id IS NULL
			  AND m.created_at < ?
			RETURNING %s
			""";

	// The same scope, read only (dry run). index: media_attachments_pkey (the window)
	private static final String FIND_UNATTACHED = """
			SELECT %s
			FROM media_attachments m
			WHERE m.id > ? AND m.id <= ?
			  AND m.status_id IS NULL AND m.scheduled_status_id IS NULL
			  AND m.created_at < ?
			ORDER BY m.id
			""";

	// index: index_media_attachments_on_account_id_and_status_id
	private static final String OF_ACCOUNT = """
			DELETE FROM media_attachments m
			WHERE m.id IN (SELECT a.id FROM media_attachments a WHERE a.account_id = ? LIMIT ?)
			RETURNING %s
			""";

	private final JdbcTemplate jdbc;

	private final String unattached;

	private final String findUnattached;

	private final String ofAccount;

	/**
	 * Creates the queries over a Mastodon database.
	 * @param jdbc the Mastodon database
	 * @param schema its schema
	 */
	public MediaAttachmentRows(JdbcTemplate jdbc, MastodonSchema schema) {
		this.jdbc = jdbc;
		String columns = MediaAttachmentFiles.columns("m", schema);
		this.unattached = UNATTACHED.formatted(columns);
		this.findUnattached = FIND_UNATTACHED.formatted(columns);
		this.ofAccount = OF_ACCOUNT.formatted(columns);
	}

	/**
	 * Deletes the attachments of one id window that belong to no status and no scheduled
	 * status and were created before the cut-off.
	 * @param afterId exclusive lower bound of the window
	 * @param upToId inclusive upper bound of the window
	 * @param createdBefore the cut-off, exclusive (UTC); tootctl's is
	 * {@code now - (days - 1) days}
	 * @return the deleted rows' files
	 */
	public List<MediaAttachmentFiles> deleteUnattached(long afterId, long upToId, LocalDateTime createdBefore) {
		return this.jdbc.query(this.unattached, MediaAttachmentFiles::fromRow, afterId, upToId,
				Timestamp.valueOf(createdBefore));
	}

	/**
	 * The attachments {@link #deleteUnattached} would delete, without deleting them.
	 * @param afterId exclusive lower bound of the window
	 * @param upToId inclusive upper bound of the window
	 * @param createdBefore the cut-off, exclusive (UTC)
	 * @return the rows' files
	 */
	public List<MediaAttachmentFiles> findUnattached(long afterId, long upToId, LocalDateTime createdBefore) {
		return this.jdbc.query(this.findUnattached, MediaAttachmentFiles::fromRow, afterId, upToId,
				Timestamp.valueOf(createdBefore));
	}

	/**
	 * Deletes up to {@code limit} attachments of one account.
	 * @param accountId the owner
	 * @param limit the most rows to delete
	 * @return the deleted rows' files; fewer than {@code limit} means none are left
	 */
	public List<MediaAttachmentFiles> deleteOfAccount(long accountId, int limit) {
		return this.jdbc.query(this.ofAccount, MediaAttachmentFiles::fromRow, accountId, limit);
	}

}
