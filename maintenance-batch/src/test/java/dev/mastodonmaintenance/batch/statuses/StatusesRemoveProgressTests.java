package dev.mastodonmaintenance.batch.statuses;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelDefinition;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.LevelTransaction;
import dev.mastodonmaintenance.batch.LevelWork;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.Conversation;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code statuses-remove} reports its progress per phase, each against what that phase
 * walks: the statuses below the cut-off, then {@code media_attachments}, then
 * {@code conversations}, so that the last phases do not read as 0% of the statuses.
 */
class StatusesRemoveProgressTests {

	@TempDir
	Path root;

	@Test
	void eachPhaseReportsItsOwnPositionUpToItsEnd() throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		MastodonData data = new MastodonData(db.dataSource());
		Account alice = data.localAccount("alice").insert();
		Account bob = data.remoteAccount("bob", "remote.example").insert();
		for (int i = 0; i < 6; i++) {
			data.status(bob).createdAt(daysAgo(100)).insert();
			data.media(alice).file("ffffffffffffff0" + i + ".png", "image/png", 10).createdAt(daysAgo(100)).insert();
			Conversation conversation = data.conversation();
			db.jdbc().update("UPDATE conversations SET created_at = ? WHERE id = ?", daysAgo(2), conversation.id());
		}
		MastodonResources mastodon = new MastodonResources(db.dataSource(), new FilesystemStorage(this.root), null,
				List.of());
		Noted noted = new Noted(new StatusesRemoveLevel(mastodon));
		JobHarness harness = JobHarness.on(mastodon).replacing(noted);

		JobExecution execution = harness.run("levels=statuses-remove", "statuses-remove.batch-size=2", "dry-run=true");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<String> phases = noted.reports.stream().map(Reading::phase).distinct().toList();
		assertThat(phases).containsExactly("statuses", "media", "conversations");
		for (String phase : phases) {
			List<Double> fractions = noted.reports.stream()
				.filter((reading) -> reading.phase().equals(phase))
				.map(Reading::fraction)
				.toList();
			assertThat(fractions).as(phase).allMatch((fraction) -> fraction > 0).isSorted();
			assertThat(fractions.get(fractions.size() - 1)).as(phase).isEqualTo(1.0);
		}
	}

	/** The phase and fraction a chunk reported. */
	private record Reading(String phase, double fraction) {
	}

	/** The level, noting the progress each chunk reported. */
	private static final class Noted implements LevelDefinition<StatusesRemoveOptions> {

		private final StatusesRemoveLevel delegate;

		private final List<Reading> reports = new ArrayList<>();

		Noted(StatusesRemoveLevel delegate) {
			this.delegate = delegate;
		}

		@Override
		public Level level() {
			return Level.STATUSES_REMOVE;
		}

		@Override
		public Set<String> optionNames() {
			return this.delegate.optionNames();
		}

		@Override
		public StatusesRemoveOptions options(MaintenanceParameters parameters) {
			return this.delegate.options(parameters);
		}

		@Override
		public LevelWork open(StatusesRemoveOptions options, MaintenanceParameters parameters) {
			LevelWork work = this.delegate.open(options, parameters);
			return new LevelWork() {

				@Override
				public boolean nextChunk(LevelTransaction chunk) throws Exception {
					boolean more = work.nextChunk(chunk);
					LevelReport report = chunk.report();
					if (report.phase() != null && report.fraction() != null) {
						Noted.this.reports.add(new Reading(report.phase(), report.fraction()));
					}
					return more;
				}

				@Override
				public List<String> summary(LevelReport report) {
					return work.summary(report);
				}

				@Override
				public void close() {
					work.close();
				}

			};
		}

	}

}
