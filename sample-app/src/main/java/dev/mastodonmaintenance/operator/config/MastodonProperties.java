package dev.mastodonmaintenance.operator.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Mastodon's configuration written as the Spring properties that the starter and Spring
 * Boot read.
 */
final class MastodonProperties {

	static final String PREFIX = "mastodon.maintenance.";

	private MastodonProperties() {
	}

	/**
	 * Maps Mastodon's variables.
	 * @param variables Mastodon's variables
	 * @param database whether to map the database too: not when it is given as a Spring
	 * property and the variables name none
	 * @return the properties, in a stable order
	 * @throws IllegalArgumentException naming the variable that is malformed or
	 * unsupported
	 */
	static Map<String, Object> of(MastodonVariables variables, boolean database) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (database) {
			MastodonDatabaseSettings settings = MastodonDatabaseSettings.from(variables);
			settings.checkSocketExists();
			properties.put("spring.datasource.url", settings.jdbcUrl());
			properties.put("spring.datasource.username", settings.username());
			properties.put("spring.datasource.password", settings.password());
		}
		putIfSet(properties, PREFIX + "cache-redis-url", MastodonCacheRedis.url(variables));
		MastodonStorage storage = MastodonStorage.from(variables);
		if (storage instanceof MastodonStorage.Filesystem filesystem) {
			properties.put(PREFIX + "storage.type", "filesystem");
			properties.put(PREFIX + "storage.root", filesystem.root().toString());
		}
		else if (storage instanceof MastodonStorage.S3 s3) {
			properties.put(PREFIX + "storage.type", "s3");
			String s3Prefix = PREFIX + "storage.s3.";
			properties.put(s3Prefix + "bucket", s3.bucket());
			putIfSet(properties, s3Prefix + "endpoint", s3.endpoint());
			properties.put(s3Prefix + "region", s3.region());
			properties.put(s3Prefix + "path-style", s3.pathStyle());
			putIfSet(properties, s3Prefix + "key-prefix", s3.keyPrefix());
			putIfSet(properties, s3Prefix + "access-key-id", s3.accessKeyId());
			putIfSet(properties, s3Prefix + "secret-access-key", s3.secretAccessKey());
			properties.put(s3Prefix + "open-timeout", s3.openTimeoutSeconds() + "s");
			properties.put(s3Prefix + "read-timeout", s3.readTimeoutSeconds() + "s");
			properties.put(s3Prefix + "batch-delete-limit", s3.batchDeleteLimit());
			properties.put(s3Prefix + "batch-delete-retry", s3.batchDeleteRetry());
			properties.put(s3Prefix + "batch-delete-concurrency", s3.batchDeleteConcurrency());
			putSecondsIfSet(properties, s3Prefix + "retry-backoff", s3.retryBackoffSeconds());
			putSecondsIfSet(properties, s3Prefix + "slow-down-backoff", s3.slowDownBackoffSeconds());
			putSecondsIfSet(properties, s3Prefix + "retry-budget", s3.retryBudgetSeconds());
		}
		String allowed = variables.get("ALLOWED_PRIVATE_ADDRESSES");
		if (allowed != null) {
			properties.put(PREFIX + "allowed-private-addresses", String.join(",",
					Arrays.stream(allowed.split("[,\\s]+")).filter((address) -> !address.isEmpty()).toList()));
		}
		return properties;
	}

	private static void putSecondsIfSet(Map<String, Object> properties, String name, @Nullable Integer seconds) {
		putIfSet(properties, name, (seconds != null) ? seconds + "s" : null);
	}

	private static void putIfSet(Map<String, Object> properties, String name, @Nullable Object value) {
		if (value != null) {
			properties.put(name, value);
		}
	}

}
