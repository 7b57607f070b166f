package dev.mastodonmaintenance.previewcards;

import dev.mastodonmaintenance.storage.AttachmentKey;
import dev.mastodonmaintenance.storage.MastodonAttachment;
import org.jspecify.annotations.Nullable;

/**
 * A preview card's image as its row describes it.
 *
 * @param cardId the card id
 * @param fileName {@code image_file_name}
 * @param contentType {@code image_content_type}
 * @param fileSize {@code image_file_size}, may be null
 * @param storageSchemaVersion {@code image_storage_schema_version}, may be null
 */
public record PreviewCardImage(long cardId, String fileName, @Nullable String contentType, @Nullable Long fileSize,
		@Nullable Integer storageSchemaVersion) {

	/**
	 * The key of the image's only style, {@code original}. Preview cards are never local,
	 * so the image sits under {@code cache/} from storage schema version 1 on. A GIF's
	 * original is converted to JPEG but keeps the stored name, as Mastodon names every
	 * {@code original} after {@code image_file_name}.
	 * @return the storage key
	 */
	public String storageKey() {
		return MastodonAttachment.PREVIEW_CARD_IMAGE
			.files(this.cardId, this.fileName, this.contentType,
					AttachmentKey.isCached(this.storageSchemaVersion, false))
			.keys()
			.get(0);
	}

	/**
	 * The size the database records, 0 when unknown.
	 * @return bytes
	 */
	public long recordedBytes() {
		return (this.fileSize != null) ? this.fileSize : 0;
	}

}
