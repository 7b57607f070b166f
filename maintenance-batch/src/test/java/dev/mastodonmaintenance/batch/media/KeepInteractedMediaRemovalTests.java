package dev.mastodonmaintenance.batch.media;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.MastodonServer;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.MediaStore;
import dev.mastodonmaintenance.batch.testing.MediaStore.Backend;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.MediaRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code media-remove.keep-interacted} (§14 M5): of seven remote media on statuses of remote bob, only the
 * one on a status no local user touched loses its files.
 */
class KeepInteractedMediaRemovalTests {

	private static MastodonDatabase db;

	@TempDir
	Path root;

	private JdbcTemplate jdbc;

	private MediaRows rows;

	private final LocalDateTime monthAgo = MediaRows.now().minusDays(30);

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withRealSchema(KeepInteractedMediaRemovalTests.class,
				MastodonDatabase.realSchemaDump().orElseThrow());
	}

	@BeforeEach
	void empty() {
		this.jdbc = db.jdbc();
		this.rows = new MediaRows(this.jdbc);
		this.rows.truncate();
	}

	@Test
	void keepsMediaOfStatusesLocalUsersInteractedWith() throws Exception {
		long alice = this.rows.localAccount();
		long bob = this.rows.account("remote.example", this.monthAgo, this.monthAgo);
		List<Long> kept = new ArrayList<>();
		long favourited = this.rows.status(bob, false);
		this.rows.favourite(alice, favourited);
		long bookmarked = this.rows.status(bob, false);
		this.rows.bookmark(alice, bookmarked);
		long repliedTo = this.rows.status(bob, false);
		this.rows.status(alice, true, repliedTo, null);
		long reblogged = this.rows.status(bob, false);
		this.rows.status(alice, true, null, reblogged);
		long quoted = this.rows.status(bob, false);
		this.rows.quote(this.rows.status(alice, true), alice, quoted, bob);
		long quoting = this.rows.status(bob, false);
		this.rows.quote(quoting, bob, this.rows.status(alice, true), alice);
		for (long status : List.of(favourited, bookmarked, repliedTo, reblogged, quoted, quoting)) {
			kept.add(media(bob, status));
		}
		long untouched = media(bob, this.rows.status(bob, false));
		try (MediaStore store = MediaStore.open(Backend.FILESYSTEM, this.root, "")) {
			for (long id : kept) {
				store.write(original(id), 10);
			}
			store.write(original(untouched), 10);
			JobHarness harness = JobHarness.on(new MastodonServer(db.dataSource(), store.storage(), null, List.of()));

			JobExecution execution = harness.run("levels=media-remove", "media-remove.keep-interacted=true");

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(harness.step(execution, Level.MEDIA_REMOVE).getExitStatus().getExitDescription())
				.contains("Removed 1 media attachments");
			assertThat(this.jdbc.queryForList("SELECT id FROM media_attachments WHERE file_file_name IS NULL", Long.class))
				.containsExactly(untouched);
			assertThat(this.jdbc.queryForObject("SELECT thumbnail_file_name FROM media_attachments WHERE id = ?",
					String.class, untouched)).isNull();
			assertThat(store.keys()).containsExactlyInAnyOrderElementsOf(kept.stream().map(this::original).toList());
		}
	}

	private long media(long accountId, long statusId) {
		long id = this.rows.media(accountId, statusId, "https://example.com/image.jpg", "0fb3c1e2a9d84b7c.jpeg",
				"image/jpeg", 10, this.monthAgo);
		this.rows.thumbnail(id, "c3d4c3d4c3d4c3d4.png", "image/png", 5);
		return id;
	}

	private String original(long id) {
		return "cache/media_attachments/files/" + IdPartition.of(id) + "/original/0fb3c1e2a9d84b7c.jpeg";
	}

}
