package dev.mastodonmaintenance.batch.restart;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.FlakyStorage;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step that fails mid-way, restarted, ends in the same state as an uninterrupted run:
 * it resumes after the last committed chunk, removes nothing twice, and the steps that
 * had completed are not run again.
 */
class RestartAfterFailureTests {

	private static final int CARDS = 23;

	@TempDir
	Path interruptedRoot;

	@TempDir
	Path uninterruptedRoot;

	@Test
	void restartedRunEndsLikeAnUninterruptedOne() throws Exception {
		MastodonDatabase interruptedDb = seeded(this.interruptedRoot);
		FlakyStorage flaky = new FlakyStorage(new FilesystemStorage(this.interruptedRoot));
		JobHarness interrupted = JobHarness
			.on(new MastodonResources(interruptedDb.dataSource(), flaky, null, List.of()));
		MastodonDatabase uninterruptedDb = seeded(this.uninterruptedRoot);
		JobHarness uninterrupted = JobHarness.on(new MastodonResources(uninterruptedDb.dataSource(),
				new FilesystemStorage(this.uninterruptedRoot), null, List.of()));

		flaky.failOnDelete(3);
		JobExecution failed = interrupted.run("preview-cards-remove.batch-size=5");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(interrupted.step(failed, Level.PREVIEW_CARDS_REMOVE).getExitStatus().getExitDescription())
			.contains("injected failure");
		assertThat(new StorageFiles(this.interruptedRoot).keys()).isNotEmpty().hasSizeLessThan(CARDS);
		assertThat(interrupted.steps(failed)).extracting((step) -> step.getStepName())
			.containsExactly("cache-clear", "preview-cards-remove");

		flaky.heal();
		JobExecution restarted = interrupted.restart(failed);
		JobExecution reference = uninterrupted.run("preview-cards-remove.batch-size=5");

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(reference.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(interrupted.steps(restarted)).extracting((step) -> step.getStepName())
			.as("the completed cache-clear step is not run again")
			.containsExactly("preview-cards-remove", "media-remove", "media-remove-orphans", "accounts-cull",
					"statuses-remove");
		assertThat(cards(interruptedDb.jdbc())).isEqualTo(cards(uninterruptedDb.jdbc()));
		assertThat(new StorageFiles(this.interruptedRoot).keys())
			.isEqualTo(new StorageFiles(this.uninterruptedRoot).keys())
			.containsExactly("cache/preview_cards/images/000/000/024/original/young.jpeg");
		assertThat(interruptedDb.jdbc()
			.queryForList("SELECT o.key FROM mastodon_maintenance.deletion_manifest m, "
					+ "unnest(m.object_keys) AS o(key) GROUP BY o.key HAVING count(*) > 1 OR bool_or(m.state <> 'removed')",
					String.class))
			.as("each object removed once, none left pending")
			.isEmpty();
		assertThat(interruptedDb.jdbc()
			.queryForObject("SELECT sum(cardinality(object_keys)) FROM " + "mastodon_maintenance.deletion_manifest",
					Integer.class))
			.isEqualTo(CARDS);
	}

	private MastodonDatabase seeded(Path root) {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		MastodonData data = new MastodonData(db.dataSource());
		StorageFiles files = new StorageFiles(root);
		IntStream.rangeClosed(1, CARDS).forEach((i) -> {
			String name = String.format("%016x.jpeg", i);
			data.previewCard("https://example.com/" + i).image(name, 100 + i).updatedAt(daysAgo(200)).insert();
			files.write(String.format("cache/preview_cards/images/000/000/%03d/original/%s", i, name), 100 + i);
		});
		data.previewCard("https://example.com/young").image("young.jpeg", 7).updatedAt(daysAgo(2)).insert();
		files.write("cache/preview_cards/images/000/000/024/original/young.jpeg", 7);
		return db;
	}

	private static List<String> cards(JdbcTemplate jdbc) {
		return jdbc
			.queryForList("SELECT id || ':' || coalesce(image_file_name, '-') || ':' || coalesce(image_file_size, -1) "
					+ "FROM preview_cards ORDER BY id", String.class);
	}

}
