package dev.mastodonmaintenance.batch;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.mastodonmaintenance.MastodonServer;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.Status;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole job on the real Mastodon 4.7 schema ({@code shared/mastodon/schema.sql} beside the checkout),
 * to prove the project's fixture has not drifted from production. A user's clone without that file skips
 * this test with a notice; CI ({@code CI=true}) requires it.
 */
class RealSchemaJobTests {

	private static final String REDIS = TestRedis.url(5);

	@TempDir
	Path root;

	@Test
	void runsEveryLevelOnTheRealSchema() throws Exception {
		Optional<Path> dump = MastodonDatabase.realSchemaDump();
		if (dump.isEmpty() && "true".equals(System.getenv("CI"))) {
			throw new AssertionError("CI must check the job against the real Mastodon schema, but "
					+ "shared/mastodon/schema.sql was not found beside the checkout");
		}
		assumeTrue(dump.isPresent(), "Skipped: the real Mastodon schema (shared/mastodon/schema.sql beside the "
				+ "checkout) is absent, so the job runs on the project's fixture only");
		MastodonDatabase db = MastodonDatabase.withRealSchema(getClass(), dump.get());
		List<String> migrations = db.jdbc().queryForList("SELECT version FROM schema_migrations", String.class);
		MastodonData data = new MastodonData(db.dataSource());
		StorageFiles files = new StorageFiles(this.root);
		Account bob = data.remoteAccount("bob", "example.org").updatedAt(daysAgo(30)).lastWebfingeredAt(daysAgo(30))
			.insert();
		Status old = data.status(bob).remote().createdAt(daysAgo(400)).insert();
		MastodonData.PreviewCard card = data.previewCard("https://example.org/article").image("a1b2c3d4e5f60718.jpeg", 500)
			.updatedAt(daysAgo(200)).insert();
		data.linkCard(card, old);
		files.write(String.format("cache/preview_cards/images/%s/original/a1b2c3d4e5f60718.jpeg", partition(card.id())),
				500);
		try (RedisClient client = RedisClient.create(REDIS); StatefulRedisConnection<String, String> redis = client.connect()) {
			redis.sync().flushdb();
			redis.sync().set("cache:v3:statuses/" + old.id(), "rendered");
			redis.sync().set("feed:home:1", "kept");

			JobHarness harness = JobHarness
				.on(new MastodonServer(db.dataSource(), new FilesystemStorage(this.root), REDIS, List.of()));
			JobExecution execution = harness.run();

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(harness.steps(execution)).extracting(StepExecution::getStepName)
				.containsExactly("cache-clear", "preview-cards-remove", "media-remove", "media-remove-orphans",
						"accounts-cull", "statuses-remove");
			assertThat(redis.sync().keys("*")).containsExactly("feed:home:1");
		}
		assertThat(db.jdbc().queryForObject("SELECT image_file_name FROM preview_cards WHERE id = ?", String.class,
				card.id())).isNull();
		assertThat(files.keys()).isEmpty();
		assertThat(db.jdbc().queryForList("SELECT version FROM schema_migrations", String.class)).isEqualTo(migrations);
	}

	private static String partition(long id) {
		String digits = String.format("%09d", id);
		return digits.substring(0, 3) + "/" + digits.substring(3, 6) + "/" + digits.substring(6, 9);
	}

}
