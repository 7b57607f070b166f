package dev.mastodonmaintenance.boot.metrics;

import java.time.Instant;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.testing.Await;
import dev.mastodonmaintenance.boot.testing.StarterContexts;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.boot.testing.SteppingLevel;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a {@link MeterRegistry}, each committed chunk adds what it did to counters tagged
 * with the level and the dry-run flag; a rolled-back chunk adds nothing and a restarted
 * step only what its own execution did. Gauges say when each level last completed in a
 * real run and how the last run ended, also in an application started later. Without a
 * registry there are no metrics beans.
 */
class MaintenanceMetricsTests {

	private static MastodonDatabase db;

	private final ApplicationContextRunner runner = StarterContexts.host(db)
		.withConfiguration(AutoConfigurations.of(MastodonMaintenanceMetricsAutoConfiguration.class))
		.withBean("steppingLevel", SteppingLevel.class, () -> new SteppingLevel(db.jdbc()));

	@BeforeAll
	static void database() {
		db = StarterDatabase.create(MaintenanceMetricsTests.class);
		StarterDatabase.previewCards(db, 100);
	}

	@Test
	void countsWhatEachExecutionDidPerLevelAndDryRun() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			SteppingLevel level = context.getBean(SteppingLevel.class);
			level.failOnceAt(55);
			level.allowAll();

			long failed = runToEnd(maintenance, RunRequest.of(Level.PREVIEW_CARDS_REMOVE));
			Await.until("the failed run is counted", () -> rows(registry, "false") == 50);
			long restarted = maintenance.restart(failed);
			Await.until("the restart ended", () -> status(maintenance, restarted) == BatchStatus.COMPLETED);
			Await.until("the restart is counted", () -> rows(registry, "false") == 100);
			runToEnd(maintenance, RunRequest.of(Level.PREVIEW_CARDS_REMOVE).dryRun(true));
			Await.until("the dry run is counted", () -> rows(registry, "true") == 100);

			assertThat(rows(registry, "false")).isEqualTo(100);
			assertThat(registry.get("mastodon.maintenance.bytes.removed")
				.tags("level", "preview-cards-remove", "dry.run", "false", "source", "recorded")
				.counter()
				.count()).isEqualTo(10_000);
			assertThat(registry.get("mastodon.maintenance.step.duration")
				.tags("level", "preview-cards-remove", "dry.run", "false")
				.timers()).extracting((timer) -> timer.getId().getTag("status"))
				.containsExactlyInAnyOrder("FAILED", "COMPLETED");
			assertThat(registry.get("mastodon.maintenance.run.duration").tags("status", "COMPLETED").timers())
				.hasSize(2);
			assertThat(registry.find("mastodon.maintenance.rows.removed").tag("level", "cache-clear").counter())
				.isNull();
		});
	}

	@Test
	void countersGrowWithEachCommittedChunkWhileTheRunGoes() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			SteppingLevel level = context.getBean(SteppingLevel.class);
			level.drain();
			double before = rows(registry, "true");
			long id = maintenance.start(RunRequest.of(Level.PREVIEW_CARDS_REMOVE).dryRun(true));
			level.allow(3);
			Await.until("three chunks are counted", () -> rows(registry, "true") == before + 30);

			assertThat(status(maintenance, id)).isEqualTo(BatchStatus.STARTED);
			assertThat(registry.get("mastodon.maintenance.rows.removed").counter().getId().getBaseUnit())
				.isEqualTo("rows");
			assertThat(registry.get("mastodon.maintenance.rows.removed").counter().getId().getDescription())
				.isNotBlank();
			level.allowAll();
			Await.until("the run ended", () -> status(maintenance, id) == BatchStatus.COMPLETED);
			Await.until("every chunk is counted", () -> rows(registry, "true") == before + 100);
		});
	}

	@Test
	void gaugesOfTheLastSuccessAndOutcomeAreReadBackByAFreshApplication() {
		ApplicationContextRunner withRegistry = this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new);
		long[] ended = new long[1];
		withRegistry.run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean(SteppingLevel.class).allowAll();
			long real = runToEnd(maintenance, RunRequest.of(Level.PREVIEW_CARDS_REMOVE));
			Instant end = maintenance.execution(real)
				.orElseThrow()
				.steps()
				.stream()
				.filter((step) -> step.level() == Level.PREVIEW_CARDS_REMOVE)
				.findFirst()
				.orElseThrow()
				.endTime();
			ended[0] = end.getEpochSecond();
			Await.until("the run is over for the gauges", () -> outcome(registry, "COMPLETED") == 1.0);
			runToEnd(maintenance, RunRequest.of(Level.PREVIEW_CARDS_REMOVE).dryRun(true));

			assertThat((long) lastSuccess(registry)).isEqualTo(ended[0]);
			assertThat(registry.get("mastodon.maintenance.last.success").gauge().getId().getBaseUnit())
				.isEqualTo("seconds");
		});
		withRegistry.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			// a dry run ended last: it is the last run, but no level's last success
			assertThat((long) lastSuccess(registry)).isEqualTo(ended[0]);
			assertThat(outcome(registry, "COMPLETED")).isEqualTo(1.0);
			assertThat(outcome(registry, "FAILED")).isZero();
			assertThat(registry.find("mastodon.maintenance.last.success").tag("level", "statuses-remove").gauge())
				.isNull();
		});
	}

	private static double lastSuccess(MeterRegistry registry) {
		return registry.get("mastodon.maintenance.last.success").tag("level", "preview-cards-remove").gauge().value();
	}

	private static double outcome(MeterRegistry registry, String status) {
		return registry.get("mastodon.maintenance.last.run.outcome").tag("status", status).gauge().value();
	}

	@Test
	void noMetricsWithoutAMeterRegistry() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(MaintenanceMetrics.class));
	}

	private static double rows(MeterRegistry registry, String dryRun) {
		var counter = registry.find("mastodon.maintenance.rows.removed")
			.tags("level", "preview-cards-remove", "dry.run", dryRun)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static long runToEnd(MastodonMaintenance maintenance, RunRequest request) {
		long id = maintenance.start(request);
		Await.until("execution " + id + " ended", () -> !maintenance.execution(id).orElseThrow().summary().running());
		return id;
	}

	private static BatchStatus status(MastodonMaintenance maintenance, long id) {
		return maintenance.execution(id).orElseThrow().summary().status();
	}

}
