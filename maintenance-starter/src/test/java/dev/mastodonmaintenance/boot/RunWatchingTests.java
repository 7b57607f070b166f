package dev.mastodonmaintenance.boot;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.testing.Await;
import dev.mastodonmaintenance.boot.testing.Runs;
import dev.mastodonmaintenance.boot.testing.StarterContexts;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.boot.testing.SteppingLevel;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A run started through the facade is listed with its filters, detailed step by step, and
 * shows its progress while it runs: processed rows of an estimate from the id range of
 * the table it walks.
 */
class RunWatchingTests {

	private static MastodonDatabase db;

	private final ApplicationContextRunner runner = StarterContexts.host(db)
		.withBean("steppingLevel", SteppingLevel.class, () -> new SteppingLevel(db.jdbc()));

	@BeforeAll
	static void database() {
		db = StarterDatabase.create(RunWatchingTests.class);
		StarterDatabase.previewCards(db, 100);
	}

	@Test
	void startedRunIsListedDetailedAndShowsProgress() {
		this.runner.run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			SteppingLevel level = context.getBean(SteppingLevel.class);

			long id = maintenance.start(RunRequest.of(Level.PREVIEW_CARDS_REMOVE)
				.option(Level.PREVIEW_CARDS_REMOVE, "days", 30)
				.dryRun(true));
			level.allow(3);
			Progress progress = Await.value("30 rows processed",
					() -> maintenance.progress(id).filter((p) -> p.processed() == 30).orElse(null));

			assertThat(progress.stepName()).isEqualTo("preview-cards-remove");
			assertThat(progress.level()).isEqualTo(Level.PREVIEW_CARDS_REMOVE);
			assertThat(progress.stepNumber()).isEqualTo(1);
			assertThat(progress.stepCount()).isEqualTo(1);
			assertThat(progress.basis()).isEqualTo(Progress.Basis.ID_RANGE);
			assertThat(progress.fraction()).isCloseTo(0.3, within(0.001));
			assertThat(progress.estimatedTotal()).isEqualTo(100);
			ExecutionSummary running = maintenance.executions(ExecutionQuery.firstPage()).executions().get(0);
			assertThat(running.id()).isEqualTo(id);
			assertThat(running.status()).isEqualTo(BatchStatus.STARTED);
			assertThat(running.levels()).containsExactly(Level.PREVIEW_CARDS_REMOVE);
			assertThat(running.dryRun()).isTrue();
			assertThat(running.parameters()).containsEntry("preview-cards-remove.days", "30");
			assertThat(maintenance.execution(id).orElseThrow().actions())
				.isEqualTo(new ExecutionDetails.Actions(true, false, false, false));

			level.allowAll();
			Await.until("the run completed",
					() -> maintenance.execution(id)
						.map((details) -> details.summary().status() == BatchStatus.COMPLETED)
						.orElse(false));

			ExecutionDetails details = maintenance.execution(id).orElseThrow();
			assertThat(details.steps()).extracting(StepDetails::name)
				.containsExactly("cache-clear", "preview-cards-remove", "media-remove", "media-remove-orphans",
						"accounts-cull", "statuses-remove");
			StepDetails cards = details.steps().get(1);
			assertThat(cards.status()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(cards.readCount()).isEqualTo(100);
			assertThat(cards.commitCount()).isGreaterThanOrEqualTo(10);
			assertThat(cards.summary()).isEqualTo("Visited 100 preview cards");
			assertThat(cards.exitDescription()).contains("Visited 100 preview cards");
			assertThat(cards.figures().rowsChanged()).isEqualTo(100);
			assertThat(cards.figures().bytesRecorded()).isEqualTo(10_000);
			assertThat(details.steps().get(0).exitCode()).isEqualTo("NOOP");
			assertThat(details.steps().get(0).summary()).isEqualTo("Skipped: level not selected for this run");
			assertThat(details.summary().totals().rowsVisited()).isEqualTo(100);
			assertThat(details.actions()).isEqualTo(new ExecutionDetails.Actions(false, false, false, false));
			assertThat(maintenance.progress(id).orElseThrow().basis()).isEqualTo(Progress.Basis.DONE);
			assertThat(new JdbcTemplate(db.dataSource())
				.queryForObject("SELECT count(*) FROM visited_card WHERE execution_id = ?", Long.class, id))
				.isEqualTo(100);
		});
	}

	@Test
	void executionsAreFilteredByStatusDateAndLevelAndPaged() {
		this.runner.run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			context.getBean(SteppingLevel.class).allowAll();
			Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
			long cardsOnly = Runs.runToEnd(maintenance, RunRequest.of(Level.PREVIEW_CARDS_REMOVE).dryRun(true));
			long allLevels = Runs.runToEnd(maintenance, RunRequest.allLevels().dryRun(true));

			List<Long> newest = ids(maintenance.executions(ExecutionQuery.firstPage().between(before, null)));
			assertThat(newest).containsExactly(allLevels, cardsOnly);
			assertThat(ids(maintenance
				.executions(ExecutionQuery.firstPage().between(before, null).withLevel(Level.CACHE_CLEAR))))
				.containsExactly(allLevels);
			assertThat(ids(maintenance
				.executions(ExecutionQuery.firstPage().between(before, null).withLevel(Level.PREVIEW_CARDS_REMOVE))))
				.containsExactly(allLevels, cardsOnly);
			assertThat(ids(maintenance.executions(ExecutionQuery.firstPage()
				.between(before, null)
				.withStatuses(BatchStatus.FAILED, BatchStatus.STOPPED)))).isEmpty();
			assertThat(ids(maintenance
				.executions(ExecutionQuery.firstPage().between(Instant.now().plus(1, ChronoUnit.HOURS), null))))
				.isEmpty();
			ExecutionPage second = maintenance.executions(ExecutionQuery.firstPage().between(before, null).page(1, 1));
			assertThat(ids(second)).containsExactly(cardsOnly);
			assertThat(second.total()).isEqualTo(2);
			assertThat(second.totalPages()).isEqualTo(2);
			assertThat(second.hasNext()).isFalse();
			assertThat(maintenance.lastExecution()).map(ExecutionSummary::id).contains(allLevels);
		});
	}

	@Test
	void progressOfALevelThatWalksNoTableIsEstimatedFromItsLastCompletedRun() {
		this.runner
			.withBean("orphansLikeLevel", SteppingLevel.class,
					() -> new SteppingLevel(db.jdbc(), Level.MEDIA_REMOVE_ORPHANS, "media-remove-orphans.position"))
			.run((context) -> {
				MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
				SteppingLevel level = (SteppingLevel) context.getBean("orphansLikeLevel");
				level.allowAll();
				Runs.runToEnd(maintenance, RunRequest.of(Level.MEDIA_REMOVE_ORPHANS));
				level.drain();

				long id = maintenance.start(RunRequest.of(Level.MEDIA_REMOVE_ORPHANS));
				level.allow(4);
				Progress progress = Await.value("40 rows processed",
						() -> maintenance.progress(id).filter((p) -> p.processed() == 40).orElse(null));

				assertThat(progress.basis()).isEqualTo(Progress.Basis.PREVIOUS_RUN);
				assertThat(progress.estimatedTotal()).isEqualTo(100);
				assertThat(progress.fraction()).isCloseTo(0.4, within(0.001));
				level.allowAll();
				Await.until("the run ended", () -> !maintenance.execution(id).orElseThrow().summary().running());
			});
	}

	private static List<Long> ids(ExecutionPage page) {
		return page.executions().stream().map(ExecutionSummary::id).toList();
	}

}
