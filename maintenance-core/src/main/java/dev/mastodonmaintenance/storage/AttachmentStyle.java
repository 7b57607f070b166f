package dev.mastodonmaintenance.storage;

import org.jspecify.annotations.Nullable;

/**
 * One Paperclip style of an attachment: a file of its own under {@code <style>/}.
 *
 * @param name the style name, the path segment ({@code original}, {@code small},
 * {@code static})
 * @param format the format the style converts to ({@code png}), or {@code null} when it
 * keeps the original's extension
 */
public record AttachmentStyle(String name, @Nullable String format) {

	/** The name of the style every attachment has. */
	public static final String ORIGINAL = "original";

	static AttachmentStyle of(String name) {
		return new AttachmentStyle(name, null);
	}

	static AttachmentStyle of(String name, String format) {
		return new AttachmentStyle(name, format);
	}

	/**
	 * Whether this is the {@code original} style, whose file keeps the stored file name
	 * whatever its format.
	 * @return {@code true} for {@code original}
	 */
	public boolean isOriginal() {
		return ORIGINAL.equals(this.name);
	}

}
