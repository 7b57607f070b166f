package dev.mastodonmaintenance.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Every Paperclip attachment of Mastodon's models, with the path segments of its keys and
 * its styles as the models define them. Styles can depend on the row: on the attachment's
 * current content type for media, avatars, headers and preview cards, on {@code var} for
 * site uploads.
 */
public enum MastodonAttachment {

	/** {@code MediaAttachment#file}. */
	MEDIA_FILE("media_attachments", "files", "file", MastodonAttachment::mediaFileStyles),

	/** {@code MediaAttachment#thumbnail}: a single style without a format. */
	MEDIA_THUMBNAIL("media_attachments", "thumbnails", "thumbnail", (contentType) -> List.of()),

	/** {@code Account#avatar}: a {@code static} PNG for GIF uploads. */
	ACCOUNT_AVATAR("accounts", "avatars", "avatar", MastodonAttachment::staticForGif),

	/** {@code Account#header}: a {@code static} PNG for GIF uploads. */
	ACCOUNT_HEADER("accounts", "headers", "header", MastodonAttachment::staticForGif),

	/** {@code PreviewCard#image}: converted to JPEG when the source is a GIF. */
	PREVIEW_CARD_IMAGE("preview_cards", "images", "image",
			(contentType) -> "image/gif".equals(contentType) ? List.of(AttachmentStyle.of("original", "jpg"))
					: List.of()),

	/** {@code CustomEmoji#image}: always a {@code static} PNG. */
	CUSTOM_EMOJI_IMAGE("custom_emojis", "images", "image",
			(contentType) -> List.of(AttachmentStyle.of("static", "png"))),

	/** {@code Backup#dump}: the archive alone. */
	BACKUP_DUMP("backups", "dumps", "dump", (contentType) -> List.of()),

	/** {@code SiteUpload#file}: styles depend on the upload's {@code var}. */
	SITE_UPLOAD_FILE("site_uploads", "files", "file", MastodonAttachment::siteUploadStyles);

	private static final Set<String> VIDEO_CONVERTED = Set.of("image/gif", "video/webm", "video/quicktime");

	private static final Set<String> IMAGE_CONVERTED = Set.of("image/heic", "image/heif", "image/avif");

