package dev.mastodonmaintenance.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Mastodon's filesystem storage under {@code PAPERCLIP_ROOT_PATH}. Deleting a file also removes the parent
 * directories it leaves empty, up to the root, as Paperclip does.
 */
public class FilesystemStorage implements MediaStorage {

	private final Path root;

	/**
	 * Creates a storage over an existing directory.
	 * @param root Mastodon's {@code PAPERCLIP_ROOT_PATH}
	 */
	public FilesystemStorage(Path root) {
		if (!Files.isDirectory(root)) {
			throw new IllegalArgumentException("PAPERCLIP_ROOT_PATH " + root + " is not a directory");
		}
		this.root = root.toAbsolutePath().normalize();
	}

	/**
	 * The storage root.
	 * @return the root directory
	 */
	public Path root() {
		return this.root;
	}

	@Override
	public List<StoredObject> list(String prefix, @Nullable String startAfter, int max) {
		// Walking the whole tree each page keeps no state between pages; a sorted walk is what makes the
		// last key a valid resume point.
		List<StoredObject> page = new ArrayList<>();
		try (Stream<Path> files = Files.walk(this.root)) {
			files.filter(Files::isRegularFile)
				.map(this::keyOf)
				.filter((key) -> key.startsWith(prefix))
				.filter((key) -> startAfter == null || key.compareTo(startAfter) > 0)
				.sorted()
				.limit(max)
				.forEach((key) -> page.add(stat(key)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + this.root, ex);
		}
		return page;
	}

	@Override
	public DeletionReport delete(List<String> keys) {
		List<DeletionReport.Removed> removed = new ArrayList<>();
		List<DeletionReport.Failed> failed = new ArrayList<>();
		for (String key : keys) {
			Path file = resolve(key);
			try {
				long size = Files.size(file);
				Files.delete(file);
				removed.add(new DeletionReport.Removed(key, size));
				removeEmptyParents(file.getParent());
			}
			catch (NoSuchFileException ex) {
				removed.add(new DeletionReport.Removed(key, 0L));
			}
			catch (IOException ex) {
				failed.add(new DeletionReport.Failed(key, ex.toString()));
			}
		}
		return new DeletionReport(removed, failed);
	}

	@Override
	public String describe() {
		return "filesystem " + this.root;
	}

	/**
	 * The file a key names, refusing keys that would leave the root.
	 * @param key a storage key
	 * @return the path of its file
	 */
	public Path resolve(String key) {
		Path file = this.root.resolve(key).normalize();
		if (key.isEmpty() || !file.startsWith(this.root) || file.equals(this.root)) {
			throw new IllegalArgumentException("Malformed storage key '" + key + "': it must name a file below "
					+ this.root);
		}
		return file;
	}

	private String keyOf(Path file) {
		return this.root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
	}

	private StoredObject stat(String key) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(resolve(key), BasicFileAttributes.class);
			return new StoredObject(key, attributes.size(), attributes.lastModifiedTime().toInstant());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + key, ex);
		}
	}

	private void removeEmptyParents(Path directory) {
		Path current = directory;
		while (current != null && current.startsWith(this.root) && !current.equals(this.root)) {
			try {
				Files.delete(current);
			}
			catch (DirectoryNotEmptyException | NoSuchFileException ex) {
				return;
			}
			catch (IOException ex) {
				return;
			}
			current = current.getParent();
		}
	}

}
