package dev.mastodonmaintenance.boot.partition;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.MaintenanceException;
import dev.mastodonmaintenance.boot.MaintenanceException.Reason;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.testing.Await;
import dev.mastodonmaintenance.boot.testing.Runs;
import dev.mastodonmaintenance.boot.testing.StarterContexts;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A manager of remote partitioning does not count the connections of the partitions it
 * sends to workers against its own pool: options whose partitions would not fit in the
 * pool on one node are refused in local mode, and run in manager mode, on a worker.
 */
class ManagerConnectionsTests {

	private static MastodonDatabase db;

	private final ApplicationContextRunner runner = StarterContexts.host(db)
		.withConfiguration(AutoConfigurations.of(MastodonMaintenancePartitioningAutoConfiguration.class))
		.withPropertyValues("mastodon.maintenance.partitioning.poll-interval=100ms",
				"mastodon.maintenance.partitioning.timeout=2m");

	@BeforeAll
	static void database() {
		db = StarterDatabase.create(ManagerConnectionsTests.class);
	}

	@Test
	void partitionsBeyondThePoolAreRefusedOnOneNodeAndRunFromAManager() {
		// StarterDatabase sizes every pool at 6; 4 partitions of 2 connections each would
		// hold 8, plus the run lock's and the watcher's
		this.runner.run((local) -> assertThatExceptionOfType(MaintenanceException.class)
			.isThrownBy(() -> local.getBean(MastodonMaintenance.class).start(partitioned()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.INVALID_PARAMETERS))
			.withMessageContaining("it would hold 10 database connections at once")
			.withMessageContaining("more than the 6 of the connection pool"));

		this.runner.withPropertyValues("mastodon.maintenance.partitioning.mode=worker")
			.run((worker) -> this.runner.withPropertyValues("mastodon.maintenance.partitioning.mode=manager")
				.run((manager) -> {
					MastodonMaintenance maintenance = manager.getBean(MastodonMaintenance.class);
					long id = maintenance.start(partitioned());
					Await.until("the run completed", () -> Runs.status(maintenance, id) == BatchStatus.COMPLETED);
				}));
	}

	@Test
	void aManagerCountsTheConnectionsOfTheLevelsPhasesAfterItsPartitions() {
		// statuses-remove's later phases run on the manager: 1 + 5 windows at once, plus
		// the run lock's and the watcher's
		this.runner.withPropertyValues("mastodon.maintenance.partitioning.mode=manager")
			.run((manager) -> assertThatExceptionOfType(MaintenanceException.class)
				.isThrownBy(() -> manager.getBean(MastodonMaintenance.class)
					.start(partitioned().option(Level.STATUSES_REMOVE, "concurrency", 5)))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.INVALID_PARAMETERS))
				.withMessageContaining("it would hold 8 database connections at once"));
	}

	private static RunRequest partitioned() {
		return RunRequest.of(Level.STATUSES_REMOVE)
			.option(Level.STATUSES_REMOVE, "grid-size", 4)
			.option(Level.STATUSES_REMOVE, "partitions", 4)
			.option(Level.STATUSES_REMOVE, "concurrency", 1)
			.dryRun(true);
	}

}
