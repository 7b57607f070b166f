package dev.mastodonmaintenance.batch.media;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.MastodonServer;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.schema.MaintenanceSchema;
import dev.mastodonmaintenance.batch.testing.FlakyStorage;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.MediaStore;
import dev.mastodonmaintenance.batch.testing.MediaStore.Backend;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.MediaRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code media-remove} interrupted by storage going away mid-step: rows already cleared never name a file
 * that is gone, the files they freed wait in the manifest, and the restart removes them and carries on from
 * the checkpoint, removing nothing twice.
 */
class MediaRemoveRestartTests {

	private static MastodonDatabase db;

	@TempDir
	Path root;

	private JdbcTemplate jdbc;

	private MediaRows rows;

	private final LocalDateTime monthAgo = MediaRows.now().minusDays(30);

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withRealSchema(MediaRemoveRestartTests.class, MastodonDatabase.realSchemaDump().orElseThrow());
	}

	@BeforeEach
	void empty() {
		this.jdbc = db.jdbc();
		this.rows = new MediaRows(this.jdbc);
		this.rows.truncate();
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void restartAfterAFailedDeleteRemovesEverythingOnce(Backend backend) throws Exception {
		long bob = this.rows.account("remote.example", this.monthAgo, this.monthAgo);
		List<Long> media = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			media.add(this.rows.media(bob, null, "https://example.com/" + i + ".jpg", "0fb3c1e2a9d84b7" + i + ".jpeg",
					"image/jpeg", 10, this.monthAgo));
		}
		media.sort(Long::compare);
		try (MediaStore store = MediaStore.open(backend, this.root, "")) {
			List<String> keys = new ArrayList<>();
			for (int i = 0; i < media.size(); i++) {
				String name = fileName(media.get(i));
				keys.add("cache/media_attachments/files/" + IdPartition.of(media.get(i)) + "/original/" + name);
				keys.add("cache/media_attachments/files/" + IdPartition.of(media.get(i)) + "/small/" + name);
			}
			store.writeAll(10, keys);
			FlakyStorage flaky = new FlakyStorage(store.storage());
			JobHarness harness = JobHarness.on(new MastodonServer(db.dataSource(), flaky, null, List.of()));
			flaky.failOnDelete(2);

			JobExecution failed = harness.run("levels=media-remove", "media-remove.batch-size=2");

			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			List<Long> cleared = this.jdbc.queryForList(
					"SELECT id FROM media_attachments WHERE file_file_name IS NULL ORDER BY id", Long.class);
			assertThat(cleared).containsExactlyElementsOf(media.subList(0, 4));
			assertThat(store.keys()).containsExactlyInAnyOrderElementsOf(keys.subList(4, keys.size()));
			assertThat(pendingObjects()).isEqualTo(4);

			flaky.heal();
			JobExecution restarted = harness.restart(failed);

			assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(store.keys()).isEmpty();
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM media_attachments WHERE file_file_name IS NOT NULL",
					Long.class)).isZero();
			assertThat(removedObjectsPerKey()).hasSize(10).allSatisfy((count) -> assertThat(count).isOne());
			assertThat(pendingObjects()).isZero();
			assertThat(harness.step(restarted, Level.MEDIA_REMOVE).getExitStatus().getExitDescription())
				.contains("Removed 5 media attachments");
		}
	}

	private String fileName(long mediaId) {
		return this.jdbc.queryForObject("SELECT coalesce(file_file_name, '') FROM media_attachments WHERE id = ?",
				String.class, mediaId);
	}

	private long pendingObjects() {
		return this.jdbc.queryForObject("SELECT count(*) FROM " + MaintenanceSchema.DEFAULT_NAME
				+ ".deletion_manifest WHERE state = 'pending'", Long.class);
	}

	private List<Long> removedObjectsPerKey() {
		return this.jdbc.queryForList("SELECT count(*) FROM " + MaintenanceSchema.DEFAULT_NAME
				+ ".deletion_manifest WHERE subject_kind = 'object' AND state = 'removed' GROUP BY subject", Long.class);
	}

}
