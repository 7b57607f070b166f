package dev.mastodonmaintenance.boot;

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
 * While a run runs, a second start is refused with a message naming the running
 * execution, and nothing is launched; invalid options are refused with the job
 * validator's message before anything is launched.
 */
class SecondTriggerRefusedTests {

	private static MastodonDatabase db;

	private final ApplicationContextRunner runner = StarterContexts.host(db)
		.withBean("steppingLevel", SteppingLevel.class, () -> new SteppingLevel(db.jdbc()));

	@BeforeAll
	static void database() {
		db = StarterDatabase.create(SecondTriggerRefusedTests.class);
		StarterDatabase.previewCards(db, 30);
	}

	@Test
	void secondStartWhileRunningIsRefusedNamingTheRunningExecution() {
		this.runner.run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			SteppingLevel level = context.getBean(SteppingLevel.class);
			long before = maintenance.executions(ExecutionQuery.firstPage()).total();
			long first = maintenance.start(RunRequest.of(Level.PREVIEW_CARDS_REMOVE).dryRun(true));
			Await.until("the first run is in its step",
					() -> maintenance.progress(first)
						.map((p) -> p.level() == Level.PREVIEW_CARDS_REMOVE)
						.orElse(false));

			assertThatExceptionOfType(MaintenanceException.class)
				.isThrownBy(() -> maintenance.start(RunRequest.allLevels()))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.ALREADY_RUNNING))
				.withMessageContaining("A maintenance run is already running on this node: execution " + first)
				.withMessageContaining("in step preview-cards-remove");
			assertThat(maintenance.executions(ExecutionQuery.firstPage()).total()).isEqualTo(before + 1);

			level.allowAll();
			Await.until("the first run ended", () -> !maintenance.execution(first).orElseThrow().summary().running());
			long second = Runs.runToEnd(maintenance, RunRequest.of(Level.PREVIEW_CARDS_REMOVE).dryRun(true));
			assertThat(maintenance.execution(second).orElseThrow().summary().status()).isEqualTo(BatchStatus.COMPLETED);
		});
	}

	@Test
	void invalidOptionsAreRefusedWithTheValidatorsMessage() {
		this.runner.run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			long executions = maintenance.executions(ExecutionQuery.firstPage()).total();

			assertThatExceptionOfType(MaintenanceException.class).isThrownBy(
					() -> maintenance.start(RunRequest.of(Level.MEDIA_REMOVE).option(Level.MEDIA_REMOVE, "days", -1)))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.INVALID_PARAMETERS))
				.withMessage("Invalid job parameter media-remove.days=-1: a number of days of at least 0");
			assertThatExceptionOfType(MaintenanceException.class)
				.isThrownBy(() -> maintenance
					.start(RunRequest.of(Level.STATUSES_REMOVE).option(Level.STATUSES_REMOVE, "batch_size", 0)))
				.withMessage("Invalid job parameter statuses-remove.batch-size=0: "
						+ "Cannot run with this batch_size setting, must be at least 1");
			assertThatExceptionOfType(MaintenanceException.class).isThrownBy(
					() -> maintenance.start(RunRequest.of(Level.MEDIA_REMOVE).option(Level.MEDIA_REMOVE, "dayz", 3)))
				.withMessageStartingWith("Unknown job parameter(s) [media-remove.dayz]");
			assertThat(maintenance.executions(ExecutionQuery.firstPage()).total()).isEqualTo(executions);
		});
	}

}
