package dev.mastodonmaintenance.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a batch delete did, key by key. Its entries are outcomes, not requests, which is
 * why they are not {@link ObjectToRemove}s: a removed key carries the bytes the storage
 * freed (which may differ from what was recorded or listed), a failed one the storage's
 * reason.
 *
 * @param removed the keys that are gone now, with the bytes the storage freed where it
 * knows them
 * @param failed the keys that could not be deleted, with the storage's reason
 */
public record DeletionReport(List<Removed> removed, List<Failed> failed) {

	public DeletionReport {
		removed = List.copyOf(removed);
		failed = List.copyOf(failed);
	}

	/**
	 * Bytes freed, as far as the storage reported sizes.
	 * @return the sum of the known sizes
	 */
	public long bytesFreed() {
		return this.removed.stream().mapToLong((r) -> (r.bytes() != null) ? r.bytes() : 0).sum();
	}

	/**
	 * Combines two reports.
	 * @param other another report
	 * @return a report of both
	 */
	public DeletionReport plus(DeletionReport other) {
		List<Removed> allRemoved = new ArrayList<>(this.removed);
		allRemoved.addAll(other.removed);
		List<Failed> allFailed = new ArrayList<>(this.failed);
		allFailed.addAll(other.failed);
		return new DeletionReport(allRemoved, allFailed);
	}

	/**
	 * This report with the sizes the storage gave elsewhere (a lookup before the delete)
	 * for the removed keys it reported none for.
	 * @param sizes sizes by key
	 * @return the report with those sizes
	 */
	public DeletionReport withSizes(Map<String, Long> sizes) {
		List<Removed> sized = this.removed.stream()
			.map((entry) -> (entry.bytes() != null) ? entry : new Removed(entry.key(), sizes.get(entry.key())))
			.toList();
		return new DeletionReport(sized, this.failed);
	}

	/**
	 * A key that is gone.
	 *
	 * @param key the key
	 * @param bytes the bytes freed when the storage reported them ({@code null} when it
	 * does not, as S3's DeleteObjects; {@code 0} when the object was already absent)
	 */
	public record Removed(String key, @Nullable Long bytes) {
	}

	/**
	 * A key that is still there.
	 *
	 * @param key the key
	 * @param reason the storage's error
	 */
	public record Failed(String key, String reason) {
	}

}
