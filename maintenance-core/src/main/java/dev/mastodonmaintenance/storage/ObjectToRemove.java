package dev.mastodonmaintenance.storage;

import org.jspecify.annotations.Nullable;

/**
 * A stored object to remove: a file a database row names (with the size the row records,
 * which only describes the {@code original} style) or an object a storage listing found
 * (with the size the listing gave), as a level hands it to the deletion manifest.
 *
 * @param key the storage key, relative to Mastodon's storage root
 * @param recordedBytes its size as Mastodon's size column records it
 * ({@code <name>_file_size}), {@code null} for styles other than the original or when the
 * column is null
 * @param listedBytes its size as the storage listed it, when the level listed it (or, in
 * a dry run, as the storage answered when asked)
 */
public record ObjectToRemove(String key, @Nullable Long recordedBytes, @Nullable Long listedBytes) {

	/**
	 * A file a database row names.
	 * @param key the storage key
	 * @param recordedBytes the size column's value for the original, {@code null}
	 * otherwise
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
