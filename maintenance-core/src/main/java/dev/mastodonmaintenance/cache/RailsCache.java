package dev.mastodonmaintenance.cache;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Mastodon's Rails cache store: every key under the {@code cache:} namespace of one Redis
 * database. Clearing it is what {@code tootctl cache clear} does:
 * {@code SCAN MATCH cache:*} and delete each batch, never {@code FLUSHDB}, so Sidekiq
 * queues and home feeds sharing the database are untouched. Here the SCAN cursor is
 * handed back after each batch so that a caller can checkpoint it and resume.
 */
public class RailsCache implements AutoCloseable {

	static final String NAMESPACE = "cache:";

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private final String location;

	/**
	 * Connects to the cache's Redis.
	 * @param redisUrl a {@code redis://} or {@code rediss://} URL, as Mastodon's
	 * {@code CACHE_REDIS_URL}
	 * @throws IllegalArgumentException when the URL is malformed or the server does not
	 * answer
	 */
	public RailsCache(String redisUrl) {
		RedisURI uri = parse(redisUrl);
		uri.setTimeout(Duration.ofSeconds(5));
		this.location = uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
		this.client = RedisClient.create(uri);
		try {
			this.connection = this.client.connect();
		}
		catch (RedisConnectionException ex) {
			this.client.shutdown();
			throw new IllegalArgumentException(
					"Cannot reach the Rails cache Redis at " + this.location + ": " + ex.getMessage(), ex);
		}
	}

	private static RedisURI parse(String redisUrl) {
		try {
			return RedisURI.create(redisUrl);
		}
		catch (RuntimeException ex) {
			// neither the URL nor Lettuce's exception, which repeats it, is shown: it may
			// hold a password
			throw new IllegalArgumentException(
					"Malformed Redis URL: expected redis://[user:password@]host[:port][/db]");
		}
	}

	/**
	 * Removes one SCAN batch of cache keys with {@code UNLINK}.
	 * @param cursor the cursor to continue from, {@code "0"} to start
	 * @param count the SCAN {@code COUNT} hint
	 * @return the keys removed and the cursor to continue from;
	 * {@link ClearedBatch#finished()} once the scan has come back to {@code 0}
	 */
	public ClearedBatch clearBatch(String cursor, int count) {
		KeyScanCursor<String> scan = scan(cursor, count);
		List<String> keys = scan.getKeys();
		long removed = keys.isEmpty() ? 0 : this.connection.sync().unlink(keys.toArray(String[]::new));
		return new ClearedBatch(keys.size(), removed, scan.isFinished() ? "0" : scan.getCursor());
	}

	/**
	 * Counts one SCAN batch of cache keys, removing none: a dry run's view of
	 * {@link #clearBatch}.
	 * @param cursor the cursor to continue from, {@code "0"} to start
	 * @param count the SCAN {@code COUNT} hint
	 * @return the keys matched and the cursor to continue from
	 */
	public ClearedBatch countBatch(String cursor, int count) {
		KeyScanCursor<String> scan = scan(cursor, count);
		return new ClearedBatch(scan.getKeys().size(), 0, scan.isFinished() ? "0" : scan.getCursor());
	}

	private KeyScanCursor<String> scan(String cursor, int count) {
		return this.connection.sync()
			.scan(ScanCursor.of(cursor), ScanArgs.Builder.matches(NAMESPACE + "*").limit(count));
	}

	/**
	 * Deletes the cached rendering of statuses ({@code cache:v3:statuses/<id>}), as
	 * Mastodon does when a status's media change.
	 * @param statusIds the status ids
	 * @return the number of keys that existed
	 */
	public long evictStatuses(List<Long> statusIds) {
		if (statusIds.isEmpty()) {
			return 0;
		}
		String[] keys = statusIds.stream().map((id) -> NAMESPACE + "v3:statuses/" + id).toArray(String[]::new);
		return this.connection.sync().unlink(keys);
	}

	/**
	 * Where the cache lives, for reports.
	 * @return host, port and database
	 */
	public String location() {
		return this.location;
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

	/**
	 * One SCAN batch of a clear.
	 *
	 * @param visited keys the batch matched
	 * @param removed keys it removed (fewer when some expired meanwhile)
	 * @param nextCursor the cursor to continue from
	 */
	public record ClearedBatch(long visited, long removed, String nextCursor) {

		/**
		 * Whether the scan has covered the whole database.
		 * @return {@code true} when the cursor is back at {@code 0}
		 */
		public boolean finished() {
			return "0".equals(this.nextCursor);
		}

	}

}
