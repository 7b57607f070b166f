package dev.mastodonmaintenance.batch.previewcards;

import java.util.Set;

import dev.mastodonmaintenance.batch.LevelParameters;
import dev.mastodonmaintenance.batch.Partitioning;

/**
 * Options of {@code preview-cards-remove}, with {@code tootctl preview_cards remove}'s
 * names and defaults.
 *
 * @param days cards last updated more than this many days ago lose their image (180)
 * @param link whether only link cards are concerned
 * @param concurrency accepted for tootctl compatibility; removal is batched instead
 * @param batchSize the most card ids one chunk looks at
 * @param partitioning how the ids are cut into partitions
 */
record PreviewCardsRemoveOptions(double days, boolean link, int concurrency, int batchSize, Partitioning partitioning) {

	static final String DAYS = "days";

	static final String LINK = "link";

	static final String CONCURRENCY = "concurrency";

	static final String BATCH_SIZE = "batch-size";

	static final Set<String> NAMES = Set.of(DAYS, LINK, CONCURRENCY, BATCH_SIZE, Partitioning.GRID_SIZE,
			Partitioning.PARTITIONS);

	static PreviewCardsRemoveOptions from(LevelParameters parameters) {
		return new PreviewCardsRemoveOptions(parameters.days(DAYS, 180), parameters.flag(LINK),
				parameters.concurrency(CONCURRENCY, 5), parameters.batchSize(BATCH_SIZE, 1000, null),
				parameters.partitioning());
	}

}