	private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/heic",
			"image/heif", "image/webp", "image/avif");

	private static final Set<String> VIDEO_TYPES = Set.of("video/webm", "video/mp4", "video/quicktime", "video/ogg");

	private static final List<Integer> APP_ICON_SIZES = List.of(57, 60, 72, 76, 114, 120, 144, 152, 167, 180, 1024, 36,
			48, 96, 192, 256, 384, 512);

	private static final List<Integer> FAVICON_SIZES = List.of(16, 32, 48);

	private final String modelPath;

	private final String attachmentPath;

	private final String columnPrefix;

	private final Function<@Nullable String, List<AttachmentStyle>> definedStyles;

	MastodonAttachment(String modelPath, String attachmentPath, String columnPrefix,
			Function<@Nullable String, List<AttachmentStyle>> definedStyles) {
		this.modelPath = modelPath;
		this.attachmentPath = attachmentPath;
		this.columnPrefix = columnPrefix;
		this.definedStyles = definedStyles;
	}

	/**
	 * The model's path segment, also its table: {@code media_attachments}.
	 * @return the first segment of the attachment's keys
	 */
	public String modelPath() {
		return this.modelPath;
	}

	/**
	 * The attachment's path segment: {@code files}.
	 * @return the second segment of the attachment's keys
	 */
	public String attachmentPath() {
		return this.attachmentPath;
	}

	/**
	 * The attachment's name, which prefixes its columns: {@code file} for
	 * {@code file_file_name}.
	 * @return the singular attachment name
	 */
	public String columnPrefix() {
		return this.columnPrefix;
	}

	/**
	 * The column the attachment's styles depend on (see {@link #styles}).
	 * @return {@code var} for site uploads, else {@code <name>_content_type}
	 */
	public String styleColumn() {
		return (this == SITE_UPLOAD_FILE) ? "var" : this.columnPrefix + "_content_type";
	}

	/**
	 * Whether the table records the attachment's storage schema version, on which the
	 * {@code cache/} prefix depends; backups and site uploads have none and never live
	 * under {@code cache/}.
	 * @return whether {@code <name>_storage_schema_version} exists
	 */
	public boolean hasStorageSchemaVersion() {
		return this != BACKUP_DUMP && this != SITE_UPLOAD_FILE;
	}

	/**
	 * The table holding the attachment's rows.
	 * @return the table name
	 */
	public String table() {
		return this.modelPath;
	}

	/**
	 * The attachment's styles for one row, {@code original} first, as Paperclip lists
	 * them when it destroys the attachment.
	 * @param styleColumn what the row's styles depend on: the attachment's
	 * {@code <name>_content_type}, or {@code var} for site uploads; may be null
	 * @return the styles, {@code original} first
	 */
	public List<AttachmentStyle> styles(@Nullable String styleColumn) {
		// loops, not streams: called for every row of a window
		List<AttachmentStyle> defined = this.definedStyles.apply(styleColumn);
		AttachmentStyle original = null;
		List<AttachmentStyle> others = new ArrayList<>(defined.size());
		for (AttachmentStyle style : defined) {
			if (!style.isOriginal()) {
				others.add(style);
			}
			else if (original == null) {
				original = style;
			}
		}
		List<AttachmentStyle> styles = new ArrayList<>(others.size() + 1);
		styles.add((original != null) ? original : AttachmentStyle.of(AttachmentStyle.ORIGINAL));
		styles.addAll(others);
		return List.copyOf(styles);
	}

	/**
	 * The files of one row's attachment.
	 * @param recordId the row id
	 * @param fileName the stored {@code <name>_file_name}
	 * @param styleColumn the column the styles depend on (see {@link #styles})
	 * @param cached whether the files live under {@code cache/} (see
	 * {@link AttachmentKey#isCached})
	 * @return the files
	 */
	public AttachmentFiles files(long recordId, String fileName, @Nullable String styleColumn, boolean cached) {
		return new AttachmentFiles(this, recordId, fileName, cached, styles(styleColumn));
	}

	/**
	 * The attachment a key's first two segments name, as
	 * {@code tootctl media remove-orphans} maps them.
	 * @param modelPath the model segment, such as {@code media_attachments}
	 * @param attachmentPath the attachment segment, such as {@code thumbnails}
	 * @return the attachment, empty for a pair Mastodon has no attachment for
	 */
	public static Optional<MastodonAttachment> of(String modelPath, String attachmentPath) {
		return Arrays.stream(values())
			.filter((a) -> a.modelPath.equals(modelPath) && a.attachmentPath.equals(attachmentPath))
			.findFirst();
	}

	private static List<AttachmentStyle> mediaFileStyles(@Nullable String contentType) {
		if (contentType != null && VIDEO_CONVERTED.contains(contentType)) {
			return List.of(AttachmentStyle.of("small", "png"), AttachmentStyle.of("original", "mp4"));
		}
		if (contentType != null && IMAGE_CONVERTED.contains(contentType)) {
			return List.of(AttachmentStyle.of("original", "jpeg"), AttachmentStyle.of("small", "jpeg"));
		}
		if (contentType != null && IMAGE_TYPES.contains(contentType)) {
			return List.of(AttachmentStyle.of("original"), AttachmentStyle.of("small"));
		}
		if (contentType != null && VIDEO_TYPES.contains(contentType)) {
			return List.of(AttachmentStyle.of("small", "png"), AttachmentStyle.of("original", "mp4"));
		}
		// Mastodon's fallback, audio and anything unknown: one transcoded original
		return List.of(AttachmentStyle.of("original", "mp3"));
	}

	private static List<AttachmentStyle> staticForGif(@Nullable String contentType) {
		return "image/gif".equals(contentType) ? List.of(AttachmentStyle.of("static", "png")) : List.of();
	}

	private static List<AttachmentStyle> siteUploadStyles(@Nullable String var) {
		if ("app_icon".equals(var)) {
			return APP_ICON_SIZES.stream().map((size) -> AttachmentStyle.of(size.toString(), "png")).toList();
		}
		if ("favicon".equals(var)) {
			List<AttachmentStyle> styles = new ArrayList<>();
			styles.add(AttachmentStyle.of("ico", "ico"));
			FAVICON_SIZES.forEach((size) -> styles.add(AttachmentStyle.of(size.toString(), "png")));
			return styles;
		}
		if ("thumbnail".equals(var)) {
			return List.of(AttachmentStyle.of("@1x", "png"), AttachmentStyle.of("@2x", "png"));
		}
		return List.of();
	}

}
