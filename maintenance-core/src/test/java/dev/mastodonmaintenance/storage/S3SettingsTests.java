package dev.mastodonmaintenance.storage;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * S3 settings out of range are refused naming the Mastodon variable they stand for; the
 * secret stays out of their text.
 */
class S3SettingsTests {

	private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

	@Test
	void keysGoUnderThePrefix() {
		assertThat(settings("media", null, "", 1000, 3, 4).objectKey("cache/x")).isEqualTo("cache/x");
		assertThat(settings("media", null, "mastodon", 1000, 3, 4).objectKey("cache/x")).isEqualTo("mastodon/cache/x");
	}

	@Test
	void zeroRetriesStillSendsOnce() {
		assertThat(settings("media", null, "", 1000, 0, 4).attempts()).isEqualTo(1);
		assertThat(settings("media", null, "", 1000, 5, 4).attempts()).isEqualTo(5);
	}

	@Test
	void theSecretIsNotShown() {
		S3Settings settings = new S3Settings("media", URI.create("https://s3.example.com"), "eu-central-1", "", true,
				"AKIA", "wJalrXUtnFEMI", 1000, 3, 4, FIVE_SECONDS, FIVE_SECONDS);

		assertThat(settings.toString()).contains("AKIA").doesNotContain("wJalrXUtnFEMI");
		assertThat(settings.retries()).isEqualTo(S3Settings.Retries.DEFAULT);
	}

	@Test
	void valuesOutOfRangeAreRefusedNamingTheVariable() {
		assertInvalid(() -> settings("", null, "", 1000, 3, 4), "S3_BUCKET is not set");
		assertInvalid(() -> settings("media", "s3.example.com", "", 1000, 3, 4),
				"Invalid S3_ENDPOINT=s3.example.com: expected an http(s) URL");
		assertInvalid(() -> settings("media", "ftp://s3.example.com", "", 1000, 3, 4), "Invalid S3_ENDPOINT");
		assertInvalid(() -> settings("media", null, "", 0, 3, 4),
				"Invalid S3_BATCH_DELETE_LIMIT=0: expected a whole number from 1 to 1000");
		assertInvalid(() -> settings("media", null, "", 1001, 3, 4), "Invalid S3_BATCH_DELETE_LIMIT=1001");
		assertInvalid(() -> settings("media", null, "", 1000, -1, 4), "Invalid S3_BATCH_DELETE_RETRY=-1");
		assertInvalid(() -> settings("media", null, "", 1000, 3, 0),
				"Invalid S3_BATCH_DELETE_CONCURRENCY=0: expected a whole number from 1 to 16");
		assertInvalid(() -> new S3Settings("media", null, "us-east-1", "", false, null, null, 1000, 3, 4, FIVE_SECONDS,
				Duration.ZERO), "Invalid S3_READ_TIMEOUT=0");
		assertInvalid(() -> new S3Settings("media", null, "us-east-1", "", false, "AKIA", null, 1000, 3, 4,
				FIVE_SECONDS, FIVE_SECONDS), "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together");
	}

	@Test
	void retryTimingsOutOfRangeAreRefused() {
		assertInvalid(() -> new S3Settings.Retries(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ZERO),
				"Invalid S3_RETRY_BUDGET=0: expected a whole number of seconds of at least 1");
		assertInvalid(() -> new S3Settings.Retries(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(1)),
				"Invalid S3_SLOW_DOWN_BACKOFF=1: expected a whole number of seconds of at least S3_RETRY_BACKOFF (5)");
	}

	private static S3Settings settings(String bucket, String endpoint, String keyPrefix, int batchDeleteLimit,
			int batchDeleteRetry, int batchDeleteConcurrency) {
		return new S3Settings(bucket, (endpoint != null) ? URI.create(endpoint) : null, "us-east-1", keyPrefix,
				endpoint != null, null, null, batchDeleteLimit, batchDeleteRetry, batchDeleteConcurrency, FIVE_SECONDS,
				FIVE_SECONDS);
	}

	private static void assertInvalid(ThrowingSupplier<?> settings, String message) {
		assertThatIllegalArgumentException().isThrownBy(settings::get).withMessageContaining(message);
	}

}
