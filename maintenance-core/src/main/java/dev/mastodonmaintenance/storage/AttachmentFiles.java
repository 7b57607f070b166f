package dev.mastodonmaintenance.storage;

import java.util.List;
import java.util.Objects;

/**
 * The files of one row's attachment, named as Paperclip names them: the {@code original}
 * style keeps the stored file name; every other style takes the same base name and the
 * style's format as extension, or the original's extension when the style has no format.
 *
 * @param attachment the attachment
 * @param recordId the row id
 * @param fileName the stored {@code <name>_file_name}
 * @param cached whether the files live under {@code cache/}
 * @param styles the row's styles, {@code original} first
 */
public record AttachmentFiles(MastodonAttachment attachment, long recordId, String fileName, boolean cached,
		List<AttachmentStyle> styles) {

	public AttachmentFiles {
		styles = List.copyOf(styles);
	}

	/**
	 * The keys of every style, {@code original} first: what destroying the attachment
	 * deletes.
	 * @return the storage keys
	 */
	public List<String> keys() {
		return this.styles.stream().map(this::key).toList();
	}

	/**
	 * The key of one style.
	 * @param style one of {@link #styles()}
	 * @return its storage key
	 */
	public String key(AttachmentStyle style) {
		return AttachmentKey.of(this.cached, this.attachment.modelPath(), this.attachment.attachmentPath(),
				this.recordId, style.name(), fileName(style));
	}

	/**
	 * The file name of one style.
	 * @param style a style
	 * @return the name of its file
	 */
	public String fileName(AttachmentStyle style) {
		if (style.isOriginal()) {
			return this.fileName;
		}
		String extension = (style.format() != null) ? style.format() : FileNames.extension(this.fileName);
		String base = FileNames.baseName(this.fileName);
		return extension.isEmpty() ? base : base + "." + extension;
	}

	/**
	 * Paperclip's {@code variant?} as Mastodon extends it: whether a stored file name
	 * belongs to this attachment. It does when it is the stored name, or when it has the
	 * stored base name and the format of one of the row's styles as extension.
	 * @param otherFileName the file name found in storage
	 * @return whether it is one of this attachment's files
	 */
	public boolean isVariant(String otherFileName) {
		if (this.fileName.equals(otherFileName)) {
			return true;
		}
		List<String> formats = this.styles.stream().map(AttachmentStyle::format).filter(Objects::nonNull).toList();
		return formats.contains(FileNames.extension(otherFileName))
				&& FileNames.baseName(otherFileName).equals(FileNames.baseName(this.fileName));
	}

}
