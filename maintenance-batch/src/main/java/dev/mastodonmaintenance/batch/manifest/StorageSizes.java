package dev.mastodonmaintenance.batch.manifest;

import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.batch.manifest.DeletionManifest.PendingBatch;
import dev.mastodonmaintenance.storage.DeletionReport;
import dev.mastodonmaintenance.storage.IncompleteDeletionException;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.storage.ObjectToRemove;

/**
 * The storage's own sizes of the objects a level removes, so that a dry run reports the
 * bytes the real run then frees: a dry run asks the storage for the objects no listing
 * sized, and a real run asks the same before deleting from a storage whose deletes report
 * no sizes. Only a storage that sizes cheaply answers (a stat on the filesystem; S3 is
 * not asked object by object), so both runs know the same sizes. Objects a level listed
 * keep their listed sizes and cost no request.
 */
public final class StorageSizes {

	private StorageSizes() {
	}

	/**
	 * The objects a dry run would remove, each with the storage's size: listed, or else
	 * asked for.
	 * @param storage the storage
	 * @param objects the objects
	 * @return the objects, those the storage holds sized; an object it does not hold has
	 * no size, and frees nothing, as deleting it frees nothing
	 */
	public static List<ObjectToRemove> sized(MediaStorage storage, List<ObjectToRemove> objects) {
		List<String> unsized = objects.stream()
			.filter((object) -> object.listedBytes() == null)
			.map(ObjectToRemove::key)
			.toList();
		if (unsized.isEmpty()) {
			return objects;
		}
		Map<String, Long> sizes = storage.sizes(unsized);
		return objects.stream()
			.map((object) -> (object.listedBytes() != null) ? object
					: new ObjectToRemove(object.key(), object.recordedBytes(), sizes.get(object.key())))
			.toList();
	}

	/**
	 * Deletes pending objects, reporting the storage's size of each: as its delete
	 * reports them, or else as it answered just before (the keys with a listed size are
	 * not asked; their listed size stands).
	 * @param storage the storage
	 * @param pending the entries to remove
	 * @return what the storage did, with sizes where it knew them
	 * @throws IncompleteDeletionException as {@link MediaStorage#delete} does, with sizes
	 * too
	 */
	public static DeletionReport delete(MediaStorage storage, PendingBatch pending) {
		if (storage.deleteReportsSizes()) {
			return storage.delete(pending.keys());
		}
		Map<String, Long> sizes = storage.sizes(pending.unsizedKeys());
		try {
			return storage.delete(pending.keys()).withSizes(sizes);
		}
		catch (IncompleteDeletionException ex) {
			throw new IncompleteDeletionException(ex.getMessage(), ex.getCause(), ex.done().withSizes(sizes));
		}
	}

}
