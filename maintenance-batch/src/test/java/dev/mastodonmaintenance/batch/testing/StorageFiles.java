package dev.mastodonmaintenance.batch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files in a filesystem storage root, written and listed by key, for tests that check
 * what a step left.
 */
public final class StorageFiles {

	private final Path root;

	public StorageFiles(Path root) {
		this.root = root;
	}

	/**
	 * Writes a file of a given size at a key.
	 * @param key the storage key
	 * @param size its size in bytes
	 * @return the key
	 */
	public String write(String key, int size) {
		try {
			Path file = this.root.resolve(key);
			Files.createDirectories(file.getParent());
			Files.write(file, new byte[size]);
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Every file's key, sorted.
	 * @return the keys
	 */
	public List<String> keys() {
		try (Stream<Path> files = Files.walk(this.root)) {
			return files.filter(Files::isRegularFile)
				.map((file) -> this.root.relativize(file).toString())
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Every directory below the root, sorted, to check that emptied ones were removed.
	 * @return the relative paths
	 */
	public List<String> directories() {
		try (Stream<Path> files = Files.walk(this.root)) {
			return files.filter(Files::isDirectory)
				.filter((dir) -> !dir.equals(this.root))
				.map((dir) -> this.root.relativize(dir).toString())
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Path root() {
		return this.root;
	}

}
