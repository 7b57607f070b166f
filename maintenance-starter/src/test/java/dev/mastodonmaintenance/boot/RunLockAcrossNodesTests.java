package dev.mastodonmaintenance.boot;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.MaintenanceException.Reason;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two application instances (two contexts, two connection pools) on one database: while
 * one runs the job, the other's start is refused; with the same schedule on both, each
 * slot's run is launched by exactly one of them and runs never overlap.
 */
class RunLockAcrossNodesTests {

	private static MastodonDatabase db;

	private final ApplicationContextRunner node = StarterContexts.host(db)
		.withBean("steppingLevel", SteppingLevel.class, () -> new SteppingLevel(db.jdbc()));

	@BeforeAll
	static void database() {
		db = StarterDatabase.create(RunLockAcrossNodesTests.class);
		StarterDatabase.previewCards(db, 30);
	}

	@Test
	void startOnOneNodeWhileAnotherRunsIsRefused() {
		this.node.run((first) -> this.node.run((second) -> {
			MastodonMaintenance one = first.getBean(MastodonMaintenance.class);
			MastodonMaintenance two = second.getBean(MastodonMaintenance.class);
			long running = one.start(RunRequest.of(Level.PREVIEW_CARDS_REMOVE).dryRun(true));
			Await.until("the run is in its step",
					() -> one.progress(running).map((p) -> p.level() == Level.PREVIEW_CARDS_REMOVE).orElse(false));

			assertThatExceptionOfType(MaintenanceException.class).isThrownBy(() -> two.start(RunRequest.allLevels()))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.ALREADY_RUNNING))
				.withMessageContaining(
						"A maintenance run is already running on a node sharing the database: execution " + running);
			assertThat(two.execution(running).orElseThrow().actions().stop()).isTrue();
			assertThatExceptionOfType(MaintenanceException.class).isThrownBy(() -> two.recover(running))
				.withMessageContaining("is running on a node sharing the database");

			two.stop(running);
			first.getBean(SteppingLevel.class).allowAll();
			Runs.awaitStepStopped(two, running);
			long restarted = two.restart(running);
			second.getBean(SteppingLevel.class).allowAll();
			Await.until("the restart on the other node completed",
					() -> Runs.status(one, restarted) == BatchStatus.COMPLETED);
		}));
	}

	@Test
	void sameScheduleOnTwoNodesLaunchesEachSlotOnce() {
		ApplicationContextRunner scheduled = this.node.withPropertyValues(
				"mastodon.maintenance.schedule.cron=* * * * * *",
				"mastodon.maintenance.schedule.levels=preview-cards-remove",
				"mastodon.maintenance.schedule.dry-run=true");
		Instant since = Instant.now();
		scheduled.run((first) -> scheduled.run((second) -> {
			first.getBean(SteppingLevel.class).allowAll();
			second.getBean(SteppingLevel.class).allowAll();
			MastodonMaintenance maintenance = first.getBean(MastodonMaintenance.class);
			Await.until("three scheduled runs completed",
					() -> maintenance
						.executions(ExecutionQuery.firstPage().between(since, null).withStatuses(BatchStatus.COMPLETED))
						.total() >= 3);
		}));

		List<Map<String, Object>> runs = db.jdbc()
			.queryForList("SELECT p.PARAMETER_VALUE AS run_at, count(*) AS executions, min(e.START_TIME) AS started, "
					+ "max(e.END_TIME) AS ended FROM mastodon_maintenance.BATCH_JOB_EXECUTION e "
					+ "JOIN mastodon_maintenance.BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID "
					+ "AND p.PARAMETER_NAME = 'run.at' WHERE e.CREATE_TIME >= ? GROUP BY p.PARAMETER_VALUE ORDER BY 1",
					java.sql.Timestamp.from(since));
		assertThat(runs).hasSizeGreaterThanOrEqualTo(3).allSatisfy((run) -> {
			assertThat(run.get("executions")).isEqualTo(1L);
			assertThat(Instant.parse((String) run.get("run_at")).getNano()).isZero();
		});
		for (int i = 1; i < runs.size(); i++) {
			Object previousEnd = runs.get(i - 1).get("ended");
			assertThat(previousEnd).isNotNull();
			assertThat((java.sql.Timestamp) runs.get(i).get("started"))
				.isAfterOrEqualTo((java.sql.Timestamp) previousEnd);
		}
	}

}
