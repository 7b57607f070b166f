package dev.mastodonmaintenance.storage;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where Mastodon keeps media files. Keys are relative to Mastodon's storage root, as
 * Paperclip computes them
 * ({@code [cache/]media_attachments/files/000/000/001/original/x.jpg}); a back-end that
 * adds a prefix of its own (S3's {@code S3_KEY_PREFIX}) adds it on the way in and strips
 * it on the way out.
 */
public interface MediaStorage {

	/**
	 * Lists stored objects in ascending key order.
	 * @param prefix only keys starting with this ({@code ""} for all)
	 * @param startAfter only keys strictly after this one, or {@code null} from the start
	 * @param max the most objects to return
	 * @return at most {@code max} objects; fewer only at the end of the listing
	 */
	List<StoredObject> list(String prefix, @Nullable String startAfter, int max);

	/**
	 * Deletes objects in as few requests as the back-end allows. A key that is already
	 * absent counts as removed: deleting is idempotent, so a restarted step may repeat a
	 * delete safely.
	 * @param keys the keys to delete
	 * @return what was removed and what failed
	 */
	DeletionReport delete(List<String> keys);

	/**
	 * The sizes of stored objects, where the back-end tells them cheaply (a stat): what a
	 * dry run reports the storage would free, and what a real run reports for a back-end
	 * whose deletes do not say.
	 * @param keys the keys
	 * @return the size of each key that is stored and sized; a key that is not stored, or
	 * that the back-end does not size one by one (S3), has no entry
	 * @throws StorageException when the storage cannot answer
	 */
	Map<String, Long> sizes(List<String> keys);

	/**
	 * Whether {@link #delete} reports the bytes each removed key freed.
	 * @return {@code true} unless the back-end's delete says nothing of sizes (S3's
	 * DeleteObjects)
	 */
	default boolean deleteReportsSizes() {
		return true;
	}

	/**
	 * How many keys a step hands to one {@link #delete} call at most.
	 * @return 1000, S3's DeleteObjects limit, unless the back-end deletes more at once
	 */
	default int deleteBatchSize() {
		return 1000;
	}

	/**
	 * A short description for logs and reports, such as
	 * {@code filesystem /var/mastodon/public/system}.
	 * @return the description
	 */
	String describe();

}
