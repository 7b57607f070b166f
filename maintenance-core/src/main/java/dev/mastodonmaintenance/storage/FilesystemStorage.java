package dev.mastodonmaintenance.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Mastodon's filesystem storage under {@code PAPERCLIP_ROOT_PATH}. Deleting a file also
 * removes the parent directories it leaves empty, up to the root, as Paperclip does.
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

	/**
	 * Lists files in key order with a depth-first walk whose order is the keys' order:
	 * the entries of a directory are sorted by name, a directory counting as its name
	 * followed by {@code /}, which is how its files' keys begin. Subtrees that lie wholly
	 * before {@code startAfter} or outside {@code prefix} are skipped without being read,
	 * so a page costs about its own size however far into the tree it starts.
	 */
	@Override
	public List<StoredObject> list(String prefix, @Nullable String startAfter, int max) {
		List<StoredObject> page = new ArrayList<>();
		try {
			walk(this.root, "", prefix, startAfter, max, page);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + this.root, ex);
		}
		return page;
	}

	private void walk(Path directory, String directoryKey, String prefix, @Nullable String startAfter, int max,
			List<StoredObject> page) throws IOException {
		for (Entry entry : sortedEntries(directory, directoryKey)) {
			if (page.size() >= max) {
				return;
			}
			String key = entry.sortKey();
			if (entry.directory()) {
				boolean underPrefix = key.startsWith(prefix) || prefix.startsWith(key);
				boolean whollyBefore = startAfter != null && key.compareTo(startAfter) < 0
						&& !startAfter.startsWith(key);
				if (underPrefix && !whollyBefore) {
					walk(entry.path(), key, prefix, startAfter, max, page);
				}
			}
			else if (key.startsWith(prefix) && (startAfter == null || key.compareTo(startAfter) > 0)) {
				page.add(new StoredObject(key, entry.attributes().size(),
						entry.attributes().lastModifiedTime().toInstant()));
			}
		}
	}

	private static List<Entry> sortedEntries(Path directory, String directoryKey) throws IOException {
		List<Entry> entries = new ArrayList<>();
		try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
			for (Path child : children) {
				BasicFileAttributes attributes = attributes(child);
				if (attributes != null && (attributes.isDirectory() || attributes.isRegularFile())) {
					String name = directoryKey + child.getFileName().toString();
					entries.add(new Entry(child, attributes.isDirectory() ? name + "/" : name, attributes));
				}
			}
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		entries.sort(Comparator.comparing(Entry::sortKey));
		return entries;
	}

	/**
	 * A directory is only walked when it is a real one (as tootctl's {@code Find.find},
	 * links to directories are not followed); a link to a file counts as the file.
	 */
	private static @Nullable BasicFileAttributes attributes(Path path) throws IOException {
		try {
			BasicFileAttributes own = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			if (!own.isSymbolicLink()) {
				return own;
			}
			BasicFileAttributes target = Files.readAttributes(path, BasicFileAttributes.class);
			return target.isRegularFile() ? target : null;
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	@Override
	public DeletionReport delete(List<String> keys) {
		List<DeletionReport.Removed> removed = new ArrayList<>();
		List<DeletionReport.Failed> failed = new ArrayList<>();
		for (String key : keys) {
			try {
				Path file = resolve(key);
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
			catch (IllegalArgumentException ex) {
				failed.add(new DeletionReport.Failed(key, ex.getMessage()));
			}
		}
		return new DeletionReport(removed, failed);
	}

	/**
	 * Stats each file, as {@link #delete} does before it deletes one; a key that names no
	 * file has no size.
	 */
	@Override
	public Map<String, Long> sizes(List<String> keys) {
		Map<String, Long> sizes = new LinkedHashMap<>();
		for (String key : keys) {
			try {
				sizes.put(key, Files.size(resolve(key)));
			}
			catch (NoSuchFileException | IllegalArgumentException ex) {
				// not stored here, so nothing to free
			}
			catch (IOException ex) {
				throw new StorageException("Cannot read the size of " + key + " in " + describe() + ": " + ex, ex);
			}
		}
		return sizes;
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
			throw new IllegalArgumentException(
					"Malformed storage key '" + key + "': it must name a file below " + this.root);
		}
		return file;
	}

	private record Entry(Path path, String sortKey, BasicFileAttributes attributes) {

		boolean directory() {
			return this.attributes.isDirectory();
		}

	}

	private void removeEmptyParents(Path directory) {
		Path current = directory;
		while (current != null && current.startsWith(this.root) && !current.equals(this.root)) {
			try {
				Files.delete(current);
			}
			catch (IOException ex) {
				// not empty (another file lives there) or already gone: either way the
				// walk up ends here
				return;
			}
			current = current.getParent();
		}
	}

}
