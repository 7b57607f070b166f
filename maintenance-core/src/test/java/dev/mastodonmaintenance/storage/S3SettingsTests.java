package dev.mastodonmaintenance.storage;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Mastodon's S3 variables read with Mastodon's defaults, and malformed values refused naming the variable.
 */
class S3SettingsTests {

	@Test
	void defaultsAreMastodons() {
		S3Settings settings = S3Settings.fromEnvironment(Map.of("S3_BUCKET", "media"));

		assertThat(settings.bucket()).isEqualTo("media");
		assertThat(settings.endpoint()).isNull();
		assertThat(settings.region()).isEqualTo("us-east-1");
		assertThat(settings.keyPrefix()).isEmpty();
		assertThat(settings.pathStyle()).isFalse();
		assertThat(settings.accessKeyId()).isNull();
		assertThat(settings.batchDeleteLimit()).isEqualTo(1000);
		assertThat(settings.batchDeleteRetry()).isEqualTo(3);
		assertThat(settings.batchDeleteConcurrency()).isEqualTo(4);
		assertThat(settings.openTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void everyVariableIsRead() {
		Map<String, String> env = new HashMap<>(Map.of("S3_BUCKET", "media", "S3_ENDPOINT", "https://s3.example.com",
				"S3_REGION", "eu-central-1", "S3_KEY_PREFIX", "mastodon", "AWS_ACCESS_KEY_ID", "AKIA",
				"AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI", "S3_BATCH_DELETE_LIMIT", "500", "S3_BATCH_DELETE_RETRY", "5",
				"S3_OPEN_TIMEOUT", "7", "S3_READ_TIMEOUT", "30"));

		S3Settings settings = S3Settings.fromEnvironment(env);

		assertThat(settings.endpoint()).isEqualTo(URI.create("https://s3.example.com"));
		assertThat(settings.region()).isEqualTo("eu-central-1");
		assertThat(settings.objectKey("cache/x")).isEqualTo("mastodon/cache/x");
		assertThat(settings.pathStyle()).isTrue();
		assertThat(settings.accessKeyId()).isEqualTo("AKIA");
		assertThat(settings.batchDeleteLimit()).isEqualTo(500);
		assertThat(settings.attempts()).isEqualTo(5);
		assertThat(settings.openTimeout()).isEqualTo(Duration.ofSeconds(7));
		assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.toString()).doesNotContain("wJalrXUtnFEMI");
	}

	@Test
	void overridingPathStyleAddressesTheBucketByHostName() {
		S3Settings settings = S3Settings.fromEnvironment(
				Map.of("S3_BUCKET", "media", "S3_ENDPOINT", "https://s3.example.com", "S3_OVERRIDE_PATH_STYLE", "true"));

		assertThat(settings.pathStyle()).isFalse();
	}

	@Test
	void retryTimingsHaveDefaultsAndOurVariables() {
		assertThat(S3Settings.fromEnvironment(Map.of("S3_BUCKET", "media")).retries())
			.isEqualTo(new S3Settings.Retries(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMinutes(10)));
		assertThat(S3Settings.fromEnvironment(Map.of("S3_BUCKET", "media", "S3_RETRY_BACKOFF", "1",
				"S3_SLOW_DOWN_BACKOFF", "30", "S3_RETRY_BUDGET", "120")).retries())
			.isEqualTo(new S3Settings.Retries(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(120)));
	}

	@Test
	void zeroRetriesStillSendsOnce() {
		assertThat(S3Settings.fromEnvironment(Map.of("S3_BUCKET", "media", "S3_BATCH_DELETE_RETRY", "0")).attempts())
			.isEqualTo(1);
	}

	@Test
	void malformedValuesAreRefusedNamingTheVariable() {
		assertInvalid(Map.of(), "S3_BUCKET is not set");
		assertInvalid(Map.of("S3_BUCKET", "media", "S3_ENDPOINT", "s3.example.com"),
				"Invalid S3_ENDPOINT=s3.example.com: expected an http(s) URL");
		assertInvalid(Map.of("S3_BUCKET", "media", "S3_ENDPOINT", "ftp://s3.example.com"), "Invalid S3_ENDPOINT");
		assertInvalid(Map.of("S3_BUCKET", "media", "S3_ENDPOINT", "http://bad host"), "Invalid S3_ENDPOINT");
		assertInvalid(Map.of("S3_BUCKET", "media", "S3_BATCH_DELETE_LIMIT", "0"),
				"Invalid S3_BATCH_DELETE_LIMIT=0: expected a whole number from 1 to 1000");
		assertInvalid(Map.of("S3_BUCKET", "media", "S3_BATCH_DELETE_LIMIT", "1001"), "Invalid S3_BATCH_DELETE_LIMIT=1001");
		assertInvalid(Map.of("S3_BUCKET", "media", "S3_BATCH_DELETE_LIMIT", "many"),
				"Invalid S3_BATCH_DELETE_LIMIT=many: expected a whole number");
		assertInvalid(Map.of("S3_BUCKET", "media", "S3_BATCH_DELETE_RETRY", "-1"), "Invalid S3_BATCH_DELETE_RETRY=-1");
		assertInvalid(Map.of("S3_BUCKET", "media", "S3_READ_TIMEOUT", "0"), "Invalid S3_READ_TIMEOUT=0");
		assertInvalid(Map.of("S3_BUCKET", "media", "S3_BATCH_DELETE_CONCURRENCY", "0"),
				"Invalid S3_BATCH_DELETE_CONCURRENCY=0: expected a whole number from 1 to 16");
		assertInvalid(Map.of("S3_BUCKET", "media", "S3_RETRY_BUDGET", "0"),
				"Invalid S3_RETRY_BUDGET=0: expected a whole number of seconds of at least 1");
		assertInvalid(Map.of("S3_BUCKET", "media", "S3_RETRY_BACKOFF", "soon"),
				"Invalid S3_RETRY_BACKOFF=soon: expected a whole number of seconds");
		assertInvalid(Map.of("S3_BUCKET", "media", "S3_RETRY_BACKOFF", "5", "S3_SLOW_DOWN_BACKOFF", "1"),
				"Invalid S3_SLOW_DOWN_BACKOFF=1: expected a whole number of seconds of at least S3_RETRY_BACKOFF (5)");
		assertInvalid(Map.of("S3_BUCKET", "media", "AWS_ACCESS_KEY_ID", "AKIA"),
				"AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together");
	}

	private static void assertInvalid(Map<String, String> env, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> S3Settings.fromEnvironment(env))
			.withMessageContaining(message);
	}

}
