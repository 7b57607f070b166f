package dev.mastodonmaintenance.boot;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.MaintenanceException.Reason;
import dev.mastodonmaintenance.boot.testing.Await;
import dev.mastodonmaintenance.boot.testing.Runs;
import dev.mastodonmaintenance.boot.testing.StarterContexts;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A {@code statuses-remove} concurrency whose windows, each on a connection of its own,
 * would need more connections than the application's pool has is refused before the run
 * starts, naming the pool's size and the largest concurrency it allows; one within it
 * runs.
 */
class ConcurrencyWithinPoolTests {

	private static MastodonDatabase db;

	@BeforeAll
	static void database() {
		db = StarterDatabase.create(ConcurrencyWithinPoolTests.class);
	}

	@Test
	void concurrencyBeyondThePoolIsRefusedAndOneWithinItRuns() {
		// StarterDatabase sizes the pool at 6
		StarterContexts.host(db).run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);

			assertThatExceptionOfType(MaintenanceException.class).isThrownBy(() -> maintenance.start(statuses(4)))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.INVALID_PARAMETERS))
				.withMessageContaining("statuses-remove: it would hold 7 database connections at once")
				.withMessageContaining("more than the 6 of the connection pool")
				.withMessageContaining("lower statuses-remove.concurrency to at most 3");
			assertThat(maintenance.lastExecution()).as("nothing started").isEmpty();

			long id = maintenance.start(statuses(3));
			Await.until("the run completed", () -> Runs.status(maintenance, id) == BatchStatus.COMPLETED);
		});
	}

	private static RunRequest statuses(int concurrency) {
		return RunRequest.of(Level.STATUSES_REMOVE)
			.option(Level.STATUSES_REMOVE, "concurrency", concurrency)
			.dryRun(true);
	}

}
