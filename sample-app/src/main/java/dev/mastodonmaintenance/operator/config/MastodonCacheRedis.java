package dev.mastodonmaintenance.operator.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;

/**
 * The Redis of Mastodon's Rails cache, found as Mastodon's
 * {@code lib/mastodon/redis_configuration.rb} finds it: {@code CACHE_REDIS_URL}, else
 * {@code CACHE_REDIS_HOST}/{@code PORT}/{@code DB}/{@code USER}/ {@code PASSWORD} or
 * {@code CACHE_REDIS_SENTINELS}, else the main Redis: {@code REDIS_URL}, else
 * {@code REDIS_HOST} ({@code localhost}), {@code REDIS_PORT} (6379), {@code REDIS_DB} (0)
 * or {@code REDIS_SENTINELS}.
 */
final class MastodonCacheRedis {

	private MastodonCacheRedis() {
	}

	/**
	 * The cache Redis URL.
	 * @param variables Mastodon's variables
	 * @return a {@code redis://}, {@code rediss://} or {@code redis-sentinel://} URL;
	 * {@code null} when these variables describe no Mastodon server and name no Redis
	 * @throws IllegalArgumentException when a URL is malformed or of a kind that cannot
	 * be used
	 */
	static @Nullable String url(MastodonVariables variables) {
		String cache = url(variables, "CACHE_REDIS_", null);
		if (cache != null) {
			return cache;
		}
		boolean named = variables.anySet("REDIS_URL", "REDIS_HOST", "REDIS_PORT", "REDIS_DB", "REDIS_SENTINELS");
		if (!named && !variables.describeServer()) {
			return null;
		}
		return url(variables, "REDIS_", "localhost");
	}

	private static @Nullable String url(MastodonVariables variables, String prefix, @Nullable String defaultHost) {
		String url = variables.get(prefix + "URL");
		if (url != null) {
			return checked(prefix + "URL", url);
		}
		String user = variables.get(prefix + "USER");
		String password = variables.get(prefix + "PASSWORD");
		String db = variables.get(prefix + "DB", "0");
		if (!db.matches("\\d+")) {
			throw new IllegalArgumentException(prefix + "DB=" + db + " is not a Redis database number");
		}
		String sentinels = variables.get(prefix + "SENTINELS");
		if (sentinels != null) {
			return sentinelUrl(variables, prefix, sentinels, user, password, db);
		}
		String host = variables.get(prefix + "HOST", (defaultHost != null) ? defaultHost : "");
		if (host.isEmpty()) {
			return null;
		}
		String port = variables.get(prefix + "PORT", "6379");
		if (!port.matches("\\d{1,5}")) {
			throw new IllegalArgumentException(prefix + "PORT=" + port + " is not a port number");
		}
		return "redis://" + credentials(user, password) + host + ":" + port + "/" + db;
	}

	private static String sentinelUrl(MastodonVariables variables, String prefix, String sentinels,
			@Nullable String user, @Nullable String password, String db) {
		String master = variables.get(prefix + "SENTINEL_MASTER");
		if (master == null) {
			throw new IllegalArgumentException(prefix + "SENTINELS is set but " + prefix + "SENTINEL_MASTER, the name "
					+ "of the primary, is not");
		}
		if (variables.anySet(prefix + "SENTINEL_USERNAME", prefix + "SENTINEL_PASSWORD")) {
			throw new IllegalArgumentException(prefix + "SENTINEL_USERNAME/" + prefix
					+ "SENTINEL_PASSWORD (credentials " + "of the sentinels themselves) are not supported; set "
					+ prefix + "URL or spring properties instead");
		}
		String defaultPort = variables.get(prefix + "SENTINEL_PORT", "26379");
		List<String> nodes = new ArrayList<>();
		for (String sentinel : sentinels.split(",")) {
			String node = sentinel.trim();
			if (node.isEmpty()) {
				continue;
			}
			nodes.add(node.contains(":") ? node : node + ":" + defaultPort);
		}
		return "redis-sentinel://" + credentials(user, password) + String.join(",", nodes) + "/" + db + "#"
				+ encode(master);
	}

	private static String credentials(@Nullable String user, @Nullable String password) {
		if (password == null) {
			return (user != null) ? encode(user) + "@" : "";
		}
		return ((user != null) ? encode(user) : "") + ":" + encode(password) + "@";
	}

	private static String checked(String variable, String url) {
		if (url.startsWith("unix://")) {
			throw new IllegalArgumentException(
					variable + " names a Unix socket (" + SecretRedaction.url(url) + "), which is not supported: "
							+ "give the Redis server's address, such as redis://127.0.0.1:6379/0");
		}
		try {
			RedisURI.create(url);
		}
		catch (RuntimeException ex) {
			// Lettuce's exception is not kept: its message repeats the URL, password
			// included
			throw new IllegalArgumentException("Malformed " + variable + " '" + SecretRedaction.url(url)
					+ "': expected redis://[user:password@]host[:port][/db]");
		}
		return url;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
