package dev.mastodonmaintenance.boot.autoconfigure;

import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceProperties.Storage;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceProperties.StorageType;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.storage.MediaStorage;
import org.jspecify.annotations.Nullable;

/**
 * Opens Mastodon's media storage as {@code mastodon.maintenance.storage.*} describes it.
 */
final class MediaStorages {

	private MediaStorages() {
	}

	static @Nullable MediaStorage open(Storage storage) {
		return switch (type(storage)) {
			case NONE -> null;
			case FILESYSTEM -> {
				if (storage.getRoot() == null) {
					throw new IllegalArgumentException("mastodon.maintenance.storage.root is not set: the filesystem "
							+ "storage needs the directory of Mastodon's PAPERCLIP_ROOT_PATH");
				}
				yield new FilesystemStorage(storage.getRoot());
			}
			case S3 -> throw new IllegalArgumentException("S3 storage (mastodon.maintenance.storage.s3.*) is not "
					+ "available in this build of the starter: it has no S3 client. Use the filesystem storage "
					+ "(mastodon.maintenance.storage.root) or none (mastodon.maintenance.storage.type=none)");
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

}
