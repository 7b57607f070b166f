package dev.mastodonmaintenance.testing;

import java.io.IOException;
import java.net.ServerSocket;

import redis.embedded.RedisServer;

/**
 * The one Redis of a test JVM: the server named by {@code MAINTENANCE_TEST_REDIS_URL}
 * when set, otherwise an embedded Redis on a free loopback port. Tests that share it use
 * distinct key names or databases.
 */
public final class TestRedis {

	private static String url;

	private TestRedis() {
	}

	/**
	 * The Redis URL, starting the embedded server on first use.
	 * @return a {@code redis://} URL
	 */
	public static synchronized String url() {
		if (url == null) {
			String configured = System.getenv("MAINTENANCE_TEST_REDIS_URL");
			url = (configured != null && !configured.isBlank()) ? configured : startEmbedded();
		}
		return url;
	}

	/**
	 * The URL of one logical database of the test Redis, so that test classes do not see
	 * each other's keys.
	 * @param database a database number from 0 to 15
	 * @return a {@code redis://} URL
	 */
	public static String url(int database) {
		String base = url();
		return base.substring(0, base.lastIndexOf('/')) + "/" + database;
	}

	/**
	 * A loopback port nothing listens on, for tests of an unreachable server.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String startEmbedded() {
		int port = freePort();
		try {
			RedisServer server = RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server)));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the embedded Redis; point the tests at a server with "
					+ "MAINTENANCE_TEST_REDIS_URL=redis://127.0.0.1:6379/15", ex);
		}
		return "redis://127.0.0.1:" + port + "/0";
	}

	private static void stop(RedisServer server) {
		try {
			server.stop();
		}
		catch (IOException ex) {
			// the JVM is exiting
		}
	}

}
