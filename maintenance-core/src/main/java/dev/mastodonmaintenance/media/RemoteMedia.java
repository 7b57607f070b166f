package dev.mastodonmaintenance.media;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;

import dev.mastodonmaintenance.schema.MastodonSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL of {@code tootctl media remove} without profile options: cached copies of
 * remote media ({@code remote_url <> ''}, a file still present) created at or before the
 * cut-off, inclusive. With {@code keepInteracted}, media of a status local users
 * interacted with are kept (tootctl's {@code --keep-interacted}): favourited by a local
 * account, bookmarked, replied to, reblogged or quoted by a local status, or quoting a
 * local status. Media without a status stay eligible. What clearing changes is described
 * in docs/media.md.
 */
public class RemoteMedia {

	private static final String SELECTION = """
			SELECT %s
			FROM media_attachments AS m
			WHERE m.id > ? AND m.id <= ?
			  AND m.remote_url <> ''
			  AND m.file_file_name <> ''
			  AND m.created_at <= ?
			""";

	// index: index_favourites_on_status_id, index_bookmarks_on_status_id,
	// index_statuses_on_in_reply_to_id,
	// index_statuses_on_reblog_of_id_and_account_id,
	// index_quotes_on_quoted_status_id_and_id,
	// index_quotes_on_status_id; statuses and accounts joined by their primary keys
	private static final String WITHOUT_LOCAL_INTERACTION = """
			  AND NOT EXISTS (SELECT 1 FROM favourites AS f JOIN accounts AS a ON a.id = f.account_id
			                  WHERE f.status_id = m.status_id AND a.domain IS NULL)
			  AND NOT EXISTS (SELECT 1 FROM bookmarks AS b WHERE b.status_id = m.status_id)
			  AND NOT EXISTS (SELECT 1 FROM statuses AS s
			                  WHERE s.in_reply_to_id = m.status_id AND (s.local OR s.uri IS NULL))
			  AND NOT EXISTS (SELECT 1 FROM statuses AS s
			                  WHERE s.reblog_of_id = m.status_id AND (s.local OR s.uri IS NULL))
			  AND NOT EXISTS (SELECT 1 FROM quotes AS q JOIN statuses AS s ON s.id = q.status_id
			                  WHERE q.quoted_status_id = m.status_id AND (s.local OR s.uri IS NULL))
			  AND NOT EXISTS (SELECT 1 FROM quotes AS q JOIN statuses AS s ON s.id = q.quoted_status_id
			                  WHERE q.status_id = m.status_id AND (s.local OR s.uri IS NULL))
			""";

	private static final String CLEAR = """
			UPDATE media_attachments AS media
			SET file_file_name = NULL, file_content_type = NULL, file_file_size = NULL, file_updated_at = NULL,
			    thumbnail_file_name = CASE WHEN media.thumbnail_file_name <> '' THEN NULL ELSE media.thumbnail_file_name END,
			    thumbnail_content_type = CASE WHEN media.thumbnail_file_name <> '' THEN NULL ELSE media.thumbnail_content_type END,
			    thumbnail_file_size = CASE WHEN media.thumbnail_file_name <> '' THEN NULL ELSE media.thumbnail_file_size END,
			    thumbnail_updated_at = CASE WHEN media.thumbnail_file_name <> '' THEN NULL ELSE media.thumbnail_updated_at END,
			    updated_at = (now() AT TIME ZONE 'UTC')
			FROM picked WHERE media.id = picked.id AND media.id > ? AND media.id <= ?
			RETURNING picked.*
			""";

	private final JdbcTemplate jdbc;

	private final String columns;

	/**
	 * Creates the queries over a Mastodon database.
	 * @param jdbc the Mastodon database
	 * @param schema its schema
	 */
	public RemoteMedia(JdbcTemplate jdbc, MastodonSchema schema) {
		this.jdbc = jdbc;
		this.columns = MediaAttachmentFiles.columns("m", schema);
	}

	/**
	 * The media of an id window that qualify, without changing them.
	 * @param afterId exclusive lower id bound
	 * @param upToId inclusive upper id bound
	 * @param createdUpTo the cut-off, inclusive (UTC)
	 * @param keepInteracted whether media of statuses local users interacted with are
	 * kept
	 * @return the qualifying rows' files in id order
	 */
	public List<MediaAttachmentFiles> find(long afterId, long upToId, LocalDateTime createdUpTo,
			boolean keepInteracted) {
		// index: media_attachments_pkey (id window); no index on created_at or remote_url
		// exists
		return this.jdbc.query(selection(keepInteracted) + " ORDER BY m.id", MediaAttachmentFiles::fromRow, afterId,
				upToId, createdUpTo);
	}

	/**
	 * Clears the files of the qualifying media of an id window in one statement: rows are
	 * locked and re-checked as they are cleared, so a medium re-fetched since it was
	 * counted is left alone.
	 * @param afterId exclusive lower id bound
	 * @param upToId inclusive upper id bound
	 * @param createdUpTo the cut-off, inclusive (UTC)
	 * @param keepInteracted whether media of statuses local users interacted with are
	 * kept
	 * @return the cleared rows' files as they were before, in id order
	 */
	public List<MediaAttachmentFiles> clear(long afterId, long upToId, LocalDateTime createdUpTo,
			boolean keepInteracted) {
		// index: media_attachments_pkey (id window, for the update too: joined with
		// picked alone, the planner
		// read all of media_attachments for each window's update;
		// docs/benchmarks/media-remove.md)
		String sql = "WITH picked AS (" + selection(keepInteracted) + " FOR UPDATE OF m) " + CLEAR;
		List<MediaAttachmentFiles> cleared = this.jdbc.query(sql, MediaAttachmentFiles::fromRow, afterId, upToId,
				createdUpTo, afterId, upToId);
		return cleared.stream().sorted(Comparator.comparingLong(MediaAttachmentFiles::mediaId)).toList();
	}

	private String selection(boolean keepInteracted) {
		return SELECTION.formatted(this.columns) + (keepInteracted ? WITHOUT_LOCAL_INTERACTION : "");
	}

}
