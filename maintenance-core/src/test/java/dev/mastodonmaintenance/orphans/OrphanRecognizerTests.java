package dev.mastodonmaintenance.orphans;

import dev.mastodonmaintenance.storage.MastodonAttachment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys are read back as tootctl's orphan test reads them (docs/media.md); whatever
 * Mastodon does not write is unrecognised.
 */
class OrphanRecognizerTests {

	private final OrphanRecognizer recognizer = new OrphanRecognizer();

	@Test
	void threeGroupPartitionsMakeSevenSegments() {
		assertThat(this.recognizer.recognize("accounts/avatars/000/000/001/original/ab12.png"))
			.contains(new RecognizedKey("accounts/avatars/000/000/001/original/ab12.png",
					MastodonAttachment.ACCOUNT_AVATAR, 1, "ab12.png"));
	}

	@Test
	void sixGroupPartitionsMakeTenSegmentsAndCacheIsDropped() {
		String key = "cache/media_attachments/files/109/372/843/181/422/913/small/0fb3.jpeg";

		assertThat(this.recognizer.recognize(key))
			.contains(new RecognizedKey(key, MastodonAttachment.MEDIA_FILE, 109_372_843_181_422_913L, "0fb3.jpeg"));
	}

	@Test
	void everyCacheSegmentIsDropped() {
		assertThat(this.recognizer.recognize("cache/custom_emojis/images/000/000/007/cache/static/blob.png"))
			.hasValueSatisfying((key) -> assertThat(key.recordId()).isEqualTo(7));
	}

	@Test
	void otherShapesAreUnrecognized() {
		// 9 segments: a 5-group partition (17-digit id)
		assertThat(this.recognizer.recognize("media_attachments/files/987/654/321/098/765/original/x.jpg")).isEmpty();
		// 8 segments: a 4-group partition (12-digit id)
		assertThat(this.recognizer.recognize("media_attachments/files/123/456/789/012/original/x.jpg")).isEmpty();
		// S3_KEY_PREFIX left on the key
		assertThat(this.recognizer.recognize("mastodon/accounts/avatars/000/000/001/original/ab12.png")).isEmpty();
		assertThat(this.recognizer.recognize("imports/data/000/000/001/original/follows.csv")).isEmpty();
		assertThat(this.recognizer.recognize("preview_card_providers/icons/000/000/001/original/x.png")).isEmpty();
		assertThat(this.recognizer.recognize("accounts/files/000/000/001/original/x.png")).isEmpty();
		assertThat(this.recognizer.recognize("accounts/avatars/000/abc/001/original/x.png")).isEmpty();
		assertThat(this.recognizer.recognize("robots.txt")).isEmpty();
		assertThat(this.recognizer.recognize("")).isEmpty();
	}

}
