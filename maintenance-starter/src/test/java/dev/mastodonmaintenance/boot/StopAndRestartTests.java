package dev.mastodonmaintenance.boot;

import java.util.List;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.MaintenanceException.Reason;
import dev.mastodonmaintenance.boot.testing.Await;
import dev.mastodonmaintenance.boot.testing.Runs;
import dev.mastodonmaintenance.boot.testing.StarterContexts;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.boot.testing.SteppingLevel;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A stopped or failed run ends at a chunk boundary and its restart resumes after the last
 * committed chunk: every row is visited exactly once across the executions. Completed and
 * abandoned runs cannot be restarted, and only the last execution of a run can.
 */
class StopAndRestartTests {

	private static MastodonDatabase db;

	private final ApplicationContextRunner runner = StarterContexts.host(db)
		.withBean("steppingLevel", SteppingLevel.class, () -> new SteppingLevel(db.jdbc()));

	@BeforeAll
	static void database() {
		db = StarterDatabase.create(StopAndRestartTests.class);
		StarterDatabase.previewCards(db, 100);
	}

	@BeforeEach
	void forgetVisits() {
		db.jdbc().execute("DROP TABLE IF EXISTS visited_card");
	}

	@Test
	void stoppedRunEndsStoppedAndItsRestartResumesAfterTheLastChunk() {
		this.runner.run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			SteppingLevel level = context.getBean(SteppingLevel.class);
			long first = maintenance.start(RunRequest.of(Level.PREVIEW_CARDS_REMOVE));
			level.allow(3);
			Await.until("30 rows processed", () -> maintenance.progress(first).orElseThrow().processed() == 30);

			maintenance.stop(first);
			assertThat(Runs.status(maintenance, first)).isEqualTo(BatchStatus.STOPPED);
			assertThat(maintenance.execution(first).orElseThrow().actions())
				.isEqualTo(new ExecutionDetails.Actions(false, false, false, false));
			assertThatExceptionOfType(MaintenanceException.class).isThrownBy(() -> maintenance.restart(first))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.ALREADY_RUNNING))
				.withMessage("Execution " + first
						+ " was stopped and is finishing its current chunk; restart it once its step has stopped");
			level.allow(1);
			Runs.awaitStepStopped(maintenance, first);

			ExecutionDetails stopped = maintenance.execution(first).orElseThrow();
			assertThat(stopped.steps().get(1).status()).isEqualTo(BatchStatus.STOPPED);
			assertThat(stopped.steps().get(1).readCount()).isEqualTo(40);
			assertThat(stopped.actions()).isEqualTo(new ExecutionDetails.Actions(false, true, true, false));
			assertThat(visited(first)).hasSize(40);

			level.allowAll();
			long second = maintenance.restart(first);
			Await.until("the restart completed", () -> Runs.status(maintenance, second) == BatchStatus.COMPLETED);

			ExecutionSummary restarted = maintenance.execution(second).orElseThrow().summary();
			assertThat(restarted.instanceId()).isEqualTo(stopped.summary().instanceId());
			assertThat(restarted.parameters()).isEqualTo(stopped.summary().parameters());
			assertThat(visited(second)).hasSize(60).allMatch((id) -> id > 40);
			assertThat(db.jdbc().queryForList("SELECT DISTINCT id FROM visited_card", Long.class)).hasSize(100);
			assertThat(maintenance.execution(first).orElseThrow().actions().restart()).isFalse();
			assertThatExceptionOfType(MaintenanceException.class).isThrownBy(() -> maintenance.restart(second))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.ILLEGAL_STATE))
				.withMessage(
						"Execution " + second + " completed: a completed run cannot be restarted; start a new run");
			assertThatExceptionOfType(MaintenanceException.class).isThrownBy(() -> maintenance.stop(second))
				.withMessage("Execution " + second + " is not running (status COMPLETED): there is nothing to stop");
		});
	}

	@Test
	void failedRunKeepsItsFullStackTraceAndItsRestartResumes() {
		this.runner.run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			SteppingLevel level = context.getBean(SteppingLevel.class);
			level.failOnceAt(55);
			level.allowAll();
			long first = Runs.runToEnd(maintenance, RunRequest.of(Level.PREVIEW_CARDS_REMOVE));

			ExecutionDetails failed = maintenance.execution(first).orElseThrow();
			assertThat(failed.summary().status()).isEqualTo(BatchStatus.FAILED);
			StepDetails step = failed.steps().get(1);
			assertThat(step.status()).isEqualTo(BatchStatus.FAILED);
			assertThat(step.failures()).singleElement()
				.asString()
				.startsWith("java.lang.IllegalStateException: Injected failure in the window (50, 60]")
				.contains("at dev.mastodonmaintenance.boot.testing.SteppingLevel");
			assertThat(failed.actions()).isEqualTo(new ExecutionDetails.Actions(false, true, true, false));
			assertThat(visited(first)).hasSize(50);

			long second = maintenance.restart(first);
			Await.until("the restart completed", () -> Runs.status(maintenance, second) == BatchStatus.COMPLETED);
			assertThat(visited(second)).hasSize(50).allMatch((id) -> id > 50);
			assertThat(maintenance.execution(second).orElseThrow().steps()).allMatch((s) -> s.failures().isEmpty());
		});
	}

	@Test
	void abandonedRunCannotBeRestarted() {
		this.runner.run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			SteppingLevel level = context.getBean(SteppingLevel.class);
			level.failOnceAt(5);
			level.allowAll();
			long failed = Runs.runToEnd(maintenance, RunRequest.of(Level.PREVIEW_CARDS_REMOVE));

			maintenance.abandon(failed);

			assertThat(Runs.status(maintenance, failed)).isEqualTo(BatchStatus.ABANDONED);
			assertThatExceptionOfType(MaintenanceException.class).isThrownBy(() -> maintenance.restart(failed))
				.withMessage("Execution " + failed + " was abandoned: its run can never be restarted; start a new run");
			assertThatExceptionOfType(MaintenanceException.class).isThrownBy(() -> maintenance.restart(Long.MAX_VALUE))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.NOT_FOUND));
		});
	}

	private static List<Long> visited(long executionId) {
		return db.jdbc()
			.queryForList("SELECT id FROM visited_card WHERE execution_id = ? ORDER BY id", Long.class, executionId);
	}

}
