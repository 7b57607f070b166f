package dev.mastodonmaintenance.boot.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.Status;
import dev.mastodonmaintenance.testing.MastodonDatabase;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;

/**
 * Data a run removes for real, stored on the filesystem: a remote account's avatar and
 * header (media-remove with prune-profiles), its three statuses of 100 days ago with a
 * video each (statuses-remove removes the statuses, then their detached media and files)
 * and two preview card images (preview-cards-remove).
 *
 * @param account the remote account
 * @param statuses the statuses that go
 * @param keys every stored key, all of which go
 */
record RemovedData(Account account, List<Status> statuses, List<String> keys) {

	/** The levels and options of the run that removes it all. */
	static final RunRequest RUN = RunRequest.of(Level.MEDIA_REMOVE, Level.PREVIEW_CARDS_REMOVE, Level.STATUSES_REMOVE)
		.option(Level.MEDIA_REMOVE, "prune-profiles", true);

	static RemovedData seed(MastodonDatabase db, Path root) {
		db.execute("TRUNCATE accounts, users, statuses, media_attachments, preview_cards CASCADE");
		MastodonData data = new MastodonData(db.dataSource());
		Account bob = data.remoteAccount("bob", "example.com")
			.updatedAt(daysAgo(30))
			.lastWebfingeredAt(daysAgo(30))
			.avatar("ab12ab12ab12ab12.gif", 100)
			.header("cd34cd34cd34cd34.jpeg", 200)
			.insert();
		String partition = IdPartition.of(bob.id());
		List<String> keys = new ArrayList<>(
				List.of("cache/accounts/avatars/" + partition + "/original/ab12ab12ab12ab12.gif",
						"cache/accounts/headers/" + partition + "/original/cd34cd34cd34cd34.jpeg"));
		List<Status> statuses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Status status = data.status(bob).remote().createdAt(daysAgo(100)).insert();
			statuses.add(status);
			long media = data.media(bob)
				.remote("https://example.com/" + i + ".mp4")
				.status(status)
				.file("0fb3c1e2a9d84b7" + i + ".mp4", "video/mp4", 1000)
				.createdAt(daysAgo(100))
				.insert()
				.id();
			keys.add("cache/media_attachments/files/" + IdPartition.of(media) + "/original/0fb3c1e2a9d84b7" + i
					+ ".mp4");
		}
		for (int i = 0; i < 2; i++) {
			long card = data.previewCard("https://example.com/article" + i)
				.image("e5f6e5f6e5f6e5f" + i + ".jpeg", 300)
				.updatedAt(daysAgo(365))
				.insert()
				.id();
			keys.add("cache/preview_cards/images/" + IdPartition.of(card) + "/original/e5f6e5f6e5f6e5f" + i + ".jpeg");
		}
		keys.forEach((key) -> write(root.resolve(key)));
		return new RemovedData(bob, statuses, keys);
	}

	private static void write(Path file) {
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, new byte[64]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
