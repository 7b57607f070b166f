package dev.mastodonmaintenance.batch.cache;

import java.util.Set;

import dev.mastodonmaintenance.batch.LevelParameters;

/**
 * Options of {@code cache-clear}. tootctl's {@code cache clear} has none; the SCAN batch
 * size is ours.
 *
 * @param batchSize the SCAN {@code COUNT} hint and so the most keys one chunk removes
 */
record CacheClearOptions(int batchSize) {

	static final String BATCH_SIZE = "batch-size";

	static final Set<String> NAMES = Set.of(BATCH_SIZE);

	static CacheClearOptions from(LevelParameters parameters) {
		return new CacheClearOptions(parameters.batchSize(BATCH_SIZE, 1000, null));
	}

}
