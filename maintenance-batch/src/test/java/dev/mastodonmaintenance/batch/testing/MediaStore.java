package dev.mastodonmaintenance.batch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.storage.S3Storage;
import dev.mastodonmaintenance.testing.TestS3;

/**
 * A media storage for one test, on either back-end, with the means to arrange and inspect
 * it directly, beside the storage the job uses.
 */
public abstract class MediaStore implements AutoCloseable {

	/**
	 * The back-ends the media levels are tested on.
	 */
	public enum Backend {

		/** A temporary {@code PAPERCLIP_ROOT_PATH}. */
		FILESYSTEM,

		/** A fresh bucket of the test S3 server. */
		S3

	}

	/**
	 * Opens an empty storage.
	 * @param backend the back-end
	 * @param tempDir a temporary directory of the test, the filesystem root
	 * @param keyPrefix {@code S3_KEY_PREFIX} for S3, {@code ""} for none
	 * @return the storage
	 */
	public static MediaStore open(Backend backend, Path tempDir, String keyPrefix) {
		return (backend == Backend.FILESYSTEM) ? new OnFilesystem(tempDir) : new OnS3(keyPrefix);
	}

	/**
	 * The storage the job is given.
	 * @return the storage
	 */
	public abstract MediaStorage storage();

	/**
	 * Stores a file as Mastodon would, modified now.
	 * @param key its key relative to the storage root
	 * @param size its size in bytes
	 */
	public abstract void write(String key, int size);

	/**
	 * Every key in the storage, relative to the storage root, sorted.
	 * @return the keys
	 */
	public abstract List<String> keys();

	/**
	 * Stores several files of {@code size} bytes.
	 * @param size their size
	 * @param keys their keys
	 */
	public void writeAll(int size, List<String> keys) {
		keys.forEach((key) -> write(key, size));
	}

	@Override
	public void close() {
	}

	private static final class OnFilesystem extends MediaStore {

		private final Path root;

		private final FilesystemStorage storage;

		OnFilesystem(Path root) {
			this.root = root;
			this.storage = new FilesystemStorage(root);
		}

		@Override
		public MediaStorage storage() {
			return this.storage;
		}

		@Override
		public void write(String key, int size) {
			try {
				Path file = this.root.resolve(key);
				Files.createDirectories(file.getParent());
				Files.write(file, new byte[size]);
				// a listing sees it as written before the run's launch instant, as S3's
				// second precision does
				Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(1)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public List<String> keys() {
			try (Stream<Path> files = Files.walk(this.root)) {
				return files.filter(Files::isRegularFile)
					.map((file) -> this.root.relativize(file).toString().replace('\\', '/'))
					.sorted()
					.toList();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	private static final class OnS3 extends MediaStore {

		private final TestS3 s3 = TestS3.get();

		private final String bucket;

		private final String keyPrefix;

		private final S3Storage storage;

		OnS3(String keyPrefix) {
			this.bucket = this.s3.createBucket(MediaStore.class);
			this.keyPrefix = keyPrefix;
			this.storage = new S3Storage(this.s3.settings(this.bucket, keyPrefix));
		}

		@Override
		public MediaStorage storage() {
			return this.storage;
		}

		@Override
		public void write(String key, int size) {
			this.s3.put(this.bucket, objectKey(key), new byte[size]);
		}

		@Override
		public List<String> keys() {
			String prefix = objectKey("");
			return this.s3.keys(this.bucket)
				.stream()
				.filter((key) -> key.startsWith(prefix))
				.map((key) -> key.substring(prefix.length()))
				.sorted()
				.toList();
		}

		private String objectKey(String key) {
			return this.keyPrefix.isEmpty() ? key : this.keyPrefix + "/" + key;
		}

		@Override
		public void close() {
			this.storage.close();
		}

	}

}
