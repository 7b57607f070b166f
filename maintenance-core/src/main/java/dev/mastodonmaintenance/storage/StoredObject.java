package dev.mastodonmaintenance.storage;

import java.time.Instant;

/**
 * An object as the storage lists it. Kept apart from {@link ObjectToRemove}: a listing
 * entry says nothing about removal, and its modification time is what decides whether an
 * unreferenced object is old enough to be an orphan.
 *
 * @param key the key relative to Mastodon's storage root
 * @param size its size in bytes, as the storage reports it
 * @param lastModified when it was last written
 */
public record StoredObject(String key, long size, Instant lastModified) {
}
