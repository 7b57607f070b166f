package dev.mastodonmaintenance.operator.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The media storage is chosen as Mastodon's Paperclip initializer chooses it; storages
 * this tool cannot clean are refused by name.
 */
class MastodonStorageTests {

	private static MastodonStorage storage(Map<String, String> variables) {
		return MastodonStorage.from(MastodonVariables.of(variables::get));
	}

	@Test
	void filesystemRootFromPaperclipRootPath() {
		assertThat(storage(Map.of("PAPERCLIP_ROOT_PATH", "/srv/mastodon/system")))
			.isEqualTo(new MastodonStorage.Filesystem(Path.of("/srv/mastodon/system")));
	}

	@Test
	void filesystemRootDefaultsToPublicSystemBesideTheEnvFile(@TempDir Path live) throws Exception {
		Path file = live.resolve(".env.production");
		Files.writeString(file, "DB_HOST=db\n");

		MastodonStorage storage = MastodonStorage.from(MastodonVariables.of((name) -> null, file));

		assertThat(storage).isEqualTo(new MastodonStorage.Filesystem(live.toAbsolutePath().resolve("public/system")));
	}

	@Test
	void noStorageWithoutRootOrFile() {
		assertThat(storage(Map.of("DB_HOST", "db"))).isNull();
	}

	@Test
	void s3WithMastodonDefaults() {
		MastodonStorage storage = storage(Map.of("S3_ENABLED", "true", "S3_BUCKET", "files-example-social"));

		assertThat(storage).isEqualTo(new MastodonStorage.S3("files-example-social", null, "us-east-1", false, null,
				null, null, 5, 5, 1000, 3, 4, null, null, null));
	}

	@Test
	void s3CompatibleServiceIsPathStyleUnlessOverridden() {
		Map<String, String> variables = Map.of("S3_ENABLED", "true", "S3_BUCKET", "media", "S3_ENDPOINT",
				"https://fsn1.your-objectstorage.com", "S3_REGION", "fsn1", "AWS_ACCESS_KEY_ID", "AK",
				"AWS_SECRET_ACCESS_KEY", "SK", "S3_KEY_PREFIX", "mastodon", "S3_READ_TIMEOUT", "30",
				"S3_BATCH_DELETE_LIMIT", "500");

		MastodonStorage.S3 s3 = (MastodonStorage.S3) storage(variables);

		assertThat(s3).isEqualTo(new MastodonStorage.S3("media", "https://fsn1.your-objectstorage.com", "fsn1", true,
				"mastodon", "AK", "SK", 5, 30, 500, 3, 4, null, null, null));
		assertThat(storage(Map.of("S3_ENABLED", "true", "S3_BUCKET", "media", "S3_ENDPOINT", "https://s3.example",
				"S3_OVERRIDE_PATH_STYLE", "true")))
			.extracting((s) -> ((MastodonStorage.S3) s).pathStyle())
			.isEqualTo(false);
	}

	@Test
	void s3RetryWaitsAreTakenFromMastodonsEnvironmentStyle() {
		MastodonStorage.S3 s3 = (MastodonStorage.S3) storage(Map.of("S3_ENABLED", "true", "S3_BUCKET", "media",
				"S3_RETRY_BACKOFF", "1", "S3_SLOW_DOWN_BACKOFF", "30", "S3_RETRY_BUDGET", "120"));

		assertThat(s3.retryBackoffSeconds()).isEqualTo(1);
		assertThat(s3.slowDownBackoffSeconds()).isEqualTo(30);
		assertThat(s3.retryBudgetSeconds()).isEqualTo(120);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> storage(Map.of("S3_ENABLED", "true", "S3_BUCKET", "media", "S3_RETRY_BUDGET", "0")))
			.withMessage("S3_RETRY_BUDGET=0 is not a whole number of at least 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> storage(Map.of("S3_ENABLED", "true", "S3_BUCKET", "media", "S3_RETRY_BACKOFF", "2s")))
			.withMessage("S3_RETRY_BACKOFF=2s is not a whole number of at least 0");
	}

	@Test
	void s3WithoutBucketIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> storage(Map.of("S3_ENABLED", "true")))
			.withMessage("S3_ENABLED=true but S3_BUCKET is not set");
	}

	@Test
	void malformedS3SettingsAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> storage(Map.of("S3_ENABLED", "true", "S3_BUCKET", "b", "S3_ENDPOINT", "s3.example.com")))
			.withMessageStartingWith("Malformed S3_ENDPOINT 's3.example.com'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> storage(Map.of("S3_ENABLED", "true", "S3_BUCKET", "b", "S3_BATCH_DELETE_LIMIT", "5000")))
			.withMessageContaining("above S3's limit of 1000");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> storage(Map.of("S3_ENABLED", "true", "S3_BUCKET", "b", "AWS_ACCESS_KEY_ID", "AK")))
			.withMessage("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together");
	}

	@Test
	void swiftAndAzureAreNotSupported() {
		assertThatIllegalArgumentException().isThrownBy(() -> storage(Map.of("SWIFT_ENABLED", "true")))
			.withMessageStartingWith("Mastodon's media is kept in OpenStack Swift (SWIFT_ENABLED=true), which Mastodon "
					+ "Maintenance does not support");
		assertThatIllegalArgumentException().isThrownBy(() -> storage(Map.of("AZURE_ENABLED", "true")))
			.withMessageContaining("Azure Blob Storage (AZURE_ENABLED=true)");
	}

}
