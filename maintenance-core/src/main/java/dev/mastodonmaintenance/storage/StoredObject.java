package dev.mastodonmaintenance.storage;

import java.time.Instant;

/**
 * An object as the storage lists it.
 *
 * @param key the key relative to Mastodon's storage root
 * @param size its size in bytes, as the storage reports it
 * @param lastModified when it was last written
 */
public record StoredObject(String key, long size, Instant lastModified) {
}
