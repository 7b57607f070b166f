package dev.mastodonmaintenance.batch.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.schema.MaintenanceSchema;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.MediaDatabase;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.storage.S3Settings;
import dev.mastodonmaintenance.storage.S3Storage;
import dev.mastodonmaintenance.testing.FaultyS3Proxy;
import dev.mastodonmaintenance.testing.FaultyS3Proxy.Fault;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.TestS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code media-remove} on a real S3 server behind {@link FaultyS3Proxy}: passing faults
 * are retried away; what still fails within the attempts and the retry budget fails the
 * step with its keys pending in the manifest, after every row change committed as without
 * faults; the restart removes each pending key once (counted at the proxy) and finishes
 * the step.
 */
class MediaRemoveStorageFaultsTests {

	private static final TestS3 s3 = TestS3.get();

	@RegisterExtension
	static final MediaDatabase db = new MediaDatabase();

	private JdbcTemplate jdbc;

	private MastodonData data;

	private String bucket;

	private FaultyS3Proxy proxy;

	private S3Storage storage;

	private List<String> keys;

	@BeforeEach
	void media() {
		this.jdbc = db.jdbc();
		this.data = db.data();
		this.bucket = s3.createBucket(MediaRemoveStorageFaultsTests.class);
		this.proxy = FaultyS3Proxy.inFrontOf(s3.endpoint());
		Account bob = this.data.remoteAccount("bob", "example.com").insert();
		this.keys = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			long id = this.data.media(bob)
				.remote("https://example.com/" + i + ".jpg")
				.file("1fb3c1e2a9d84b7" + i + ".jpeg", "image/jpeg", 10)
				.createdAt(daysAgo(30))
				.insert()
				.id();
			String name = "1fb3c1e2a9d84b7" + i + ".jpeg";
			this.keys.add("cache/media_attachments/files/" + IdPartition.of(id) + "/original/" + name);
			this.keys.add("cache/media_attachments/files/" + IdPartition.of(id) + "/small/" + name);
		}
		this.keys.forEach((key) -> s3.put(this.bucket, key, new byte[10]));
	}

	@AfterEach
	void stop() {
		this.storage.close();
		this.proxy.close();
	}

	@Test
	void keysStillFailingAfterTheirRetriesStayPendingAndTheRestartRemovesEachOnce() throws Exception {
		JobHarness harness = harness(Duration.ofSeconds(30));
		// the first request recovers on its third attempt; one key of the third window
		// keeps failing
		this.proxy.failNextDeletes(Fault.SLOW_DOWN, Fault.CONNECTION_RESET);
		String stubborn = this.keys.get(8);
		this.proxy.failKeys(stubborn::equals, "InternalError", Integer.MAX_VALUE);

		JobExecution failed = harness.run("levels=media-remove", "media-remove.batch-size=2");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getAllFailureExceptions()).singleElement()
			.satisfies((ex) -> assertThat(ex).hasMessageContaining("did not delete 1 of 4 keys"));
		assertThat(this.proxy.faultsInjected()).containsExactly(Fault.SLOW_DOWN, Fault.CONNECTION_RESET);
		assertThat(pendingKeys(failed)).contains(stubborn);
		// what is pending is still stored, what is removed is gone, and nothing went
		// twice
		assertThat(s3.keys(this.bucket)).containsExactlyInAnyOrderElementsOf(pendingKeys(failed));
		assertThat(this.proxy.deletedKeys()).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(removedKeys(failed));
		assertThat(clearedMedia()).isEqualTo(6);

		this.proxy.heal();
		JobExecution restarted = harness.restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(s3.keys(this.bucket)).isEmpty();
		assertThat(pendingKeys(failed)).isEmpty();
		assertThat(removedKeys(failed)).containsExactlyInAnyOrderElementsOf(this.keys);
		assertThat(this.proxy.deletedKeys()).containsExactlyInAnyOrderElementsOf(this.keys);
		assertThat(clearedMedia()).isEqualTo(6);
		assertThat(harness.step(restarted, Level.MEDIA_REMOVE).getExitStatus().getExitDescription())
			.contains("Removed 6 media attachments");
	}

	@Test
	void aRequestWithoutAnswerFailsTheStepWithinTheRetryBudget() throws Exception {
		JobHarness harness = harness(Duration.ofSeconds(2));
		this.proxy.failNextDeletes(Fault.NO_ANSWER);

		JobExecution failed = harness.run("levels=media-remove", "media-remove.batch-size=2");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getAllFailureExceptions()).singleElement()
			.satisfies((ex) -> assertThat(ex).hasMessageContaining("after its retry budget of 2 s"));
		// the first window's files were in the request that got no answer; the second
		// window queued its own
		assertThat(pendingKeys(failed)).containsExactlyInAnyOrderElementsOf(this.keys.subList(0, 8));
		assertThat(s3.keys(this.bucket)).containsExactlyInAnyOrderElementsOf(this.keys);
		assertThat(this.proxy.deletedKeys()).isEmpty();
		assertThat(clearedMedia()).isEqualTo(4);

		this.proxy.heal();
		JobExecution restarted = harness.restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(s3.keys(this.bucket)).isEmpty();
		assertThat(pendingKeys(failed)).isEmpty();
		assertThat(removedKeys(failed)).containsExactlyInAnyOrderElementsOf(this.keys);
		assertThat(this.proxy.deletedKeys()).containsExactlyInAnyOrderElementsOf(this.keys);
		assertThat(clearedMedia()).isEqualTo(6);
	}

	private JobHarness harness(Duration budget) {
		S3Settings direct = s3.settings(this.bucket, "");
		this.storage = new S3Storage(new S3Settings(direct.bucket(), this.proxy.endpoint(), direct.region(), "", true,
				direct.accessKeyId(), direct.secretAccessKey(), 1000, 3, 4, Duration.ofSeconds(5),
				Duration.ofSeconds(5), new S3Settings.Retries(Duration.ofMillis(20), Duration.ofMillis(100), budget)));
		return db.harness(this.storage, null);
	}

	private long clearedMedia() {
		return this.jdbc.queryForObject("SELECT count(*) FROM media_attachments WHERE file_file_name IS NULL",
				Long.class);
	}

	private List<String> pendingKeys(JobExecution run) {
		return keysIn(run, "pending");
	}

	private List<String> removedKeys(JobExecution run) {
		return keysIn(run, "removed");
	}

	private List<String> keysIn(JobExecution run, String state) {
		return this.jdbc.queryForList("SELECT o.key FROM " + MaintenanceSchema.DEFAULT_NAME
				+ ".deletion_manifest m, unnest(m.object_keys) AS o(key) WHERE m.job_instance_id = ? AND m.state = ?",
				String.class, run.getJobInstanceId(), state);
	}

}
