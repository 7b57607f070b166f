package dev.mastodonmaintenance.boot.manifest;

import java.time.Instant;

import dev.mastodonmaintenance.batch.Level;
import org.jspecify.annotations.Nullable;

/**
 * One row or one stored object in the deletion manifest: what a run removed (or failed to
 * remove, left pending, or would have removed in a dry run), by which level and when.
 *
 * @param executionId the job execution that recorded it
 * @param jobInstanceId its job instance (a restarted run keeps it)
 * @param stepName the name of the step that recorded it: the level's, such as
 * {@code media-remove}, or one of its partitions', such as
 * {@code media-remove-partition:3}
 * @param level the level, {@code null} for a step this version does not know
 * @param state where it stands
 * @param kind a database row or a stored object
 * @param table for a row, its Mastodon table; {@code null} for an object
 * @param rowId for a row, its id; {@code null} for an object
 * @param key for an object, its storage key; {@code null} for a row
 * @param recordedBytes for an object, its size as Mastodon's size column records it, when
 * it does
 * @param storageBytes for an object, its size as the storage reported, listed or gave it,
 * when known
 * @param detail why the storage refused it, for a failed object
 * @param recordedAt when the chunk that recorded it ran
 * @param position where it stands in the manifest, to page on from
 */
public record ManifestEntry(long executionId, long jobInstanceId, String stepName, @Nullable Level level,
		ManifestState state, Kind kind, @Nullable String table, @Nullable Long rowId, @Nullable String key,
		@Nullable Long recordedBytes, @Nullable Long storageBytes, @Nullable String detail, Instant recordedAt,
		ManifestPosition position) {

	/**
	 * What an entry is.
	 */
	public enum Kind {

		/** A database row, deleted or changed. */
		ROW,

		/** A stored object. */
		OBJECT

	}

	/**
	 * What was removed, as a person names it.
	 * @return such as {@code statuses 109372843181422913} or the storage key
	 */
	public String subject() {
		return (this.kind == Kind.ROW) ? this.table + " " + this.rowId : String.valueOf(this.key);
	}

}
