package dev.mastodonmaintenance.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.storage.MastodonAttachment;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import dev.mastodonmaintenance.storage.RecordedAttachment;
import org.jspecify.annotations.Nullable;

/**
 * The stored files of one {@code media_attachments} row: every style of its {@code file}
 * and of its {@code thumbnail}. A row is local when its {@code remote_url} is empty,
 * which decides the {@code cache/} prefix.
 *
 * @param mediaId the row id
 * @param statusId the status it is attached to, whose cached rendering names it
 * @param file the {@code file} attachment, {@code null} when blank
 * @param thumbnail the {@code thumbnail} attachment, {@code null} when blank
 */
public record MediaAttachmentFiles(long mediaId, @Nullable Long statusId, @Nullable RecordedAttachment file,
		@Nullable RecordedAttachment thumbnail) {

	/**
	 * The columns {@link #fromRow} reads, for a select list.
	 * @param alias the alias of {@code media_attachments} in the query
	 * @param schema the schema of the database queried
	 * @return the select list
	 */
	public static String columns(String alias, MastodonSchema schema) {
		return alias + ".id, " + alias + ".status_id, " + alias + ".remote_url, "
				+ RecordedAttachment.columns(MastodonAttachment.MEDIA_FILE, alias, schema) + ", "
				+ RecordedAttachment.columns(MastodonAttachment.MEDIA_THUMBNAIL, alias, schema);
	}

	/**
	 * Reads the current row of a result set selecting {@link #columns}.
	 * @param rs the result set
	 * @param row the row number
	 * @return the row's files
	 * @throws SQLException when a column is missing
	 */
	public static MediaAttachmentFiles fromRow(ResultSet rs, int row) throws SQLException {
		String remoteUrl = rs.getString("remote_url");
		boolean local = remoteUrl == null || remoteUrl.isBlank();
		return new MediaAttachmentFiles(rs.getLong("id"), rs.getObject("status_id", Long.class),
				RecordedAttachment.read(rs, MastodonAttachment.MEDIA_FILE, local),
				RecordedAttachment.read(rs, MastodonAttachment.MEDIA_THUMBNAIL, local));
	}

	/**
	 * Every stored file of the row, the file's styles first.
	 * @return the files
	 */
	public List<ObjectToRemove> files() {
		// a loop, not a stream: called for every row of a window, where a stream's set-up
		// cost more than its work
		List<ObjectToRemove> files = new ArrayList<>();
		if (this.file != null) {
			files.addAll(this.file.recordedFiles());
		}
		if (this.thumbnail != null) {
			files.addAll(this.thumbnail.recordedFiles());
		}
		return files;
	}

	/**
	 * {@code coalesce(file_file_size, 0) + coalesce(thumbnail_file_size, 0)}: tootctl's
	 * size of the row.
	 * @return bytes
	 */
	public long recordedBytes() {
		return ((this.file != null) ? this.file.recordedSize() : 0)
				+ ((this.thumbnail != null) ? this.thumbnail.recordedSize() : 0);
	}

}
