package dev.mastodonmaintenance.batch.manifest;

import org.jspecify.annotations.Nullable;

/**
 * A stored object a level wants gone.
 *
 * @param key the storage key
 * @param recordedBytes its size as Mastodon's size column records it, when there is one
 * @param listedBytes its size as the storage listed it, when the level listed it (or, in a dry run, as the
 * storage answered when asked)
 */
public record ObjectToRemove(String key, @Nullable Long recordedBytes, @Nullable Long listedBytes) {

	/**
	 * An object known from a database row.
	 * @param key the storage key
	 * @param recordedBytes the size column's value, may be null
	 * @return the object
	 */
	public static ObjectToRemove recorded(String key, @Nullable Long recordedBytes) {
		return new ObjectToRemove(key, recordedBytes, null);
	}

	/**
	 * An object known from a storage listing.
	 * @param key the storage key
	 * @param listedBytes the size the listing gave
	 * @return the object
	 */
	public static ObjectToRemove listed(String key, long listedBytes) {
		return new ObjectToRemove(key, null, listedBytes);
	}

}
