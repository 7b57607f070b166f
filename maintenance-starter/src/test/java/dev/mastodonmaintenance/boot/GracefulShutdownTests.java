package dev.mastodonmaintenance.boot;

import java.util.concurrent.atomic.AtomicLong;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the application while a run runs (as on SIGTERM) stops it at the end of its
 * chunk: it ends {@code STOPPED}, not {@code STARTED}, and the next instance restarts it
 * where it stopped.
 */
class GracefulShutdownTests {

	private static MastodonDatabase db;

	private final ApplicationContextRunner runner = StarterContexts.host(db)
		.withBean("steppingLevel", SteppingLevel.class, () -> new SteppingLevel(db.jdbc()));

	@BeforeAll
	static void database() {
		db = StarterDatabase.create(GracefulShutdownTests.class);
		StarterDatabase.previewCards(db, 50);
	}

	@Test
	void closingTheContextStopsTheRunRestartably() {
		AtomicLong id = new AtomicLong();
		this.runner.run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			SteppingLevel level = context.getBean(SteppingLevel.class);
			id.set(maintenance.start(RunRequest.of(Level.PREVIEW_CARDS_REMOVE)));
			level.allow(2);
			Await.until("20 rows processed", () -> maintenance.progress(id.get()).orElseThrow().processed() == 20);

			Thread closing = new Thread(context::close);
			closing.start();
			// Spring Batch 6 records the stop as STOPPED at once; the step ends at the
			// end of its chunk
			Await.until("the stop is recorded",
					() -> db.jdbc()
						.queryForObject("SELECT STATUS FROM mastodon_maintenance.BATCH_JOB_EXECUTION "
								+ "WHERE JOB_EXECUTION_ID = ?", String.class, id.get())
						.equals("STOPPED"));
			assertThat(closing.isAlive()).isTrue();
			level.allow(1);
			closing.join(30_000);
			assertThat(closing.isAlive()).isFalse();
		});

		assertThat(db.jdbc()
			.queryForObject(
					"SELECT STATUS FROM mastodon_maintenance.BATCH_JOB_EXECUTION " + "WHERE JOB_EXECUTION_ID = ?",
					String.class, id.get()))
			.isEqualTo("STOPPED");
		assertThat(db.jdbc()
			.queryForObject(
					"SELECT STATUS || ' ' || READ_COUNT FROM mastodon_maintenance.BATCH_STEP_EXECUTION "
							+ "WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = 'preview-cards-remove'",
					String.class, id.get()))
			.isEqualTo("STOPPED 30");

		this.runner.run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			context.getBean(SteppingLevel.class).allowAll();
			long restarted = maintenance.restart(id.get());
			Await.until("the restart completed", () -> Runs.status(maintenance, restarted) == BatchStatus.COMPLETED);
			assertThat(
					db.jdbc().queryForList("SELECT id FROM visited_card WHERE execution_id = ?", Long.class, restarted))
				.hasSize(20)
				.allMatch((visited) -> visited > 30);
		});
	}

}
