package dev.mastodonmaintenance.boot;

import java.time.Instant;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.audit.OperatorAction;
import dev.mastodonmaintenance.boot.audit.OperatorActions;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * An unattended schedule resumes a failed last execution before starting anything new:
 * its slot restarts the failed run, which ends where an uninterrupted one would; the next
 * slot starts a new run. With {@code schedule.resume=false} the failed execution is left
 * as it is. Either way the schedule is recorded as the launcher.
 */
class ScheduledResumeTests {

	private static MastodonDatabase db;

	private final ApplicationContextRunner node = StarterContexts.host(db)
		.withBean("steppingLevel", SteppingLevel.class, () -> new SteppingLevel(db.jdbc()));

	@BeforeAll
	static void database() {
		db = StarterDatabase.create(ScheduledResumeTests.class);
		StarterDatabase.previewCards(db, 40);
	}

	@Test
	void slotResumesTheFailedLastExecutionBeforeANewRun() {
		long failed = failedRun();
		Instant since = Instant.now();
		scheduled(true).run((context) -> {
			context.getBean(SteppingLevel.class).allowAll();
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			Await.until("a slot resumed the failed run and a later one started a new run",
					() -> maintenance
						.executions(ExecutionQuery.firstPage().between(since, null).withStatuses(BatchStatus.COMPLETED))
						.total() >= 2);
			long resumed = db.jdbc()
				.queryForObject(
						"SELECT min(JOB_EXECUTION_ID) FROM "
								+ "mastodon_maintenance.BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID > ?",
						Long.class, failed);
			assertThat(context.getBean(OperatorActions.class).of(resumed))
				.extracting(OperatorAction::kind, OperatorAction::operator)
				.containsExactly(tuple(OperatorAction.Kind.RESTART, "schedule"));
		});

		Long instance = db.jdbc()
			.queryForObject("SELECT JOB_INSTANCE_ID FROM mastodon_maintenance.BATCH_JOB_EXECUTION "
					+ "WHERE JOB_EXECUTION_ID = ?", Long.class, failed);
		Long resumed = db.jdbc()
			.queryForObject("SELECT min(JOB_EXECUTION_ID) FROM mastodon_maintenance.BATCH_JOB_EXECUTION "
					+ "WHERE JOB_EXECUTION_ID > ?", Long.class, failed);
		assertThat(db.jdbc()
			.queryForObject("SELECT JOB_INSTANCE_ID FROM mastodon_maintenance.BATCH_JOB_EXECUTION "
					+ "WHERE JOB_EXECUTION_ID = ?", Long.class, resumed))
			.as("the first execution after the failure restarts its run")
			.isEqualTo(instance);
		assertThat(db.jdbc()
			.queryForList("SELECT id FROM visited_card WHERE execution_id = ? ORDER BY id", Long.class, resumed))
			.as("the restart resumed after the failed run's last committed chunk")
			.hasSize(30)
			.allMatch((id) -> id > 10);
	}

	@Test
	void slotLeavesTheFailedExecutionWhenResumingIsOff() {
		long failed = failedRun();
		scheduled(false).run((context) -> {
			context.getBean(SteppingLevel.class).allowAll();
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			Await.until("a new scheduled run completed",
					() -> maintenance.lastExecution()
						.map((last) -> last.id() > failed && last.status() == BatchStatus.COMPLETED)
						.orElse(false));
			assertThat(maintenance.execution(failed).orElseThrow().summary().status()).isEqualTo(BatchStatus.FAILED);
			assertThat(maintenance.execution(failed).orElseThrow().actions().restart()).isTrue();
			long launched = maintenance.lastExecution().orElseThrow().id();
			// recorded once the slot's launch returned, which a short run may outlast
			Await.until("the launch recorded", () -> !context.getBean(OperatorActions.class).of(launched).isEmpty());
			assertThat(context.getBean(OperatorActions.class).of(launched))
				.extracting(OperatorAction::kind, OperatorAction::operator)
				.containsExactly(tuple(OperatorAction.Kind.LAUNCH, "schedule"));
		});
	}

	/** A run that fails in its second chunk, after the ids up to 10. */
	private long failedRun() {
		long[] id = new long[1];
		this.node.run((context) -> {
			SteppingLevel level = context.getBean(SteppingLevel.class);
			level.failOnceAt(15);
			level.allowAll();
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			id[0] = maintenance.start(RunRequest.of(Level.PREVIEW_CARDS_REMOVE));
			Await.until("the run failed", () -> Runs.status(maintenance, id[0]) == BatchStatus.FAILED);
			assertThat(maintenance.toResume()).map(ExecutionSummary::id).contains(id[0]);
		});
		return id[0];
	}

	private ApplicationContextRunner scheduled(boolean resume) {
		return this.node.withPropertyValues("mastodon.maintenance.schedule.cron=* * * * * *",
				"mastodon.maintenance.schedule.levels=preview-cards-remove",
				"mastodon.maintenance.schedule.resume=" + resume);
	}

}
