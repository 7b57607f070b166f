package dev.mastodonmaintenance.batch.orphans;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.FlakyStorage;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.MediaStore.Backend;
import dev.mastodonmaintenance.batch.testing.MediaStore;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code media-remove-orphans} interrupted mid-walk continues after the last page it
 * committed, from its own checkpoint, without anyone passing {@code start-after}, and
 * first removes the orphans those pages left pending.
 */
class OrphanRemovalRestartTests {

	private static MastodonDatabase db;

	@TempDir
	Path root;

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withFixture(OrphanRemovalRestartTests.class);
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void restartContinuesAfterTheLastCommittedPage(Backend backend) throws Exception {
		List<String> orphans = new ArrayList<>();
		for (int i = 1; i <= 7; i++) {
			orphans.add("accounts/avatars/000/000/00" + i + "/original/a.png");
		}
		try (MediaStore store = MediaStore.open(backend, this.root, "")) {
			store.writeAll(10, orphans);
			FlakyStorage flaky = new FlakyStorage(store.storage());
			JobHarness harness = JobHarness.on(new MastodonResources(db.dataSource(), flaky, null, List.of()));
			flaky.failOnDelete(2);

			JobExecution failed = harness.run("levels=media-remove-orphans", "media-remove-orphans.min-age=0s",
					"media-remove-orphans.batch-size=2");

			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(store.keys()).containsExactlyElementsOf(orphans.subList(2, 7));

			flaky.heal();
			JobExecution restarted = harness.restart(failed);

			assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(store.keys()).isEmpty();
			// the second page's delete failed while the third page committed: both pages'
			// orphans were pending,
			// and only the fourth page is listed again
			assertThat(harness.step(restarted, Level.MEDIA_REMOVE_ORPHANS).getReadCount()).isEqualTo(1);
			assertThat(harness.summary(restarted, Level.MEDIA_REMOVE_ORPHANS))
				.contains("Removed 7 orphans (approx. 70 Bytes)");
		}
	}

}
