package dev.mastodonmaintenance.batch.accounts;

import java.util.List;
import java.util.Set;

import dev.mastodonmaintenance.batch.LevelParameters;
import dev.mastodonmaintenance.batch.Partitioning;

/**
 * Options of {@code accounts-cull}, with {@code tootctl accounts cull}'s names and
 * defaults.
 *
 * @param domains only accounts of these domains, exact and case-sensitive as tootctl's
 * arguments; all when empty
 * @param concurrency how many reachability checks run at once (5)
 * @param perDomain how many of them may go to one domain at once (2), so that a slow
 * server holds only its share of the requests
 * @param batchSize the most accounts one window holds: the next account ids, or for a
 * partition accounts of its domains (from at most as many windows of ids as there are
 * buckets)
 * @param partitioning how the domains are cut into partitions, each checking
 * {@code concurrency} accounts at once
 */
record AccountsCullOptions(List<String> domains, int concurrency, int perDomain, int batchSize,
		Partitioning partitioning) {

	static final String DOMAINS = "domains";

	static final String CONCURRENCY = "concurrency";

	static final String PER_DOMAIN = "per-domain-concurrency";

	static final String BATCH_SIZE = "batch-size";

	static final Set<String> NAMES = Set.of(DOMAINS, CONCURRENCY, PER_DOMAIN, BATCH_SIZE, Partitioning.GRID_SIZE,
			Partitioning.PARTITIONS);

	static AccountsCullOptions from(LevelParameters parameters) {
		return new AccountsCullOptions(parameters.list(DOMAINS), parameters.concurrency(CONCURRENCY, 5),
				parameters.concurrency(PER_DOMAIN, 2), parameters.batchSize(BATCH_SIZE, 1000, null),
				parameters.partitioning());
	}

}
