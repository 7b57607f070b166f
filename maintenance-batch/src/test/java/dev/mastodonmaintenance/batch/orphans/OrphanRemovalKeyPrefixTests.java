package dev.mastodonmaintenance.batch.orphans;

import java.util.List;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.storage.S3Storage;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.TestS3;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code S3_KEY_PREFIX}, where tootctl finds every object unrecognised, orphans
 * under the prefix are recognised and removed, kept files stay, and objects of the bucket
 * outside the prefix are never looked at.
 */
class OrphanRemovalKeyPrefixTests {

	@Test
	void orphansUnderTheKeyPrefixAreRecognised() throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(OrphanRemovalKeyPrefixTests.class);
		long bob = new MastodonData(db.dataSource()).remoteAccount("bob", "example.com")
			.avatar("ab12ab12ab12ab12.jpeg", 10)
			.insert()
			.id();
		String kept = "mastodon/cache/accounts/avatars/" + IdPartition.of(bob) + "/original/ab12ab12ab12ab12.jpeg";
		String orphan = "mastodon/cache/accounts/avatars/" + IdPartition.of(bob) + "/static/ab12ab12ab12ab12.png";
		String outside = "other-app/accounts/avatars/000/000/001/original/x.png";
		TestS3 s3 = TestS3.get();
		String bucket = s3.createBucket(OrphanRemovalKeyPrefixTests.class);
		for (String key : List.of(kept, orphan, outside)) {
			s3.put(bucket, key, new byte[10]);
		}
		try (S3Storage storage = new S3Storage(s3.settings(bucket, "mastodon"))) {
			JobHarness harness = JobHarness.on(new MastodonResources(db.dataSource(), storage, null, List.of()));

			JobExecution execution = harness.run("levels=media-remove-orphans", "media-remove-orphans.min-age=0s");

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(s3.keys(bucket)).containsExactlyInAnyOrder(kept, outside);
			assertThat(harness.summary(execution, Level.MEDIA_REMOVE_ORPHANS))
				.contains("Removed 1 orphans (approx. 10 Bytes)")
				.contains("Visited 2 stored objects; kept 0 unrecognized");
		}
	}

}
