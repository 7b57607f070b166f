package dev.mastodonmaintenance.batch;

import dev.mastodonmaintenance.IdWindow;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The progress of a walk of a Mastodon table by windows of its primary key: the position
 * of the last id reached between the table's smallest and largest id. Mastodon's ids are
 * time-based, so this is the share of the table's history walked, an estimate when its
 * rows are unevenly spread in time.
 */
public final class TableProgress {

	private final IdWindow ids;

	/**
	 * Creates the progress of one table's walk.
	 * @param jdbc Mastodon's database
	 * @param table the table, whose primary key is {@code id}
	 */
	public TableProgress(JdbcTemplate jdbc, String table) {
		this.ids = new IdWindow(jdbc, table);
	}

	/**
	 * Reports the walk's position to the chunk's report. Call it before the chunk changes
	 * anything: should its statement fail after the level moved its checkpoint, Spring
	 * Batch would save the moved checkpoint of a chunk whose changes rolled back, and the
	 * restart would skip that window.
	 * @param chunk the chunk that reached the id
	 * @param phase the level's phase, {@code null} for a level of one phase
	 * @param lastId the last id the chunk reaches
	 */
	public void report(LevelTransaction chunk, @Nullable String phase, long lastId) {
		report(chunk, phase, lastId, IdRange.ALL);
	}

	/**
	 * Reports the walk's position within a partition's range of ids, as
	 * {@link #report(LevelTransaction, String, long)} does for the whole table.
	 * @param chunk the chunk that reached the id
	 * @param phase the level's phase, {@code null} for a level of one phase
	 * @param lastId the last id the chunk reaches
	 * @param walked the range the step walks
	 */
	public void report(LevelTransaction chunk, @Nullable String phase, long lastId, IdRange walked) {
		IdWindow.Extent ids = this.ids.extent();
		if (ids != null) {
			long from = Math.max(ids.first() - 1, walked.afterId());
			long to = Math.min(ids.last(), walked.upToId());
			chunk.progress(phase, lastId - from, Math.max(1, to - from));
		}
	}

}
