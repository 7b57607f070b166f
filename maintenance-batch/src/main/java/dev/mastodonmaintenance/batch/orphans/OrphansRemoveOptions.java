package dev.mastodonmaintenance.batch.orphans;

import java.time.Duration;
import java.util.Set;

import dev.mastodonmaintenance.batch.LevelParameters;
import dev.mastodonmaintenance.batch.Partitioning;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@code media-remove-orphans}, with {@code tootctl media remove-orphans}'s
 * names.
 *
 * @param prefix only keys under this prefix are walked ({@code --prefix})
 * @param startAfter the walk starts after this key ({@code --start-after}); a restart
 * continues from its own checkpoint instead
 * @param minAge objects younger than this are never removed, so that an upload whose row
 * is not committed yet is safe (ours; tootctl has no such guard)
 * @param batchSize the most keys one chunk lists
 * @param partitioning how the keys are cut into partitions
 */
record OrphansRemoveOptions(String prefix, @Nullable String startAfter, Duration minAge, int batchSize,
		Partitioning partitioning) {

	static final String PREFIX = "prefix";

	static final String START_AFTER = "start-after";

	static final String MIN_AGE = "min-age";

	static final String BATCH_SIZE = "batch-size";

	static final Set<String> NAMES = Set.of(PREFIX, START_AFTER, MIN_AGE, BATCH_SIZE, Partitioning.GRID_SIZE,
			Partitioning.PARTITIONS);

	static OrphansRemoveOptions from(LevelParameters parameters) {
		String prefix = parameters.string(PREFIX, "");
		if (prefix.startsWith("/") || prefix.contains("..")) {
			throw parameters.invalid(PREFIX, prefix,
					"a key prefix relative to the storage root, such as cache/media_attachments/");
		}
		return new OrphansRemoveOptions(prefix, parameters.string(START_AFTER, null),
				parameters.duration(MIN_AGE, Duration.ofDays(1)), parameters.batchSize(BATCH_SIZE, 1000, null),
				parameters.partitioning());
	}

}
