package dev.mastodonmaintenance.operator.demo;

import java.io.IOException;
import java.nio.file.Path;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import redis.embedded.RedisServer;

/**
 * The demo's Redis: an embedded server on loopback holding a Rails cache ({@code cache:*}
 * keys) beside keys that are not the cache (a Sidekiq queue, a home feed), which cache
 * clear must leave alone.
 */
final class DemoRedis implements AutoCloseable {

	private final RedisServer server;

	private final int port;

	private DemoRedis(RedisServer server, int port) {
		this.server = server;
		this.port = port;
	}

	/**
	 * Starts the embedded Redis.
	 * @param port the loopback port to listen on
	 * @param pidFile where the server writes its process id, so that a server left
	 * running by a killed demo process is stopped at the next start
	 * @return the running server
	 * @throws IllegalStateException when it cannot start
	 */
	static DemoRedis start(int port, Path pidFile) {
		OrphanedServer.stop(pidFile, "redis");
		try {
			RedisServer server = RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("pidfile \"" + pidFile + "\"")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			server.start();
			return new DemoRedis(server, port);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Cannot start the demo's embedded Redis on port " + port + ": " + ex, ex);
		}
	}

	/**
	 * Fills the Rails cache and a few other keys.
	 * @param cacheKeys how many cache keys to write
	 */
	void seed(int cacheKeys) {
		RedisClient client = RedisClient.create(url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			RedisCommands<String, String> redis = connection.sync();
			for (int i = 0; i < cacheKeys; i++) {
				redis.set("cache:v3:statuses/" + (110_000_000_000_000_000L + i), "{\"rendered\":true}");
			}
			redis.set("cache:rails_settings_cached/0123456789abcdef/site_title", "Demo instance");
			redis.lpush("queue:default", "{\"class\":\"DemoWorker\"}");
			redis.zadd("feed:home:1", 1, "110000000000000000");
		}
		finally {
			client.shutdown();
		}
	}

	String url() {
		return "redis://127.0.0.1:" + this.port + "/0";
	}

	@Override
	public void close() throws IOException {
		this.server.stop();
	}

}
