package dev.mastodonmaintenance.batch.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.MediaDatabase;
import dev.mastodonmaintenance.batch.testing.MediaStore;
import dev.mastodonmaintenance.batch.testing.MediaStore.Backend;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code media-remove.keep-interacted}, as Mastodon's own spec has it: of seven remote
 * media on statuses of remote bob, only the one on a status no local user touched loses
 * its file and thumbnail.
 */
class KeepInteractedMediaRemovalTests {

	@RegisterExtension
	static final MediaDatabase db = new MediaDatabase();

	@TempDir
	Path root;

	@Test
	void keepsMediaOfStatusesLocalUsersInteractedWith() throws Exception {
		JdbcTemplate jdbc = db.jdbc();
		MastodonData data = db.data();
		Account alice = data.localAccount("alice").insert();
		Account bob = data.remoteAccount("bob", "example.com").insert();
		Status favourited = data.status(bob).remote().insert();
		data.favourite(alice, favourited);
		Status bookmarked = data.status(bob).remote().insert();
		data.bookmark(alice, bookmarked);
		Status repliedTo = data.status(bob).remote().insert();
		data.status(alice).replyTo(repliedTo).insert();
		Status reblogged = data.status(bob).remote().insert();
		data.status(alice).reblogOf(reblogged).insert();
		Status quoted = data.status(bob).remote().insert();
		data.quote(data.status(alice).insert(), quoted);
		Status quoting = data.status(bob).remote().insert();
		data.quote(quoting, data.status(alice).insert());
		List<Long> kept = new ArrayList<>();
		for (Status status : List.of(favourited, bookmarked, repliedTo, reblogged, quoted, quoting)) {
			kept.add(media(data, bob, status));
		}
		long untouched = media(data, bob, data.status(bob).remote().insert());
		try (MediaStore store = MediaStore.open(Backend.FILESYSTEM, this.root, "")) {
			kept.forEach((id) -> store.write(original(id), 10));
			store.write(original(untouched), 10);
			JobHarness harness = db.harness(store.storage(), null);

			JobExecution execution = harness.run("levels=media-remove", "media-remove.keep-interacted=true");

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(harness.step(execution, Level.MEDIA_REMOVE).getExitStatus().getExitDescription())
				.contains("Removed 1 media attachments");
			assertThat(jdbc.queryForList("SELECT id FROM media_attachments WHERE file_file_name IS NULL", Long.class))
				.containsExactly(untouched);
			assertThat(jdbc.queryForObject("SELECT thumbnail_file_name FROM media_attachments WHERE id = ?",
					String.class, untouched))
				.isNull();
			assertThat(store.keys()).containsExactlyInAnyOrderElementsOf(kept.stream().map(this::original).toList());
		}
	}

	private static long media(MastodonData data, Account account, Status status) {
		return data.media(account)
			.remote("https://example.com/image.jpg")
			.status(status)
			.file("0fb3c1e2a9d84b7c.jpeg", "image/jpeg", 10)
			.thumbnail("c3d4c3d4c3d4c3d4.png", "image/png", 5)
			.createdAt(daysAgo(30))
			.insert()
			.id();
	}

	private String original(long id) {
		return "cache/media_attachments/files/" + IdPartition.of(id) + "/original/0fb3c1e2a9d84b7c.jpeg";
	}

}
