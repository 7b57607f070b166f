package dev.mastodonmaintenance.batch.restart;

import java.util.List;
import java.util.Set;

import dev.mastodonmaintenance.IdWindow;
import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelDefinition;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.LevelTransaction;
import dev.mastodonmaintenance.batch.LevelWork;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step that fails with an {@code Error} (the JVM out of native threads, out of memory)
 * still reports what the chunks that committed before it did, in its figures and summary,
 * and its restart does the rest.
 */
class ErrorInStepTests {

	@Test
	void stepFailingWithAnErrorReportsTheChunksThatCommitted() throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		db.jdbc()
			.update("INSERT INTO preview_cards (id, url, created_at, updated_at) SELECT g, 'https://example.com/' || g, "
					+ "now(), now() - interval '400 days' FROM generate_series(1, 23) AS g");
		ThreadStarved level = new ThreadStarved(db.jdbc());
		JobHarness harness = JobHarness.on(new MastodonResources(db.dataSource(), null, null, List.of()))
			.replacing(level);

		JobExecution failed = harness.run("levels=preview-cards-remove");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		StepExecution step = harness.step(failed, Level.PREVIEW_CARDS_REMOVE);
		assertThat(step.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(step.getExitStatus().getExitDescription()).contains("unable to create native thread");
		assertThat(step.getExecutionContext().getString("report.summary")).isEqualTo("Touched 10 preview cards");
		assertThat(LevelReport.of(step.getExecutionContext()).rowsChanged()).isEqualTo(10);
		assertThat(step.getWriteCount()).isEqualTo(10);
		assertThat(touched(db.jdbc())).isEqualTo(10);

		JobExecution restarted = harness.restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(touched(db.jdbc())).isEqualTo(23);
		assertThat(db.jdbc()
			.queryForObject("SELECT sum(cardinality(row_ids)) FROM mastodon_maintenance.deletion_manifest",
					Integer.class))
			.as("each row recorded once")
			.isEqualTo(23);
	}

	private static Integer touched(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT count(*) FROM preview_cards WHERE url LIKE '%#touched'", Integer.class);
	}

	/**
	 * Marks preview cards five at a time, in the chunk's transaction, and fails with the
	 * error a JVM out of threads throws in its third chunk, once.
	 */
	private static final class ThreadStarved implements LevelDefinition<Void> {

		private final JdbcTemplate jdbc;

		private boolean failed;

		ThreadStarved(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public Level level() {
			return Level.PREVIEW_CARDS_REMOVE;
		}

		@Override
		public Set<String> optionNames() {
			return Set.of();
		}

		@Override
		public @Nullable Void options(MaintenanceParameters parameters) {
			return null;
		}

		@Override
		public LevelWork open(@Nullable Void options, MaintenanceParameters parameters) {
			IdWindow windows = new IdWindow(this.jdbc, "preview_cards");
			return new LevelWork() {

				@Override
				public boolean nextChunk(LevelTransaction chunk) {
					long lastId = chunk.checkpoint().getLong("last-id", 0);
					Long upTo = windows.upperBound(lastId, 5);
					if (upTo == null) {
						return false;
					}
					if (upTo > 10 && !ThreadStarved.this.failed) {
						ThreadStarved.this.failed = true;
						throw new OutOfMemoryError(
								"unable to create native thread: possibly out of memory or process/resource limits reached");
					}
					List<Long> ids = ThreadStarved.this.jdbc.queryForList(
							"UPDATE preview_cards SET url = url || '#touched' WHERE id > ? AND id <= ? RETURNING id",
							Long.class, lastId, upTo);
					chunk.visited(ids.size());
					chunk.changed("preview_cards", ids);
					chunk.checkpoint().putLong("last-id", upTo);
					return true;
				}

				@Override
				public List<String> summary(LevelReport report) {
					return List.of("Touched " + report.rowsChanged() + " preview cards");
				}

			};
		}

	}

}
