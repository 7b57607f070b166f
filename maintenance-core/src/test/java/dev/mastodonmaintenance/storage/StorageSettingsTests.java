package dev.mastodonmaintenance.storage;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The storage back-end is chosen as Mastodon chooses it; Swift and Azure are refused as tootctl refuses them
 * (semantics §14, O2 and O3).
 */
class StorageSettingsTests {

	@TempDir
	Path root;

	@Test
	void s3WhenEnabled() {
		assertThat(StorageSettings.fromEnvironment(Map.of("S3_ENABLED", "true", "S3_BUCKET", "media",
				"PAPERCLIP_ROOT_PATH", this.root.toString())))
			.containsInstanceOf(S3Settings.class);
	}

	@Test
	void filesystemUnderPaperclipRootPath() {
		StorageSettings settings = StorageSettings.fromEnvironment(Map.of("PAPERCLIP_ROOT_PATH", this.root.toString()))
			.orElseThrow();

		assertThat(settings).isEqualTo(new StorageSettings.Filesystem(this.root));
		assertThat(settings.open().describe()).isEqualTo("filesystem " + this.root.toAbsolutePath());
	}

	@Test
	void nothingWhenNoStorageIsConfigured() {
		assertThat(StorageSettings.fromEnvironment(Map.of("S3_ENABLED", "false"))).isEmpty();
	}

	@Test
	void azureIsNotSupported() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StorageSettings.fromEnvironment(Map.of("AZURE_ENABLED", "true")))
			.withMessageContaining("azure storage driver is not supported");
	}

	@Test
	void swiftIsNotSupported() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StorageSettings.fromEnvironment(Map.of("SWIFT_ENABLED", "true")))
			.withMessageContaining("fog storage driver is not supported");
	}

}
