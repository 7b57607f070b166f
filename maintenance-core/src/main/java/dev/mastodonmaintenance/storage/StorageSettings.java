package dev.mastodonmaintenance.storage;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which media storage Mastodon is configured with, read from its own environment variables as
 * {@code config/initializers/paperclip.rb} reads them: S3 when {@code S3_ENABLED=true}, the filesystem under
 * {@code PAPERCLIP_ROOT_PATH} otherwise. Swift and Azure are refused, as {@code tootctl media remove-orphans}
 * refuses them.
 */
public sealed interface StorageSettings permits S3Settings, StorageSettings.Filesystem {

	/**
	 * Reads the storage configuration.
	 * @param env Mastodon's environment variables
	 * @return the settings; empty when neither S3 nor {@code PAPERCLIP_ROOT_PATH} is configured (Mastodon
	 * would then use {@code public/system} under its own install directory, which is not known here)
	 * @throws IllegalArgumentException for Swift, Azure, or a malformed S3 setting, naming the variable
	 */
	static Optional<StorageSettings> fromEnvironment(Map<String, String> env) {
		if ("true".equals(env.get("S3_ENABLED"))) {
			return Optional.of(S3Settings.fromEnvironment(env));
		}
		if ("true".equals(env.get("SWIFT_ENABLED"))) {
			throw unsupported("fog", "SWIFT_ENABLED=true");
		}
		if ("true".equals(env.get("AZURE_ENABLED"))) {
			throw unsupported("azure", "AZURE_ENABLED=true");
		}
		String root = env.get("PAPERCLIP_ROOT_PATH");
		return (root == null || root.isBlank()) ? Optional.empty() : Optional.of(new Filesystem(Path.of(root)));
	}

	private static IllegalArgumentException unsupported(String driver, String variable) {
		return new IllegalArgumentException("The " + driver + " storage driver is not supported for this operation at "
				+ "this time (" + variable + "): only the filesystem (PAPERCLIP_ROOT_PATH) and S3-compatible storage "
				+ "(S3_ENABLED=true) are");
	}

	/**
	 * Connects to the storage.
	 * @return the storage
	 * @throws IllegalArgumentException when the storage cannot be opened (a missing directory)
	 */
	MediaStorage open();

	/**
	 * The filesystem storage.
	 *
	 * @param root {@code PAPERCLIP_ROOT_PATH}
	 */
	record Filesystem(Path root) implements StorageSettings {

		@Override
		public MediaStorage open() {
			return new FilesystemStorage(this.root);
		}

	}

}
