package dev.mastodonmaintenance.batch.media;

import java.util.Set;

import dev.mastodonmaintenance.batch.LevelParameters;
import dev.mastodonmaintenance.batch.Partitioning;

/**
 * Options of {@code media-remove}, with {@code tootctl media remove}'s names, defaults
 * and errors.
 *
 * @param days media (or profiles) older than this many days are concerned (7)
 * @param pruneProfiles whether to remove remote avatars and headers instead of media
 * attachments
 * @param removeHeaders whether to remove remote headers only instead of media attachments
 * @param includeFollows whether profiles of accounts with local follow relations are
 * concerned too
 * @param keepInteracted whether media of statuses local users interacted with are kept
 * @param concurrency accepted for tootctl compatibility; at least 1
 * @param batchSize the most row ids one chunk looks at
 * @param partitioning how the ids are cut into partitions
 */
record MediaRemoveOptions(double days, boolean pruneProfiles, boolean removeHeaders, boolean includeFollows,
		boolean keepInteracted, int concurrency, int batchSize, Partitioning partitioning) {

	static final String DAYS = "days";

	static final String PRUNE_PROFILES = "prune-profiles";

	static final String REMOVE_HEADERS = "remove-headers";

	static final String INCLUDE_FOLLOWS = "include-follows";

	static final String KEEP_INTERACTED = "keep-interacted";

	static final String CONCURRENCY = "concurrency";

	static final String BATCH_SIZE = "batch-size";

	static final Set<String> NAMES = Set.of(DAYS, PRUNE_PROFILES, REMOVE_HEADERS, INCLUDE_FOLLOWS, KEEP_INTERACTED,
			CONCURRENCY, BATCH_SIZE, Partitioning.GRID_SIZE, Partitioning.PARTITIONS);

	static MediaRemoveOptions from(LevelParameters parameters) {
		MediaRemoveOptions options = new MediaRemoveOptions(parameters.days(DAYS, 7), parameters.flag(PRUNE_PROFILES),
				parameters.flag(REMOVE_HEADERS), parameters.flag(INCLUDE_FOLLOWS), parameters.flag(KEEP_INTERACTED),
				parameters.concurrency(CONCURRENCY, 5), parameters.batchSize(BATCH_SIZE, 1000, null),
				parameters.partitioning());
		if (options.pruneProfiles() && options.removeHeaders()) {
			throw new IllegalArgumentException("Invalid job parameters " + parameters.name(PRUNE_PROFILES) + " and "
					+ parameters.name(REMOVE_HEADERS)
					+ ": --prune-profiles and --remove-headers should not be specified simultaneously");
		}
		if (options.includeFollows() && !options.pruneProfiles() && !options.removeHeaders()) {
			throw new IllegalArgumentException("Invalid job parameter " + parameters.name(INCLUDE_FOLLOWS)
					+ ": --include-follows can only be used with --prune-profiles or --remove-headers");
		}
		return options;
	}

	boolean profiles() {
		return this.pruneProfiles || this.removeHeaders;
	}

}
