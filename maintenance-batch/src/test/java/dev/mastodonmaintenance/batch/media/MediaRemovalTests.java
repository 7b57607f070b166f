package dev.mastodonmaintenance.batch.media;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.MediaDatabase;
import dev.mastodonmaintenance.batch.testing.MediaStore;
import dev.mastodonmaintenance.batch.testing.MediaStore.Backend;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.Status;
import dev.mastodonmaintenance.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code media-remove} without options (Mastodon's own spec case and more): the files and
 * thumbnails of remote media older than 7 days go from storage, their rows stay with
 * blank files, their statuses' cached renderings are dropped; local and recent media keep
 * everything. On both back-ends, over several chunks.
 */
class MediaRemovalTests {

	private static final String REDIS = TestRedis.url(6);

	@RegisterExtension
	static final MediaDatabase db = new MediaDatabase();

	@TempDir
	Path root;

	private final JdbcTemplate jdbc = db.jdbc();

	private final MastodonData data = db.data();

	@ParameterizedTest
	@EnumSource(Backend.class)
	void removesTheFilesOfOldRemoteMediaAndKeepsTheirRows(Backend backend) throws Exception {
		Account bob = this.data.remoteAccount("bob", "example.com").insert();
		Status status = this.data.status(bob).remote().insert();
		long old = this.data.media(bob)
			.remote("https://example.com/image.jpg")
			.status(status)
			.file("0fb3c1e2a9d84b7c.jpeg", "image/jpeg", 60_000)
			.thumbnail("c3d4c3d4c3d4c3d4.png", "image/png", 1_000)
			.createdAt(daysAgo(30))
			.insert()
			.id();
		long recent = this.data.media(bob)
			.remote("https://example.com/new.jpg")
			.file("1111111111111111.jpeg", "image/jpeg", 10)
			.createdAt(daysAgo(6))
			.insert()
			.id();
		long local = this.data.media(this.data.localAccount("alice").insert())
			.file("2222222222222222.jpeg", "image/jpeg", 10)
			.createdAt(daysAgo(30))
			.insert()
			.id();
		List<String> oldKeys = List.of(cached("files", old, "original", "0fb3c1e2a9d84b7c.jpeg"),
				cached("files", old, "small", "0fb3c1e2a9d84b7c.jpeg"),
				cached("thumbnails", old, "original", "c3d4c3d4c3d4c3d4.png"));
		List<String> keptKeys = List.of(cached("files", recent, "original", "1111111111111111.jpeg"),
				cached("files", recent, "small", "1111111111111111.jpeg"),
				"media_attachments/files/" + IdPartition.of(local) + "/original/2222222222222222.jpeg",
				"media_attachments/files/" + IdPartition.of(local) + "/small/2222222222222222.jpeg");
		try (MediaStore store = MediaStore.open(backend, this.root, "");
				RedisClient redis = RedisClient.create(REDIS);
				StatefulRedisConnection<String, String> connection = redis.connect()) {
			store.writeAll(100, oldKeys);
			store.writeAll(100, keptKeys);
			connection.sync().set("cache:v3:statuses/" + status.id(), "rendered");
			connection.sync().set("cache:v3:statuses/1", "rendered");
			JobHarness harness = db.harness(store.storage(), REDIS);

			JobExecution execution = harness.run("levels=media-remove", "media-remove.batch-size=1");

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(store.keys()).containsExactlyInAnyOrderElementsOf(keptKeys);
			Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM media_attachments WHERE id = ?", old);
			assertThat(row).containsEntry("file_file_name", null)
				.containsEntry("thumbnail_file_name", null)
				.containsEntry("remote_url", "https://example.com/image.jpg");
			assertThat(this.jdbc
				.queryForObject("SELECT count(*) FROM media_attachments WHERE file_file_name IS NOT NULL", Long.class))
				.isEqualTo(2);
			assertThat(connection.sync().exists("cache:v3:statuses/" + status.id())).isZero();
			assertThat(connection.sync().exists("cache:v3:statuses/1")).isOne();
			assertThat(harness.step(execution, Level.MEDIA_REMOVE).getCommitCount()).isGreaterThan(3);
			assertThat(harness.step(execution, Level.MEDIA_REMOVE).getExitStatus().getExitDescription())
				.contains("Removed 1 media attachments (approx. 59.6 KB)")
				.contains("Removed 3 stored objects");
		}
	}

	@Test
	void isSkippedWithoutStorage() throws Exception {
		this.data.media(this.data.remoteAccount("bob", "example.com").insert())
			.remote("https://example.com/image.jpg")
			.file("0fb3c1e2a9d84b7c.jpeg", "image/jpeg", 10)
			.createdAt(daysAgo(30))
			.insert();
		JobHarness harness = db.harness(null, null);

		JobExecution execution = harness.run("levels=media-remove");

		assertThat(harness.step(execution, Level.MEDIA_REMOVE).getExitStatus().getExitCode())
			.isEqualTo(ExitStatus.NOOP.getExitCode());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM media_attachments WHERE file_file_name IS NOT NULL",
				Long.class))
			.isOne();
	}

	private static String cached(String attachment, long id, String style, String fileName) {
		return "cache/media_attachments/" + attachment + "/" + IdPartition.of(id) + "/" + style + "/" + fileName;
	}

}
