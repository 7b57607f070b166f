package dev.mastodonmaintenance.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Mastodon's S3 configuration, read from the variables Mastodon itself reads.
 *
 * @param bucket {@code S3_BUCKET}
 * @param endpoint {@code S3_ENDPOINT}, or {@code null} for AWS itself
 * @param region {@code S3_REGION}, {@code us-east-1} by default
 * @param keyPrefix {@code S3_KEY_PREFIX}, {@code ""} when unset: Mastodon writes every key as
 * {@code <prefix>/<key>}
 * @param pathStyle whether requests address the bucket in the path: with an endpoint, unless
 * {@code S3_OVERRIDE_PATH_STYLE=true}, as Mastodon does
 * @param accessKeyId {@code AWS_ACCESS_KEY_ID}, or {@code null} for the SDK's default credentials
 * @param secretAccessKey {@code AWS_SECRET_ACCESS_KEY}
 * @param batchDeleteLimit {@code S3_BATCH_DELETE_LIMIT}: keys per DeleteObjects request, 1 to 1000 (1000)
 * @param batchDeleteRetry {@code S3_BATCH_DELETE_RETRY}: attempts per request, each retry after 2^n seconds
 * (3; 0 behaves as 1, as in Mastodon)
 * @param batchDeleteConcurrency {@code S3_BATCH_DELETE_CONCURRENCY}, ours (Mastodon has no such setting): how
 * many DeleteObjects requests of one batch may be in flight at once (4)
 * @param openTimeout {@code S3_OPEN_TIMEOUT}: connect timeout (5 s)
 * @param readTimeout {@code S3_READ_TIMEOUT}: socket read timeout (5 s); DeleteObjects gets at least 120 s,
 * as Mastodon's batch deletes do
 */
