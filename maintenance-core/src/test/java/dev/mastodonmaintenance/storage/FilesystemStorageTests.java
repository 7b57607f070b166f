package dev.mastodonmaintenance.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link FilesystemStorage} on a real directory: the storage contract, plus what
 * Paperclip does on disk (empty parent directories go with the file, the root stays) and
 * keys that would leave the root.
 */
class FilesystemStorageTests extends MediaStorageContract {

	@TempDir
	Path root;

	private FilesystemStorage storage;

	@BeforeEach
	void open() {
		this.storage = new FilesystemStorage(this.root);
	}

	@Override
	MediaStorage storage() {
		return this.storage;
	}

	@Override
	void write(String key, byte[] content) {
		try {
			Path file = this.root.resolve(key);
			Files.createDirectories(file.getParent());
			Files.write(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	boolean exists(String key) {
		return Files.exists(this.root.resolve(key));
	}

	@Test
	void deletingAFileRemovesTheDirectoriesItLeavesEmptyButNotTheRoot() {
		write("cache/media_attachments/files/000/000/001/original/x.jpg", new byte[10]);
		write("cache/media_attachments/files/000/000/001/small/x.jpg", new byte[4]);

		DeletionReport first = this.storage.delete(List.of("cache/media_attachments/files/000/000/001/original/x.jpg"));

		assertThat(first.removed()).containsExactly(
				new DeletionReport.Removed("cache/media_attachments/files/000/000/001/original/x.jpg", 10L));
		assertThat(this.root.resolve("cache/media_attachments/files/000/000/001/original")).doesNotExist();
		assertThat(this.root.resolve("cache/media_attachments/files/000/000/001/small/x.jpg")).exists();

		this.storage.delete(List.of("cache/media_attachments/files/000/000/001/small/x.jpg"));

		assertThat(this.root.resolve("cache")).doesNotExist();
		assertThat(this.root).isDirectory();
	}

	@Test
	void keysLeavingTheRootAreReportedAsFailedAndNothingIsTouched() throws IOException {
		Path outside = Files.createTempFile("outside", ".txt");

		DeletionReport report = this.storage.delete(List.of("../" + outside.getFileName(), ""));

		assertThat(report.removed()).isEmpty();
		assertThat(report.failed()).extracting(DeletionReport.Failed::reason)
			.allSatisfy((reason) -> assertThat(reason).startsWith("Malformed storage key"));
		assertThat(outside).exists();
		Files.delete(outside);
	}

	@Test
	void directoriesAreListedAsTheirFilesOnly() throws IOException {
		Files.createDirectories(this.root.resolve("empty/dir"));
		write("z", new byte[1]);

		assertThat(this.storage.list("", null, 10)).extracting(StoredObject::key).containsExactly("z");
	}

	@Test
	void refusesARootThatIsNotADirectory() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FilesystemStorage(this.root.resolve("missing")))
			.withMessageContaining("is not a directory");
	}

}
