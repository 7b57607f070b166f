package dev.mastodonmaintenance.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.storage.MastodonAttachment;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import dev.mastodonmaintenance.storage.RecordedAttachment;
import org.jspecify.annotations.Nullable;

/**
 * The stored files of one account's avatar and header. An account is local when its
 * {@code domain} is null, which decides the {@code cache/} prefix.
 *
 * @param accountId the account id
 * @param avatar the avatar, {@code null} when blank or not concerned
 * @param header the header, {@code null} when blank or not concerned
 */
public record ProfileImages(long accountId, @Nullable RecordedAttachment avatar, @Nullable RecordedAttachment header) {

	/**
	 * The columns {@link #fromRow} reads, for a select list.
	 * @param alias the alias of {@code accounts} in the query
	 * @param schema the schema of the database queried
	 * @return the select list
	 */
	public static String columns(String alias, MastodonSchema schema) {
		return alias + ".id, " + alias + ".domain, "
				+ RecordedAttachment.columns(MastodonAttachment.ACCOUNT_AVATAR, alias, schema) + ", "
				+ RecordedAttachment.columns(MastodonAttachment.ACCOUNT_HEADER, alias, schema);
	}

	/**
	 * Reads the current row of a result set selecting {@link #columns}.
	 * @param rs the result set
	 * @param row the row number
	 * @return the account's images
	 * @throws SQLException when a column is missing
	 */
	public static ProfileImages fromRow(ResultSet rs, int row) throws SQLException {
		boolean local = rs.getString("domain") == null;
		return new ProfileImages(rs.getLong("id"),
				RecordedAttachment.read(rs, MastodonAttachment.ACCOUNT_AVATAR, local),
				RecordedAttachment.read(rs, MastodonAttachment.ACCOUNT_HEADER, local));
	}

	/**
	 * The same account without its avatar, when only headers are concerned.
	 * @return the images without the avatar
	 */
	public ProfileImages headerOnly() {
		return new ProfileImages(this.accountId, null, this.header);
	}

	/**
	 * Every stored file of the images, the avatar's first.
	 * @return the files
	 */
	public List<ObjectToRemove> files() {
		return Stream.of(this.avatar, this.header)
			.filter(Objects::nonNull)
			.flatMap((attachment) -> attachment.recordedFiles().stream())
			.toList();
	}

	/**
	 * The recorded sizes added up, as tootctl reports them.
	 * @return bytes
	 */
	public long recordedBytes() {
		return ((this.avatar != null) ? this.avatar.recordedSize() : 0)
				+ ((this.header != null) ? this.header.recordedSize() : 0);
	}

}
