package dev.mastodonmaintenance.batch.cache;

import java.util.List;
import java.util.Set;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelDefinition;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.LevelTransaction;
import dev.mastodonmaintenance.batch.LevelWork;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.cache.RailsCache;
import org.jspecify.annotations.Nullable;

/**
 * {@code cache-clear}: removes every key of Mastodon's Rails cache ({@code cache:*}) with
 * SCAN and UNLINK, one SCAN batch per chunk, the SCAN cursor being the checkpoint. Redis
 * is not transactional with the chunk, but a repeated batch after a restart is harmless:
 * the keys are gone or re-created by Mastodon. Without a cache Redis configured the level
 * is skipped. There is no dry run in tootctl for this command; here a dry run counts the
 * keys and removes none.
 */
public final class CacheClearLevel implements LevelDefinition<CacheClearOptions> {

	static final String CURSOR = "cache-clear.cursor";

	private static final String DONE = "done";

	private final @Nullable String redisUrl;

	/**
	 * Creates the level.
	 * @param mastodon Mastodon's resources, whose cache Redis may be absent
	 */
	public CacheClearLevel(MastodonResources mastodon) {
		this.redisUrl = mastodon.cacheRedisUrl();
	}

	@Override
	public Level level() {
		return Level.CACHE_CLEAR;
	}

	@Override
	public Set<String> optionNames() {
		return CacheClearOptions.NAMES;
	}

	@Override
	public CacheClearOptions options(MaintenanceParameters parameters) {
		return CacheClearOptions.from(parameters.of(level()));
	}

	@Override
	public LevelWork open(CacheClearOptions options, MaintenanceParameters parameters) {
		return new Work(options, this.redisUrl);
	}

	private static final class Work implements LevelWork {

		private final CacheClearOptions options;

		private final @Nullable String redisUrl;

		private @Nullable RailsCache cache;

		Work(CacheClearOptions options, @Nullable String redisUrl) {
			this.options = options;
			this.redisUrl = redisUrl;
		}

		@Override
		public @Nullable String unavailableReason() {
			return (this.redisUrl == null) ? "no cache Redis configured (CACHE_REDIS_URL or REDIS_URL)" : null;
		}

		@Override
		public boolean nextChunk(LevelTransaction chunk) {
			String cursor = chunk.checkpoint().getString(CURSOR, "0");
			if (DONE.equals(cursor)) {
				return false;
			}
			RailsCache.ClearedBatch batch = chunk.dryRun() ? cache().countBatch(cursor, this.options.batchSize())
					: cache().clearBatch(cursor, this.options.batchSize());
			chunk.visited(batch.visited());
			chunk.report().rowsChanged(chunk.dryRun() ? batch.visited() : batch.removed());
			chunk.checkpoint().putString(CURSOR, batch.finished() ? DONE : batch.nextCursor());
			return !batch.finished();
		}

		private RailsCache cache() {
			if (this.cache == null) {
				this.cache = new RailsCache(this.redisUrl);
			}
			return this.cache;
		}

		@Override
		public void close() {
			if (this.cache != null) {
				this.cache.close();
			}
		}

		@Override
		public List<String> summary(LevelReport report) {
			return List.of("OK: removed " + report.rowsChanged() + " Rails cache keys"
					+ (report.dryRun() ? " (DRY RUN)" : ""));
		}

	}

}
