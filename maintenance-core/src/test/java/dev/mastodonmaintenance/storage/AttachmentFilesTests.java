package dev.mastodonmaintenance.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys of every file Mastodon writes for an attachment, per model and per content
 * type, and which stored names are variants of an attachment.
 */
class AttachmentFilesTests {

	private static final long SNOWFLAKE = 109_372_843_181_422_913L;

	private static final String PARTITION = "109/372/843/181/422/913";

	@Test
	void remoteImageHasOriginalAndSmallWithTheSameNameUnderCache() {
		AttachmentFiles files = MastodonAttachment.MEDIA_FILE.files(SNOWFLAKE, "0fb3c1e2a9d84b7c.jpeg", "image/jpeg",
				AttachmentKey.isCached(1, false));

		assertThat(files.keys()).containsExactly(
				"cache/media_attachments/files/" + PARTITION + "/original/0fb3c1e2a9d84b7c.jpeg",
				"cache/media_attachments/files/" + PARTITION + "/small/0fb3c1e2a9d84b7c.jpeg");
	}

	@Test
	void videoAndGifvHaveAPngSmall() {
		assertThat(MastodonAttachment.MEDIA_FILE.files(1, "a1b2.mp4", "video/mp4", false).keys()).containsExactly(
				"media_attachments/files/000/000/001/original/a1b2.mp4",
				"media_attachments/files/000/000/001/small/a1b2.png");
		assertThat(MastodonAttachment.MEDIA_FILE.files(1, "a1b2.mp4", "image/gif", false).keys()).containsExactly(
				"media_attachments/files/000/000/001/original/a1b2.mp4",
				"media_attachments/files/000/000/001/small/a1b2.png");
	}

	@Test
	void convertedImagesHaveAJpegSmall() {
		assertThat(MastodonAttachment.MEDIA_FILE.files(1, "a1b2.jpeg", "image/heic", false).keys()).containsExactly(
				"media_attachments/files/000/000/001/original/a1b2.jpeg",
				"media_attachments/files/000/000/001/small/a1b2.jpeg");
	}

	@Test
	void audioHasTheOriginalOnly() {
		assertThat(MastodonAttachment.MEDIA_FILE.files(1, "a1b2.mp3", "audio/mpeg", false).keys())
			.containsExactly("media_attachments/files/000/000/001/original/a1b2.mp3");
	}

	@Test
	void thumbnailHasTheOriginalOnly() {
		assertThat(MastodonAttachment.MEDIA_THUMBNAIL.files(SNOWFLAKE, "c3d4.png", "image/png", true).keys())
			.containsExactly("cache/media_attachments/thumbnails/" + PARTITION + "/original/c3d4.png");
	}

	@Test
	void avatarsAndHeadersGetAStaticPngForGifUploadsOnly() {
		assertThat(MastodonAttachment.ACCOUNT_AVATAR.files(1, "ab12.png", "image/png", false).keys())
			.containsExactly("accounts/avatars/000/000/001/original/ab12.png");
		assertThat(MastodonAttachment.ACCOUNT_HEADER.files(SNOWFLAKE, "ab12.gif", "image/gif", true).keys())
			.containsExactly("cache/accounts/headers/" + PARTITION + "/original/ab12.gif",
					"cache/accounts/headers/" + PARTITION + "/static/ab12.png");
	}

	@Test
	void previewCardImageKeepsItsStoredNameEvenWhenConvertedFromGif() {
		assertThat(MastodonAttachment.PREVIEW_CARD_IMAGE.files(12345, "e5f6.gif", "image/gif", true).keys())
			.containsExactly("cache/preview_cards/images/000/012/345/original/e5f6.gif");
	}

	@Test
	void customEmojiAlwaysHasAStaticPng() {
		assertThat(MastodonAttachment.CUSTOM_EMOJI_IMAGE.files(7, "blobcat.gif", "image/gif", false).keys())
			.containsExactly("custom_emojis/images/000/000/007/original/blobcat.gif",
					"custom_emojis/images/000/000/007/static/blobcat.png");
	}

	@Test
	void cachePrefixNeedsSchemaVersionOneAndANonLocalRecord() {
		assertThat(AttachmentKey.isCached(null, false)).isFalse();
		assertThat(AttachmentKey.isCached(0, false)).isFalse();
		assertThat(AttachmentKey.isCached(1, true)).isFalse();
		assertThat(AttachmentKey.isCached(1, false)).isTrue();
	}

	@Test
	void variantsAreTheStoredNameOrItsBaseNameWithTheFormatOfAStyle() {
		AttachmentFiles emoji = MastodonAttachment.CUSTOM_EMOJI_IMAGE.files(7, "blobcat.gif", "image/gif", false);
		assertThat(emoji.isVariant("blobcat.gif")).isTrue();
		assertThat(emoji.isVariant("blobcat.png")).isTrue();
		assertThat(emoji.isVariant("blobcat.jpg")).isFalse();
		assertThat(emoji.isVariant("other.png")).isFalse();

		AttachmentFiles pngAvatar = MastodonAttachment.ACCOUNT_AVATAR.files(1, "ab12.jpeg", "image/jpeg", false);
		assertThat(pngAvatar.isVariant("ab12.jpeg")).isTrue();
		assertThat(pngAvatar.isVariant("ab12.png")).isFalse();

		AttachmentFiles video = MastodonAttachment.MEDIA_FILE.files(1, "a1b2.mp4", "video/mp4", false);
		assertThat(video.isVariant("a1b2.png")).isTrue();
		assertThat(video.isVariant("a1b2.jpg")).isFalse();
	}

	@Test
	void siteUploadStylesDependOnVar() {
		assertThat(MastodonAttachment.SITE_UPLOAD_FILE.files(1, "logo.jpg", "thumbnail", false).isVariant("logo.png"))
			.isTrue();
		assertThat(MastodonAttachment.SITE_UPLOAD_FILE.files(1, "logo.jpg", "mascot", false).isVariant("logo.png"))
			.isFalse();
		assertThat(MastodonAttachment.SITE_UPLOAD_FILE.files(1, "icon.png", "favicon", false).isVariant("icon.ico"))
			.isTrue();
	}

	@Test
	void keySegmentsMapBackToTheirAttachment() {
		assertThat(MastodonAttachment.of("media_attachments", "thumbnails"))
			.contains(MastodonAttachment.MEDIA_THUMBNAIL);
		assertThat(MastodonAttachment.of("custom_emojis", "images")).contains(MastodonAttachment.CUSTOM_EMOJI_IMAGE);
		assertThat(MastodonAttachment.of("accounts", "files")).isEmpty();
		assertThat(MastodonAttachment.of("imports", "data")).isEmpty();
	}

}
