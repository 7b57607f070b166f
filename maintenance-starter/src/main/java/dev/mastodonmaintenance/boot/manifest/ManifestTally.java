package dev.mastodonmaintenance.boot.manifest;

import dev.mastodonmaintenance.batch.Level;
import org.jspecify.annotations.Nullable;

/**
 * How many rows of one table, or stored objects, a level of a run recorded in one state.
 *
 * @param stepName the level's step name
 * @param level the level, {@code null} for a step this version does not know
 * @param kind rows or objects
 * @param table for rows, the Mastodon table; {@code null} for objects
 * @param state the state
 * @param count how many
 */
public record ManifestTally(String stepName, @Nullable Level level, ManifestEntry.Kind kind, @Nullable String table,
		ManifestState state, long count) {
}
