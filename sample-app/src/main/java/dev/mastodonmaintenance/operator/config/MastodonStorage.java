package dev.mastodonmaintenance.operator.config;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Where Mastodon keeps its media, decided as its {@code config/initializers/paperclip.rb}
 * decides: S3 when {@code S3_ENABLED=true}, Swift or Azure when those are enabled (which
 * this tool refuses: it cannot list or delete there), otherwise the filesystem under
 * {@code PAPERCLIP_ROOT_PATH}, by default {@code public/system} of Mastodon's directory.
 */
sealed interface MastodonStorage {

	/**
	 * Reads Mastodon's storage settings.
	 * @param variables Mastodon's variables
	 * @return the storage, or {@code null} when neither S3 nor a filesystem root can be
	 * told: the media levels are then skipped, saying so
	 * @throws IllegalArgumentException for Swift or Azure, or an incomplete S3
	 * configuration
	 */
	static @Nullable MastodonStorage from(MastodonVariables variables) {
		if (variables.isTrue("SWIFT_ENABLED")) {
			throw unsupported("OpenStack Swift (SWIFT_ENABLED=true)");
		}
		if (variables.isTrue("AZURE_ENABLED")) {
			throw unsupported("Azure Blob Storage (AZURE_ENABLED=true)");
		}
		if (variables.isTrue("S3_ENABLED")) {
			return S3.from(variables);
		}
		String root = variables.get("PAPERCLIP_ROOT_PATH");
		if (root != null) {
			return new Filesystem(Path.of(root));
		}
		Path railsRoot = variables.railsRoot();
		return (railsRoot != null) ? new Filesystem(railsRoot.resolve("public/system")) : null;
	}

	private static IllegalArgumentException unsupported(String storage) {
		return new IllegalArgumentException("Mastodon's media is kept in " + storage + ", which Mastodon Maintenance "
				+ "does not support (only the filesystem and S3-compatible storage); tootctl media remove-orphans "
				+ "does not support it either");
	}

	/**
	 * The filesystem storage.
	 *
	 * @param root {@code PAPERCLIP_ROOT_PATH}
	 */
	record Filesystem(Path root) implements MastodonStorage {
	}

	/**
	 * S3 or an S3-compatible service, with Mastodon's variables and defaults.
	 *
	 * @param bucket {@code S3_BUCKET}
	 * @param endpoint {@code S3_ENDPOINT}, or {@code null} for AWS itself
	 * @param region {@code S3_REGION} ({@code us-east-1})
	 * @param pathStyle path-style requests: with an endpoint, unless
	 * {@code S3_OVERRIDE_PATH_STYLE=true}
	 * @param keyPrefix {@code S3_KEY_PREFIX}, or {@code null}
	 * @param accessKeyId {@code AWS_ACCESS_KEY_ID}, or {@code null} for the SDK's default
	 * credentials
	 * @param secretAccessKey {@code AWS_SECRET_ACCESS_KEY}, or {@code null}
	 * @param openTimeoutSeconds {@code S3_OPEN_TIMEOUT} (5)
	 * @param readTimeoutSeconds {@code S3_READ_TIMEOUT} (5)
	 * @param batchDeleteLimit {@code S3_BATCH_DELETE_LIMIT} (1000)
	 * @param batchDeleteRetry {@code S3_BATCH_DELETE_RETRY} (3)
	 * @param batchDeleteConcurrency {@code S3_BATCH_DELETE_CONCURRENCY} (4; ours)
	 * @param retryBackoffSeconds {@code S3_RETRY_BACKOFF} (ours), or {@code null} for the
	 * starter's default
	 * @param slowDownBackoffSeconds {@code S3_SLOW_DOWN_BACKOFF} (ours), or {@code null}
	 * @param retryBudgetSeconds {@code S3_RETRY_BUDGET} (ours), or {@code null}
	 */
	record S3(String bucket, @Nullable String endpoint, String region, boolean pathStyle, @Nullable String keyPrefix,
			@Nullable String accessKeyId, @Nullable String secretAccessKey, int openTimeoutSeconds,
			int readTimeoutSeconds, int batchDeleteLimit, int batchDeleteRetry, int batchDeleteConcurrency,
			@Nullable Integer retryBackoffSeconds, @Nullable Integer slowDownBackoffSeconds,
			@Nullable Integer retryBudgetSeconds) implements MastodonStorage {

		static S3 from(MastodonVariables variables) {
			String bucket = variables.get("S3_BUCKET");
			if (bucket == null) {
				throw new IllegalArgumentException("S3_ENABLED=true but S3_BUCKET is not set");
			}
			String endpoint = variables.get("S3_ENDPOINT");
			if (endpoint != null && !endpoint.matches("https?://[^\\s/]+.*")) {
				throw new IllegalArgumentException("Malformed S3_ENDPOINT '" + SecretRedaction.url(endpoint)
						+ "': expected a URL such as https://s3.eu-central-1.amazonaws.com");
			}
			String accessKeyId = variables.get("AWS_ACCESS_KEY_ID");
			String secretAccessKey = variables.get("AWS_SECRET_ACCESS_KEY");
			if ((accessKeyId == null) != (secretAccessKey == null)) {
				throw new IllegalArgumentException("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together");
			}
			return new S3(bucket, endpoint, variables.get("S3_REGION", "us-east-1"),
					endpoint != null && !variables.isTrue("S3_OVERRIDE_PATH_STYLE"), variables.get("S3_KEY_PREFIX"),
					accessKeyId, secretAccessKey, number(variables, "S3_OPEN_TIMEOUT", 5, 1),
					number(variables, "S3_READ_TIMEOUT", 5, 1), batchDeleteLimit(variables),
					number(variables, "S3_BATCH_DELETE_RETRY", 3, 0),
					number(variables, "S3_BATCH_DELETE_CONCURRENCY", 4, 1), seconds(variables, "S3_RETRY_BACKOFF", 0),
					seconds(variables, "S3_SLOW_DOWN_BACKOFF", 0), seconds(variables, "S3_RETRY_BUDGET", 1));
		}

		private static @Nullable Integer seconds(MastodonVariables variables, String name, int min) {
			return (variables.get(name) != null) ? number(variables, name, min, min) : null;
		}

		private static int batchDeleteLimit(MastodonVariables variables) {
			int limit = number(variables, "S3_BATCH_DELETE_LIMIT", 1000, 1);
			if (limit > 1000) {
				throw new IllegalArgumentException("S3_BATCH_DELETE_LIMIT=" + limit
						+ " is above S3's limit of 1000 keys " + "per DeleteObjects request");
			}
			return limit;
		}

		private static int number(MastodonVariables variables, String name, int fallback, int min) {
			String value = variables.get(name);
			if (value == null) {
				return fallback;
			}
			try {
				int number = Integer.parseInt(value);
				if (number >= min) {
					return number;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new IllegalArgumentException(name + "=" + value + " is not a whole number of at least " + min);
		}

	}

}
