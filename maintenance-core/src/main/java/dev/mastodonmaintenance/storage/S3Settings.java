package dev.mastodonmaintenance.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Mastodon's S3 configuration, checked as it is built; each setting is named after the
 * variable Mastodon itself reads it from.
 *
 * @param bucket {@code S3_BUCKET}
 * @param endpoint {@code S3_ENDPOINT}, or {@code null} for AWS itself
 * @param region {@code S3_REGION}, {@code us-east-1} by default
 * @param keyPrefix {@code S3_KEY_PREFIX}, {@code ""} when unset: Mastodon writes every
 * key as {@code <prefix>/<key>}
 * @param pathStyle whether requests address the bucket in the path: with an endpoint,
 * unless {@code S3_OVERRIDE_PATH_STYLE=true}, as Mastodon does
 * @param accessKeyId {@code AWS_ACCESS_KEY_ID}, or {@code null} for the SDK's default
 * credentials
 * @param secretAccessKey {@code AWS_SECRET_ACCESS_KEY}
 * @param batchDeleteLimit {@code S3_BATCH_DELETE_LIMIT}: keys per DeleteObjects request,
 * 1 to 1000 (1000)
 * @param batchDeleteRetry {@code S3_BATCH_DELETE_RETRY}: attempts per request, each retry
 * after 2^n seconds (3; 0 behaves as 1, as in Mastodon)
 * @param batchDeleteConcurrency {@code S3_BATCH_DELETE_CONCURRENCY}, ours (Mastodon has
 * no such setting): how many DeleteObjects requests of one batch may be in flight at once
 * (4)
 * @param openTimeout {@code S3_OPEN_TIMEOUT}: connect timeout (5 s)
 * @param readTimeout {@code S3_READ_TIMEOUT}: socket read timeout (5 s); DeleteObjects
 * gets at least 120 s, as Mastodon's batch deletes do
 * @param retries how long retries wait, ours ({@link Retries#DEFAULT} unless set)
 */
public record S3Settings(String bucket, @Nullable URI endpoint, String region, String keyPrefix, boolean pathStyle,
		@Nullable String accessKeyId, @Nullable String secretAccessKey, int batchDeleteLimit, int batchDeleteRetry,
		int batchDeleteConcurrency, Duration openTimeout, Duration readTimeout, Retries retries) {

	/** S3's own ceiling on keys per DeleteObjects request. */
	public static final int MAX_BATCH_DELETE_LIMIT = 1000;

	/**
	 * The most DeleteObjects requests in flight at once: enough to hide latency, few
	 * enough to spare the server.
	 */
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
			throw invalid("S3_OPEN_TIMEOUT", Long.toString(openTimeout.toSeconds()),
					"a whole number of seconds of at least 1");
		}
		if (readTimeout.isNegative() || readTimeout.isZero()) {
			throw invalid("S3_READ_TIMEOUT", Long.toString(readTimeout.toSeconds()),
					"a whole number of seconds of at least 1");
		}
		if ((accessKeyId == null) != (secretAccessKey == null)) {
			throw new IllegalArgumentException("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together");
		}
	}

	/**
	 * Settings with the default {@link Retries}.
	 * @param bucket {@code S3_BUCKET}
	 * @param endpoint {@code S3_ENDPOINT}, or {@code null} for AWS itself
	 * @param region {@code S3_REGION}
	 * @param keyPrefix {@code S3_KEY_PREFIX}
	 * @param pathStyle whether requests address the bucket in the path
	 * @param accessKeyId {@code AWS_ACCESS_KEY_ID}
	 * @param secretAccessKey {@code AWS_SECRET_ACCESS_KEY}
	 * @param batchDeleteLimit {@code S3_BATCH_DELETE_LIMIT}
	 * @param batchDeleteRetry {@code S3_BATCH_DELETE_RETRY}
	 * @param batchDeleteConcurrency {@code S3_BATCH_DELETE_CONCURRENCY}
	 * @param openTimeout {@code S3_OPEN_TIMEOUT}
	 * @param readTimeout {@code S3_READ_TIMEOUT}
	 */
	public S3Settings(String bucket, @Nullable URI endpoint, String region, String keyPrefix, boolean pathStyle,
			@Nullable String accessKeyId, @Nullable String secretAccessKey, int batchDeleteLimit, int batchDeleteRetry,
			int batchDeleteConcurrency, Duration openTimeout, Duration readTimeout) {
		this(bucket, endpoint, region, keyPrefix, pathStyle, accessKeyId, secretAccessKey, batchDeleteLimit,
				batchDeleteRetry, batchDeleteConcurrency, openTimeout, readTimeout, Retries.DEFAULT);
	}

	/**
	 * The same settings with other retry timings.
	 * @param retries the timings
	 * @return the settings
	 */
	public S3Settings withRetries(Retries retries) {
		return new S3Settings(this.bucket, this.endpoint, this.region, this.keyPrefix, this.pathStyle, this.accessKeyId,
				this.secretAccessKey, this.batchDeleteLimit, this.batchDeleteRetry, this.batchDeleteConcurrency,
				this.openTimeout, this.readTimeout, retries);
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

	/**
	 * Connects to the storage.
	 * @return the storage
	 */
	public MediaStorage open() {
		return new S3Storage(this);
	}

	@Override
	public String toString() {
		return "S3Settings[bucket=" + this.bucket + ", endpoint=" + this.endpoint + ", region=" + this.region
				+ ", keyPrefix=" + this.keyPrefix + ", pathStyle=" + this.pathStyle + ", accessKeyId="
				+ this.accessKeyId + ", secretAccessKey=" + ((this.secretAccessKey != null) ? "(set)" : null)
				+ ", batchDeleteLimit=" + this.batchDeleteLimit + ", batchDeleteRetry=" + this.batchDeleteRetry
				+ ", batchDeleteConcurrency=" + this.batchDeleteConcurrency + ", openTimeout=" + this.openTimeout
				+ ", readTimeout=" + this.readTimeout + ", retries=" + this.retries + "]";
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

	private static IllegalArgumentException invalid(String name, String value, String expected) {
		return new IllegalArgumentException("Invalid " + name + "=" + value + ": expected " + expected);
	}

	/**
	 * How long a request's retries wait, ours (Mastodon sleeps 2, 4, 8… seconds and has
	 * no bound). The AWS SDK's retry strategy applies them: a request failing with a 5xx
	 * answer, a connection error or a timeout is sent again after {@code backoff},
	 * doubling, up to {@code S3_BATCH_DELETE_RETRY} attempts; one the server throttles
	 * ({@code 503 SlowDown}, 429) waits {@code slowDownBackoff}, doubling, instead. Keys
	 * a DeleteObjects answer reports as failed with such an error are sent again the same
	 * way.
	 *
	 * @param backoff {@code S3_RETRY_BACKOFF}: the wait before the first retry (2 s, as
	 * Mastodon)
	 * @param slowDownBackoff {@code S3_SLOW_DOWN_BACKOFF}: the wait before the first
	 * retry after the server asked to slow down (10 s)
	 * @param budget {@code S3_RETRY_BUDGET}: the longest a request may take with all its
	 * attempts and waits (10 min); then it fails, whatever attempts are left
	 */
	public record Retries(Duration backoff, Duration slowDownBackoff, Duration budget) {

		/** Mastodon's 2 s backoff, 10 s after SlowDown, 10 minutes in all. */
		public static final Retries DEFAULT = new Retries(Duration.ofSeconds(2), Duration.ofSeconds(10),
				Duration.ofMinutes(10));

		public Retries {
			if (backoff.isNegative()) {
				throw invalid("S3_RETRY_BACKOFF", Long.toString(backoff.toSeconds()),
						"a whole number of seconds of at least 0");
			}
			if (slowDownBackoff.compareTo(backoff) < 0) {
				throw invalid("S3_SLOW_DOWN_BACKOFF", Long.toString(slowDownBackoff.toSeconds()),
						"a whole number of seconds of at least S3_RETRY_BACKOFF (" + backoff.toSeconds() + ")");
			}
			if (budget.isNegative() || budget.isZero()) {
				throw invalid("S3_RETRY_BUDGET", Long.toString(budget.toSeconds()),
						"a whole number of seconds of at least 1");
			}
		}

	}

}
