package dev.mastodonmaintenance.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.schema.MastodonSchema;
import org.jspecify.annotations.Nullable;

/**
 * An attachment as its row records it: its files and the size of its original.
 *
 * @param files its files
 * @param recordedBytes {@code <name>_file_size}, may be null
 */
public record RecordedAttachment(AttachmentFiles files, @Nullable Long recordedBytes) {

	/**
	 * The columns {@link #read} needs, for a select list. A storage schema version column
	 * that the schema lacks (Mastodon 4.4 has no
	 * {@code thumbnail_storage_schema_version}) is selected as {@code NULL}, which is how
	 * Paperclip reads a missing one: version 0, no {@code cache/} prefix.
	 * @param attachment the attachment
	 * @param alias the table's alias in the query
	 * @param schema the schema of the database queried
	 * @return such as
	 * {@code m.file_file_name, m.file_content_type, m.file_file_size, m.file_storage_schema_version}
	 */
	public static String columns(MastodonAttachment attachment, String alias, MastodonSchema schema) {
		String prefix = alias + "." + attachment.columnPrefix();
		String columns = prefix + "_file_name, " + prefix + "_file_size, " + alias + "." + attachment.styleColumn();
		if (!attachment.hasStorageSchemaVersion()) {
			return columns;
		}
		String version = attachment.columnPrefix() + "_storage_schema_version";
		return columns + ", " + (schema.hasColumn(attachment.table(), version) ? alias + "." + version
				: "NULL::integer AS " + version);
	}

	/**
	 * Reads an attachment from the current row of a result set selecting
	 * {@link #columns}.
	 * @param rs the result set
	 * @param attachment the attachment
	 * @param localRecord whether the row counts as local for its model (see
	 * {@link AttachmentKey#isCached})
	 * @return the attachment, or {@code null} when it is blank (no file name), as
	 * Paperclip sees it
	 * @throws SQLException when a column is missing
	 */
	public static @Nullable RecordedAttachment read(ResultSet rs, MastodonAttachment attachment, boolean localRecord)
			throws SQLException {
		String prefix = attachment.columnPrefix();
		String fileName = rs.getString(prefix + "_file_name");
		if (fileName == null || fileName.isEmpty()) {
			return null;
		}
		Integer version = attachment.hasStorageSchemaVersion() ? nullableInt(rs, prefix + "_storage_schema_version")
				: null;
		AttachmentFiles files = attachment.files(rs.getLong("id"), fileName, rs.getString(attachment.styleColumn()),
				AttachmentKey.isCached(version, localRecord));
		long size = rs.getLong(prefix + "_file_size");
		return new RecordedAttachment(files, rs.wasNull() ? null : size);
	}

	private static @Nullable Integer nullableInt(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	/**
	 * Every file of the attachment, the original carrying the recorded size.
	 * @return the files, {@code original} first
	 */
	public List<ObjectToRemove> recordedFiles() {
		List<ObjectToRemove> files = new ArrayList<>(this.files.styles().size());
		for (AttachmentStyle style : this.files.styles()) {
			files.add(ObjectToRemove.recorded(this.files.key(style), style.isOriginal() ? this.recordedBytes : null));
		}
		return files;
	}

	/**
	 * The recorded size, 0 when unknown: what tootctl adds up.
	 * @return bytes
	 */
	public long recordedSize() {
		return (this.recordedBytes != null) ? this.recordedBytes : 0;
	}

}
