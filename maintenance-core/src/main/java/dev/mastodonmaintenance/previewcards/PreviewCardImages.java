package dev.mastodonmaintenance.previewcards;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL of {@code tootctl preview_cards remove}: cards with an image whose row was last
 * updated strictly before the cut-off, optionally only link cards ({@code type = 0}).
 * Clearing nulls the four {@code image_*} file columns and bumps {@code updated_at}, as
 * Paperclip's destroy and save do; the card, its links to statuses and its other columns
 * stay, so Mastodon re-fetches the image on next use.
 */
public class PreviewCardImages {

	private static final String SELECTION = """
			SELECT id, image_file_name, image_content_type, image_file_size, image_storage_schema_version
			FROM preview_cards
			WHERE id > ? AND id <= ?
			  AND image_file_name IS NOT NULL AND image_file_name <> ''
			  AND updated_at < ?
			  AND (NOT ? OR type = 0)
			""";

	private final JdbcTemplate jdbc;

	/**
	 * Creates the queries over a Mastodon database.
	 * @param jdbc the Mastodon database
	 */
	public PreviewCardImages(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The cards of an id window whose images qualify, without changing them.
	 * @param afterId exclusive lower id bound
	 * @param upToId inclusive upper id bound
	 * @param updatedBefore the cut-off, exclusive (UTC)
	 * @param linkOnly whether only link cards qualify
	 * @return the qualifying images in id order
	 */
	public List<PreviewCardImage> find(long afterId, long upToId, LocalDateTime updatedBefore, boolean linkOnly) {
		// index: preview_cards_pkey (id window); no index on updated_at exists
		return this.jdbc.query(SELECTION + " ORDER BY id", PreviewCardImages::image, afterId, upToId,
				Timestamp.valueOf(updatedBefore), linkOnly);
	}

	/**
	 * Clears the images of an id window in one statement: rows are re-checked and locked
	 * as they are cleared, so a card refreshed since it was counted is left alone.
	 * @param afterId exclusive lower id bound
	 * @param upToId inclusive upper id bound
	 * @param updatedBefore the cut-off, exclusive (UTC)
	 * @param linkOnly whether only link cards qualify
	 * @return the images that were cleared, as they were before, in id order
	 */
	public List<PreviewCardImage> clear(long afterId, long upToId, LocalDateTime updatedBefore, boolean linkOnly) {
		// index: preview_cards_pkey (id window, for the update too, which joined with
		// picked alone may read the
		// whole table)
		String sql = "WITH picked AS (" + SELECTION + " FOR UPDATE) " + """
				UPDATE preview_cards AS card
				SET image_file_name = NULL, image_content_type = NULL, image_file_size = NULL,
				    image_updated_at = NULL, updated_at = (now() AT TIME ZONE 'UTC')
				FROM picked WHERE card.id = picked.id AND card.id > ? AND card.id <= ?
				RETURNING picked.*
				""";
		List<PreviewCardImage> cleared = this.jdbc.query(sql, PreviewCardImages::image, afterId, upToId,
				Timestamp.valueOf(updatedBefore), linkOnly, afterId, upToId);
		cleared.sort((a, b) -> Long.compare(a.cardId(), b.cardId()));
		return cleared;
	}

	private static PreviewCardImage image(ResultSet rs, int row) throws SQLException {
		long size = rs.getLong("image_file_size");
		Long fileSize = rs.wasNull() ? null : size;
		int version = rs.getInt("image_storage_schema_version");
		Integer schemaVersion = rs.wasNull() ? null : version;
		return new PreviewCardImage(rs.getLong("id"), rs.getString("image_file_name"),
				rs.getString("image_content_type"), fileSize, schemaVersion);
	}

}
