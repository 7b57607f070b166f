package dev.mastodonmaintenance.batch.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.schema.MaintenanceSchema;
import dev.mastodonmaintenance.batch.testing.FlakyStorage;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.MediaDatabase;
import dev.mastodonmaintenance.batch.testing.MediaStore;
import dev.mastodonmaintenance.batch.testing.MediaStore.Backend;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code media-remove} interrupted by storage going away mid-step: rows already cleared
 * never name a file that is gone, the files they freed wait in the manifest, and the
 * restart removes them and carries on from the checkpoint, removing nothing twice.
 */
class MediaRemoveRestartTests {

	@RegisterExtension
	static final MediaDatabase db = new MediaDatabase();

	@TempDir
	Path root;

	private final JdbcTemplate jdbc = db.jdbc();

	private final MastodonData data = db.data();

	@ParameterizedTest
	@EnumSource(Backend.class)
	void restartAfterAFailedDeleteRemovesEverythingOnce(Backend backend) throws Exception {
		Account bob = this.data.remoteAccount("bob", "example.com").insert();
		List<Long> media = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			media.add(this.data.media(bob)
				.remote("https://example.com/" + i + ".jpg")
				.file("0fb3c1e2a9d84b7" + i + ".jpeg", "image/jpeg", 10)
				.createdAt(daysAgo(30))
				.insert()
				.id());
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
			JobHarness harness = db.harness(flaky, null);
			flaky.failOnDelete(2);

			JobExecution failed = harness.run("levels=media-remove", "media-remove.batch-size=2");

			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			// the first window's files went; the third chunk, whose removal of the second
			// window's files failed,
			// still committed its own window, and the step failed with the next chunk
			List<Long> cleared = this.jdbc
				.queryForList("SELECT id FROM media_attachments WHERE file_file_name IS NULL ORDER BY id", Long.class);
			assertThat(cleared).containsExactlyElementsOf(media);
			assertThat(store.keys()).containsExactlyInAnyOrderElementsOf(keys.subList(4, keys.size()));
			assertThat(pendingObjects(failed)).isEqualTo(6);
			assertThat(failed.getAllFailureExceptions()).singleElement()
				.satisfies((ex) -> assertThat(ex).hasMessageContaining("injected failure on delete request 2"));

			flaky.heal();
			JobExecution restarted = harness.restart(failed);

			assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(store.keys()).isEmpty();
			assertThat(this.jdbc
				.queryForObject("SELECT count(*) FROM media_attachments WHERE file_file_name IS NOT NULL", Long.class))
				.isZero();
			assertThat(removedObjectsPerKey(failed)).hasSize(10).allSatisfy((count) -> assertThat(count).isOne());
			assertThat(pendingObjects(failed)).isZero();
			assertThat(harness.step(restarted, Level.MEDIA_REMOVE).getExitStatus().getExitDescription())
				.contains("Removed 5 media attachments");
		}
	}

	private String fileName(long mediaId) {
		return this.jdbc.queryForObject("SELECT coalesce(file_file_name, '') FROM media_attachments WHERE id = ?",
				String.class, mediaId);
	}

	private long pendingObjects(JobExecution run) {
		return this.jdbc.queryForObject(
				"SELECT coalesce(sum(cardinality(object_keys)), 0) FROM " + MaintenanceSchema.DEFAULT_NAME
						+ ".deletion_manifest WHERE job_instance_id = ? AND state = 'pending'",
				Long.class, run.getJobInstanceId());
	}

	private List<Long> removedObjectsPerKey(JobExecution run) {
		return this.jdbc.queryForList("SELECT count(*) FROM " + MaintenanceSchema.DEFAULT_NAME
				+ ".deletion_manifest m, unnest(m.object_keys) AS o(key) WHERE m.job_instance_id = ? "
				+ "AND m.state = 'removed' GROUP BY o.key", Long.class, run.getJobInstanceId());
	}

}
