package dev.mastodonmaintenance.storage;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import dev.mastodonmaintenance.testing.TestRedis;
import dev.mastodonmaintenance.testing.TestS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link S3Storage} against a real S3 HTTP API (S3Mock): the storage contract, batched
 * deletes, {@code S3_KEY_PREFIX} added and stripped, and clear errors for a server or
 * bucket that is not there.
 */
class S3StorageTests extends MediaStorageContract {

	private static final TestS3 s3 = TestS3.get();

	private String bucket;

	private S3Storage storage;

	@BeforeEach
	void open() {
		this.bucket = s3.createBucket(S3StorageTests.class);
		this.storage = new S3Storage(s3.settings(this.bucket, ""));
	}

	@AfterEach
	void close() {
		this.storage.close();
	}

	@Override
	MediaStorage storage() {
		return this.storage;
	}

	@Override
	void write(String key, byte[] content) {
		s3.put(this.bucket, key, content);
	}

	/**
	 * S3 objects are not sized one by one: a HEAD per key would cost a request per
	 * object.
	 */
	@Test
	@Override
	void sizesAreTheStoredObjectsOwnAndAKeyNotStoredHasNone() {
		write("a/b/c.png", new byte[7]);

		assertThat(storage().sizes(List.of("a/b/c.png", "never/was/there.png"))).isEmpty();
	}

	@Override
	boolean exists(String key) {
		try {
			s3.client().headObject((request) -> request.bucket(this.bucket).key(key));
			return true;
		}
		catch (NoSuchKeyException ex) {
			return false;
		}
	}

	@Test
	void deletesInSlicesOfTheBatchLimit() {
		S3Settings limitTwo = withLimit(s3.settings(this.bucket, ""), 2);
		List<String> keys = List.of("k/1", "k/2", "k/3", "k/4", "k/5");
		keys.forEach((key) -> write(key, new byte[] { 1 }));
		try (S3Storage sliced = new S3Storage(limitTwo)) {
			DeletionReport report = sliced.delete(keys);

			assertThat(report.removed()).extracting(DeletionReport.Removed::key)
				.containsExactlyInAnyOrderElementsOf(keys);
			assertThat(report.removed()).extracting(DeletionReport.Removed::bytes).containsOnlyNulls();
			assertThat(s3.keys(this.bucket)).isEmpty();
		}
		S3Settings missingBucket = withLimit(s3.settings(this.bucket + "-missing", ""), 2);
		try (S3Storage sliced = new S3Storage(missingBucket)) {
			assertThatExceptionOfType(StorageException.class).isThrownBy(() -> sliced.delete(keys))
				.withMessageContaining("refused DeleteObjects of 2 keys (1 attempt): NoSuchBucket (HTTP 404)");
		}
	}

	@Test
	void keyPrefixIsAddedOnTheWayInAndStrippedFromListings() {
		s3.put(this.bucket, "mastodon/cache/media_attachments/files/000/000/001/original/x.jpg", new byte[3]);
		s3.put(this.bucket, "mastodon/accounts/avatars/000/000/002/original/y.png", new byte[4]);
		s3.put(this.bucket, "other-app/z.bin", new byte[5]);
		s3.put(this.bucket, "mastodon-backup/w.bin", new byte[6]);
		try (S3Storage prefixed = new S3Storage(s3.settings(this.bucket, "mastodon"))) {
			assertThat(prefixed.list("", null, 10)).extracting(StoredObject::key)
				.containsExactly("accounts/avatars/000/000/002/original/y.png",
						"cache/media_attachments/files/000/000/001/original/x.jpg");
			assertThat(prefixed.list("cache/", null, 10)).hasSize(1);
			assertThat(prefixed.list("", "accounts/avatars/000/000/002/original/y.png", 10))
				.extracting(StoredObject::key)
				.containsExactly("cache/media_attachments/files/000/000/001/original/x.jpg");

			prefixed.delete(List.of("accounts/avatars/000/000/002/original/y.png", "z.bin"));
		}

		assertThat(s3.keys(this.bucket)).containsExactly("mastodon-backup/w.bin",
				"mastodon/cache/media_attachments/files/000/000/001/original/x.jpg", "other-app/z.bin");
	}

	@Test
	void anUnreachableEndpointGivesAClearErrorAfterItsRetries() {
		URI nowhere = URI.create("http://127.0.0.1:" + TestRedis.freePort());
		S3Settings settings = new S3Settings("media", nowhere, "us-east-1", "", true, "k", "s", 1000, 2, 4,
				Duration.ofSeconds(1), Duration.ofSeconds(1))
			.withRetries(new S3Settings.Retries(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(30)));
		try (S3Storage unreachable = new S3Storage(settings)) {
			assertThatExceptionOfType(StorageException.class).isThrownBy(() -> unreachable.list("", null, 10))
				.withMessageStartingWith(
						"Cannot reach S3 bucket 'media' at " + nowhere + " for ListObjectsV2 (2 attempts)");
			assertThatExceptionOfType(StorageException.class).isThrownBy(unreachable::verifyBucket)
				.withMessageContaining("for HeadBucket (2 attempts)");
		}
	}

	@Test
	void aMissingBucketIsNamedAtVerification() {
		try (S3Storage missing = new S3Storage(s3.settings(this.bucket + "-missing", ""))) {
			assertThatExceptionOfType(StorageException.class).isThrownBy(missing::verifyBucket)
				.withMessageContaining("S3 bucket '" + this.bucket + "-missing'")
				.withMessageContaining("HTTP 404");
		}
		this.storage.verifyBucket();
	}

	@Test
	void aBatchIsCutIntoConcurrentSlicesOfAtMostTheLimit() {
		List<String> thousand = IntStream.range(0, 1000).mapToObj(Integer::toString).toList();

		assertThat(S3Storage.slices(thousand, 1000, 4)).extracting(List::size).containsExactly(250, 250, 250, 250);
		assertThat(S3Storage.slices(thousand, 300, 1)).extracting(List::size).containsExactly(250, 250, 250, 250);
		assertThat(S3Storage.slices(thousand, 1000, 1)).extracting(List::size).containsExactly(1000);
		assertThat(S3Storage.slices(thousand.subList(0, 150), 1000, 4)).extracting(List::size).containsExactly(150);
		assertThat(S3Storage.slices(thousand.subList(0, 5), 2, 4)).extracting(List::size).containsExactly(2, 2, 1);
		assertThat(S3Storage.slices(List.of(), 1000, 4)).isEmpty();
	}

	@Test
	void aStepIsHandedEnoughKeysToFillEveryConcurrentRequest() {
		assertThat(this.storage.deleteBatchSize()).isEqualTo(4000);
	}

	@Test
	void concurrentSlicesAllGo() {
		List<String> keys = IntStream.range(0, 240).mapToObj((i) -> "c/" + i).toList();
		keys.forEach((key) -> write(key, new byte[] { 1 }));

		DeletionReport report = this.storage.delete(keys);

		assertThat(report.removed()).hasSize(240);
		assertThat(s3.keys(this.bucket)).isEmpty();
	}

	private static S3Settings withLimit(S3Settings settings, int limit) {
		return new S3Settings(settings.bucket(), settings.endpoint(), settings.region(), settings.keyPrefix(),
				settings.pathStyle(), settings.accessKeyId(), settings.secretAccessKey(), limit, 1, 4,
				settings.openTimeout(), settings.readTimeout());
	}

}
