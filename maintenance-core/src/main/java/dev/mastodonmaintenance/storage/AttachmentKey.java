package dev.mastodonmaintenance.storage;

import org.jspecify.annotations.Nullable;

/**
 * The storage key of one style of one attachment, laid out as Paperclip does:
 * {@code [cache/]<class>/<attachment>/<id_partition>/<style>/<file name>}.
 */
public final class AttachmentKey {

	private AttachmentKey() {
	}

	/**
	 * The key of one file.
	 * @param cached whether the file sits under {@code cache/} (see {@link #isCached})
	 * @param modelPath the model's path segment, such as {@code media_attachments}
	 * @param attachmentPath the attachment's path segment, such as {@code files}
	 * @param id the record id
	 * @param style the style, such as {@code original}
	 * @param fileName the file name of that style
	 * @return the key relative to the storage root
	 */
	public static String of(boolean cached, String modelPath, String attachmentPath, long id, String style,
			String fileName) {
		return (cached ? "cache/" : "") + modelPath + "/" + attachmentPath + "/" + IdPartition.of(id) + "/" + style
				+ "/" + fileName;
	}

	/**
	 * Mastodon's rule for the {@code cache/} prefix: the attachment's storage schema
	 * version is at least 1 and its record is not local.
	 * @param storageSchemaVersion the {@code <attachment>_storage_schema_version} column,
	 * may be null
	 * @param local whether the record counts as local for its model
	 * @return whether the files live under {@code cache/}
	 */
	public static boolean isCached(@Nullable Integer storageSchemaVersion, boolean local) {
		return storageSchemaVersion != null && storageSchemaVersion >= 1 && !local;
	}

}
