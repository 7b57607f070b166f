package dev.mastodonmaintenance.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * What every {@link MediaStorage} does, checked against a real back-end by each subclass:
 * listings in key order that page and resume exactly, prefixes, deletes that report per
 * key and may be repeated.
 */
abstract class MediaStorageContract {

	static final List<String> KEYS = List.of("a/b/c.png", "a-b/x", "a.b", "a/b0", "a/b/d", "a/bb/e", "b",
			"cache/media_attachments/files/000/000/001/original/x.jpg",
			"cache/media_attachments/files/000/000/001/small/x.jpg",
			"cache/accounts/avatars/000/000/002/original/y.png");

	/**
	 * The storage under test, empty.
	 * @return the storage
	 */
	abstract MediaStorage storage();

	/**
	 * Stores a file directly in the back-end, as Mastodon would.
	 * @param key the key relative to the storage root
	 * @param content the content
	 */
	abstract void write(String key, byte[] content);

	/**
	 * Whether the back-end holds a key.
	 * @param key the key relative to the storage root
	 * @return whether it exists
	 */
	abstract boolean exists(String key);

	void writeAll() {
		KEYS.forEach((key) -> write(key, key.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void listsEveryObjectInKeyOrderWithItsSize() {
		writeAll();

		List<StoredObject> listed = storage().list("", null, 100);

		assertThat(listed).extracting(StoredObject::key).containsExactlyElementsOf(KEYS.stream().sorted().toList());
		assertThat(listed).allSatisfy((object) -> {
			assertThat(object.size()).isEqualTo(object.key().getBytes(StandardCharsets.UTF_8).length);
			assertThat(object.lastModified()).isNotNull();
		});
	}

	@Test
	void pagesResumeExactlyAfterTheirLastKey() {
		writeAll();
		List<String> walked = new ArrayList<>();
		String last = null;
		List<StoredObject> page;
		do {
			page = storage().list("", last, 3);
			page.forEach((object) -> walked.add(object.key()));
			if (!page.isEmpty()) {
				last = page.get(page.size() - 1).key();
			}
		}
		while (page.size() == 3);

		assertThat(walked).containsExactlyElementsOf(KEYS.stream().sorted().toList());
	}

	@Test
	void startsAfterAKeyThatIsNotStored() {
		writeAll();

		assertThat(storage().list("", "a/b/c.zzz", 100)).extracting(StoredObject::key)
			.containsExactlyElementsOf(KEYS.stream().filter((key) -> key.compareTo("a/b/c.zzz") > 0).sorted().toList());
	}

	@Test
	void prefixNarrowsTheListingToKeysStartingWithIt() {
		writeAll();

		assertThat(storage().list("a/", null, 100)).extracting(StoredObject::key)
			.containsExactly("a/b/c.png", "a/b/d", "a/b0", "a/bb/e");
		assertThat(storage().list("a/b", "a/b/c.png", 100)).extracting(StoredObject::key)
			.containsExactly("a/b/d", "a/b0", "a/bb/e");
		assertThat(storage().list("cache/media_attachments/", null, 1)).extracting(StoredObject::key)
			.containsExactly("cache/media_attachments/files/000/000/001/original/x.jpg");
		assertThat(storage().list("nothing/", null, 100)).isEmpty();
	}

	@Test
	void deletesTheGivenKeysOnly() {
		writeAll();

		DeletionReport report = storage().delete(List.of("a/b/c.png", "b"));

		assertThat(report.removed()).extracting(DeletionReport.Removed::key)
			.containsExactlyInAnyOrder("a/b/c.png", "b");
		assertThat(report.failed()).isEmpty();
		assertThat(exists("a/b/c.png")).isFalse();
		assertThat(exists("b")).isFalse();
		assertThat(storage().list("", null, 100)).extracting(StoredObject::key).hasSize(KEYS.size() - 2);
	}

	@Test
	void deletingAMissingKeyCountsAsRemoved() {
		write("b", new byte[] { 1 });
		storage().delete(List.of("b"));

		DeletionReport again = storage().delete(List.of("b", "never/was/there.png"));

		assertThat(again.removed()).extracting(DeletionReport.Removed::key)
			.containsExactlyInAnyOrder("b", "never/was/there.png");
		assertThat(again.failed()).isEmpty();
	}

	@Test
	void sizesAreTheStoredObjectsOwnAndAKeyNotStoredHasNone() {
		write("a/b/c.png", new byte[7]);
		write("cache/media_attachments/files/000/000/001/original/x.jpg", new byte[1234]);

		assertThat(storage().sizes(List.of("a/b/c.png", "never/was/there.png",
				"cache/media_attachments/files/000/000/001/original/x.jpg")))
			.containsOnly(entry("a/b/c.png", 7L),
					entry("cache/media_attachments/files/000/000/001/original/x.jpg", 1234L));
		assertThat(storage().sizes(List.of())).isEmpty();
	}

}
