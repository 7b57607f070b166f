package dev.mastodonmaintenance.batch.media;

import java.util.List;

import dev.mastodonmaintenance.cache.RailsCache;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Drops the cached rendering of statuses whose media changed
 * ({@code cache:v3:statuses/<id>}), once the change has committed, as Mastodon's
 * {@code after_commit} does. A cache Redis that fails is logged and otherwise ignored, as
 * the Rails cache store ignores it: the entries expire on their own within minutes.
 */
final class StatusCacheEviction implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(StatusCacheEviction.class);

	private final @Nullable String redisUrl;

	private @Nullable RailsCache cache;

	private boolean failed;

	/**
	 * Creates the eviction.
	 * @param redisUrl the cache Redis, or {@code null} when none is configured
	 */
	StatusCacheEviction(@Nullable String redisUrl) {
		this.redisUrl = redisUrl;
	}

	/**
	 * Evicts the statuses after the current transaction commits, or now outside a
	 * transaction.
	 * @param statusIds the statuses
	 */
	void afterCommit(List<Long> statusIds) {
		if (this.redisUrl == null || statusIds.isEmpty()) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			evict(statusIds);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				evict(statusIds);
			}

		});
	}

	private void evict(List<Long> statusIds) {
		if (this.failed) {
			return;
		}
		try {
			if (this.cache == null) {
				this.cache = new RailsCache(this.redisUrl);
			}
			this.cache.evictStatuses(statusIds);
		}
		catch (RuntimeException ex) {
			this.failed = true;
			logger
				.warn("Cannot drop cached statuses from the Rails cache, they expire on their own: " + ex.getMessage());
		}
	}

	@Override
	public void close() {
		if (this.cache != null) {
			this.cache.close();
		}
	}

}