public record S3Settings(String bucket, @Nullable URI endpoint, String region, String keyPrefix, boolean pathStyle,
		@Nullable String accessKeyId, @Nullable String secretAccessKey, int batchDeleteLimit, int batchDeleteRetry,
		int batchDeleteConcurrency, Duration openTimeout, Duration readTimeout) implements StorageSettings {

	/** S3's own ceiling on keys per DeleteObjects request. */
	public static final int MAX_BATCH_DELETE_LIMIT = 1000;

	/** The most DeleteObjects requests in flight at once: enough to hide latency, few enough to spare the server. */
	public static final int MAX_BATCH_DELETE_CONCURRENCY = 16;

	public S3Settings {
		if (bucket.isBlank()) {
			throw new IllegalArgumentException("S3_BUCKET is not set: S3 storage needs the bucket Mastodon uses");
		}
		if (endpoint != null) {
			checkEndpoint(endpoint.toString(), endpoint);
		}
		if (region.isBlank()) {
			throw new IllegalArgumentException("S3_REGION is blank: expected a region such as us-east-1");
		}
		if (batchDeleteLimit < 1 || batchDeleteLimit > MAX_BATCH_DELETE_LIMIT) {
			throw invalid("S3_BATCH_DELETE_LIMIT", Integer.toString(batchDeleteLimit),
					"a whole number from 1 to " + MAX_BATCH_DELETE_LIMIT);
		}
		if (batchDeleteRetry < 0) {
			throw invalid("S3_BATCH_DELETE_RETRY", Integer.toString(batchDeleteRetry), "a whole number of at least 0");
		}
		if (batchDeleteConcurrency < 1 || batchDeleteConcurrency > MAX_BATCH_DELETE_CONCURRENCY) {
			throw invalid("S3_BATCH_DELETE_CONCURRENCY", Integer.toString(batchDeleteConcurrency),
					"a whole number from 1 to " + MAX_BATCH_DELETE_CONCURRENCY);
		}
		if (openTimeout.isNegative() || openTimeout.isZero()) {
			throw invalid("S3_OPEN_TIMEOUT", Long.toString(openTimeout.toSeconds()), "a whole number of seconds of at least 1");
		}
		if (readTimeout.isNegative() || readTimeout.isZero()) {
			throw invalid("S3_READ_TIMEOUT", Long.toString(readTimeout.toSeconds()), "a whole number of seconds of at least 1");
		}
		if ((accessKeyId == null) != (secretAccessKey == null)) {
			throw new IllegalArgumentException("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together");
		}
	}

	/**
	 * Reads the settings from Mastodon's environment variables.
	 * @param env the variables, such as {@code System.getenv()}
	 * @return the settings
	 * @throws IllegalArgumentException naming the variable that is missing or malformed
	 */
	public static S3Settings fromEnvironment(Map<String, String> env) {
		String endpoint = blankToNull(env.get("S3_ENDPOINT"));
		URI endpointUri = (endpoint != null) ? checkEndpoint(endpoint, null) : null;
		return new S3Settings(env.getOrDefault("S3_BUCKET", ""), endpointUri,
				orDefault(env.get("S3_REGION"), "us-east-1"), env.getOrDefault("S3_KEY_PREFIX", ""),
				endpointUri != null && !"true".equals(env.get("S3_OVERRIDE_PATH_STYLE")),
				blankToNull(env.get("AWS_ACCESS_KEY_ID")), blankToNull(env.get("AWS_SECRET_ACCESS_KEY")),
				integer(env, "S3_BATCH_DELETE_LIMIT", MAX_BATCH_DELETE_LIMIT),
				integer(env, "S3_BATCH_DELETE_RETRY", 3), integer(env, "S3_BATCH_DELETE_CONCURRENCY", 4),
				Duration.ofSeconds(integer(env, "S3_OPEN_TIMEOUT", 5)),
				Duration.ofSeconds(integer(env, "S3_READ_TIMEOUT", 5)));
	}

	/**
	 * The full object key of a key relative to Mastodon's storage root.
	 * @param key a key such as {@code cache/media_attachments/…}
	 * @return the key with {@code S3_KEY_PREFIX/} in front when a prefix is set
	 */
	public String objectKey(String key) {
		return this.keyPrefix.isEmpty() ? key : this.keyPrefix + "/" + key;
	}

	/**
	 * How many times a request is sent before its failure counts.
	 * @return at least 1
	 */
	public int attempts() {
		return Math.max(1, this.batchDeleteRetry);
	}

	@Override
	public MediaStorage open() {
		return new S3Storage(this);
	}

	@Override
	public String toString() {
		return "S3Settings[bucket=" + this.bucket + ", endpoint=" + this.endpoint + ", region=" + this.region
				+ ", keyPrefix=" + this.keyPrefix + ", pathStyle=" + this.pathStyle + ", accessKeyId="
				+ this.accessKeyId + ", secretAccessKey=" + ((this.secretAccessKey != null) ? "(set)" : null)
				+ ", batchDeleteLimit=" + this.batchDeleteLimit + ", batchDeleteRetry=" + this.batchDeleteRetry
				+ ", batchDeleteConcurrency=" + this.batchDeleteConcurrency
				+ ", openTimeout=" + this.openTimeout + ", readTimeout=" + this.readTimeout + "]";
	}

	private static URI checkEndpoint(String value, @Nullable URI parsed) {
		URI uri = parsed;
		if (uri == null) {
			try {
				uri = new URI(value);
			}
			catch (URISyntaxException ex) {
				uri = null;
			}
		}
		if (uri == null || uri.getHost() == null
				|| !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
			throw invalid("S3_ENDPOINT", value, "an http(s) URL such as https://s3.eu-central-1.amazonaws.com");
		}
		return uri;
	}

	private static int integer(Map<String, String> env, String name, int fallback) {
		String value = blankToNull(env.get(name));
		if (value == null) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw invalid(name, value, "a whole number");
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static String orDefault(@Nullable String value, String fallback) {
		String given = blankToNull(value);
		return (given != null) ? given : fallback;
	}

	private static IllegalArgumentException invalid(String name, String value, String expected) {
		return new IllegalArgumentException("Invalid " + name + "=" + value + ": expected " + expected);
	}

}
