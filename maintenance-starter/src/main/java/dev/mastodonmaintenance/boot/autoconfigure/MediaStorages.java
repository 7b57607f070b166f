package dev.mastodonmaintenance.boot.autoconfigure;

import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceProperties.S3;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceProperties.Storage;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceProperties.StorageType;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.storage.S3Settings;
import org.jspecify.annotations.Nullable;

/**
 * Opens Mastodon's media storage as {@code mastodon.maintenance.storage.*} describes it.
 */
final class MediaStorages {

	private MediaStorages() {
	}

	static @Nullable MediaStorage open(Storage storage, OptionalClients clients) {
		return switch (type(storage)) {
			case NONE -> null;
			case FILESYSTEM -> {
				if (storage.getRoot() == null) {
					throw new IllegalArgumentException("mastodon.maintenance.storage.root is not set: the filesystem "
							+ "storage needs the directory of Mastodon's PAPERCLIP_ROOT_PATH");
				}
				yield new FilesystemStorage(storage.getRoot());
			}
			case S3 -> {
				S3Settings settings = s3(storage.getS3());
				if (!clients.s3()) {
					throw new IllegalStateException(
							"Mastodon's media is in S3 (mastodon.maintenance.storage.*) but the "
									+ "AWS SDK for S3 is not on the classpath: add software.amazon.awssdk:s3 and "
									+ "software.amazon.awssdk:apache5-client to the application");
				}
				yield settings.open();
			}
		};
	}

	static StorageType type(Storage storage) {
		if (storage.getType() != null) {
			return storage.getType();
		}
		if (storage.getS3().getBucket() != null && !storage.getS3().getBucket().isBlank()) {
			return StorageType.S3;
		}
		return (storage.getRoot() != null) ? StorageType.FILESYSTEM : StorageType.NONE;
	}

	private static S3Settings s3(S3 s3) {
		boolean pathStyle = (s3.getPathStyle() != null) ? s3.getPathStyle() : s3.getEndpoint() != null;
		try {
			return new S3Settings((s3.getBucket() != null) ? s3.getBucket() : "", s3.getEndpoint(), s3.getRegion(),
					s3.getKeyPrefix(), pathStyle, blankToNull(s3.getAccessKeyId()),
					blankToNull(s3.getSecretAccessKey()), s3.getBatchDeleteLimit(), s3.getBatchDeleteRetry(),
					s3.getBatchDeleteConcurrency(), s3.getOpenTimeout(), s3.getReadTimeout(),
					new S3Settings.Retries(s3.getRetryBackoff(), s3.getSlowDownBackoff(), s3.getRetryBudget()));
		}
		catch (IllegalArgumentException ex) {
			// the settings name Mastodon's variables; say which properties they come from
			throw new IllegalArgumentException(
					"Invalid S3 storage (mastodon.maintenance.storage.s3.*): " + ex.getMessage(), ex);
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
