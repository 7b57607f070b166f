package dev.mastodonmaintenance.boot;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.MaintenanceException.Reason;
import dev.mastodonmaintenance.boot.testing.Await;
import dev.mastodonmaintenance.boot.testing.Runs;
import dev.mastodonmaintenance.boot.testing.StarterContexts;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.boot.support.RunLock;
import dev.mastodonmaintenance.boot.testing.SteppingLevel;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two installations on one Mastodon database, each keeping its state in a schema of its
 * own, take the same run lock: while one runs, the other's start is refused, since both
 * would clean the same Mastodon tables. The lock of another database of the same server
 * is not concerned. (Two installations on two databases are not run side by side in one
 * JVM here: Spring Batch's step scope registry tells step executions apart by their ids,
 * which two repositories hand out alike.)
 */
class OneLockPerDatabaseTests {

	private static MastodonDatabase db;

	private static MastodonDatabase otherDb;

	@BeforeAll
	static void databases() {
		db = StarterDatabase.create(OneLockPerDatabaseTests.class);
		StarterDatabase.previewCards(db, 30);
		otherDb = StarterDatabase.create(OneLockPerDatabaseTests.class);
		StarterDatabase.previewCards(otherDb, 30);
	}

	@Test
	void installationsInTwoSchemasOfOneDatabaseExcludeEachOther() {
		ApplicationContextRunner first = installation(db, "mastodon_maintenance");
		ApplicationContextRunner second = installation(db, "maintenance_elsewhere");
		first.run((one) -> second.run((two) -> {
			MastodonMaintenance running = one.getBean(MastodonMaintenance.class);
			long id = running.start(RunRequest.of(Level.PREVIEW_CARDS_REMOVE).dryRun(true));
			Await.until("the run is in its step",
					() -> running.progress(id).map((p) -> p.level() == Level.PREVIEW_CARDS_REMOVE).orElse(false));

			assertThatExceptionOfType(MaintenanceException.class)
				.isThrownBy(() -> two.getBean(MastodonMaintenance.class).start(RunRequest.allLevels()))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.ALREADY_RUNNING));
			assertThat(db.jdbc()
				.queryForObject("SELECT count(*) FROM maintenance_elsewhere.BATCH_JOB_EXECUTION", Integer.class))
				.as("nothing launched in the second schema")
				.isZero();

			one.getBean(SteppingLevel.class).allowAll();
			Await.until("the first run completed", () -> Runs.status(running, id) == BatchStatus.COMPLETED);
		}));
	}

	@Test
	void runOnOneDatabaseLeavesTheLockOfAnotherDatabaseFree() {
		installation(db, "mastodon_maintenance").run((one) -> {
			MastodonMaintenance running = one.getBean(MastodonMaintenance.class);
			long id = running.start(RunRequest.of(Level.PREVIEW_CARDS_REMOVE).dryRun(true));
			Await.until("the run is in its step",
					() -> running.progress(id).map((p) -> p.level() == Level.PREVIEW_CARDS_REMOVE).orElse(false));

			RunLock sameDatabase = new RunLock(db.dataSource());
			RunLock otherDatabase = new RunLock(otherDb.dataSource());
			assertThat(sameDatabase.heldAnywhere()).isTrue();
			assertThat(sameDatabase.tryAcquire()).isFalse();
			assertThat(otherDatabase.heldAnywhere()).isFalse();
			assertThat(otherDatabase.tryAcquire()).isTrue();
			otherDatabase.release();

			one.getBean(SteppingLevel.class).allowAll();
			Await.until("the run completed", () -> Runs.status(running, id) == BatchStatus.COMPLETED);
		});
	}

	private static ApplicationContextRunner installation(MastodonDatabase database, String schema) {
		return StarterContexts.host(database)
			.withPropertyValues("mastodon.maintenance.schema=" + schema)
			.withBean("steppingLevel", SteppingLevel.class, () -> new SteppingLevel(database.jdbc()));
	}

}
