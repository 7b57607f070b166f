package dev.mastodonmaintenance.statuses;

import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.storage.AttachmentKey;
import org.jspecify.annotations.Nullable;

/**
 * The files of a deleted media attachment, as its row described them.
 * <p>
 * Provisional: the styles below are the minimum Paperclip writes for each type (original and, for images
 * and videos, {@code small}; a thumbnail's original). The media helper is writing the full attachment key
 * layout in package {@code storage}; on merge, {@link #storageKeys()} is to delegate to it.
 *
 * @param id the attachment id
 * @param type {@code type} (0 image, 1 gifv, 2 video, 3 unknown, 4 audio)
 * @param remoteUrl {@code remote_url}, empty for a local upload
 * @param fileName {@code file_file_name}, null when no file is stored
 * @param fileSchemaVersion {@code file_storage_schema_version}
 * @param fileSize {@code file_file_size}
 * @param thumbnailName {@code thumbnail_file_name}, null when no thumbnail is stored
 * @param thumbnailSchemaVersion {@code thumbnail_storage_schema_version}
 * @param thumbnailSize {@code thumbnail_file_size}
 */
public record AttachmentFiles(long id, int type, String remoteUrl, @Nullable String fileName,
		@Nullable Integer fileSchemaVersion, @Nullable Long fileSize, @Nullable String thumbnailName,
		@Nullable Integer thumbnailSchemaVersion, @Nullable Long thumbnailSize) {

	private static final int GIFV = 1;

	private static final int VIDEO = 2;

	private static final int IMAGE = 0;

	/**
	 * Every file the row names, with the size the row records for the original file and the thumbnail (the
	 * {@code small} style has no size column).
	 * @return the files
	 */
	public List<StoredFile> files() {
		boolean local = this.remoteUrl.isEmpty();
		List<StoredFile> files = new ArrayList<>();
		if (this.fileName != null && !this.fileName.isEmpty()) {
			boolean cached = AttachmentKey.isCached(this.fileSchemaVersion, local);
			files.add(new StoredFile(
					AttachmentKey.of(cached, "media_attachments", "files", this.id, "original", this.fileName),
					this.fileSize));
			if (this.type == IMAGE) {
				files.add(new StoredFile(
						AttachmentKey.of(cached, "media_attachments", "files", this.id, "small", this.fileName), null));
			}
			else if (this.type == GIFV || this.type == VIDEO) {
				files.add(new StoredFile(AttachmentKey.of(cached, "media_attachments", "files", this.id, "small",
						AttachmentKey.withExtension(this.fileName, "png")), null));
			}
		}
		if (this.thumbnailName != null && !this.thumbnailName.isEmpty()) {
			files.add(new StoredFile(AttachmentKey.of(AttachmentKey.isCached(this.thumbnailSchemaVersion, local),
					"media_attachments", "thumbnails", this.id, "original", this.thumbnailName), this.thumbnailSize));
		}
		return files;
	}

	/**
	 * The storage keys of every file the row names.
	 * @return keys relative to the storage root
	 */
	public List<String> storageKeys() {
		return files().stream().map(StoredFile::key).toList();
	}

	/**
	 * One file of an attachment.
	 *
	 * @param key its storage key
	 * @param recordedBytes the size the row records for it, when it records one
	 */
	public record StoredFile(String key, @Nullable Long recordedBytes) {
	}

	/**
	 * The bytes the row records for its files, 0 where unknown.
	 * @return bytes
	 */
	public long recordedBytes() {
		return ((this.fileSize != null) ? this.fileSize : 0) + ((this.thumbnailSize != null) ? this.thumbnailSize : 0);
	}

}
