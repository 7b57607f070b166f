package dev.mastodonmaintenance.boot.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.ExecutionQuery;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.LevelFigures;
import dev.mastodonmaintenance.boot.LevelProgress;
import dev.mastodonmaintenance.boot.MaintenanceRun;
import dev.mastodonmaintenance.boot.MaintenanceRunListener;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.StepDetails;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;

/**
 * The maintenance job's meters, for dashboards and alerts. Counters grow as each level
 * commits a chunk, so a run of hours shows its work as it goes; a rolled-back chunk adds
 * nothing, and a restarted level adds only what its own execution does. Every counter and
 * timer is tagged {@code dry.run}, so a dry run's "would remove" figures are told apart;
 * level meters are tagged {@code level} with the step name. The gauges say when each
 * level last completed in a real run and how the last run ended: they are read from the
 * job repository once the application has started ({@link #readHistory}), so a fresh
 * process already has them.
 * <table>
 * <caption>Meters</caption>
 * <tr>
 * <th>Name</th>
 * <th>Type, unit</th>
 * <th>Tags</th>
 * </tr>
 * <tr>
 * <td>{@code mastodon.maintenance.rows.visited}</td>
 * <td>counter, rows</td>
 * <td>level, dry.run</td>
 * </tr>
 * <tr>
 * <td>{@code mastodon.maintenance.rows.removed}</td>
 * <td>counter, rows</td>
 * <td>level, dry.run</td>
 * </tr>
 * <tr>
 * <td>{@code mastodon.maintenance.objects.removed}</td>
 * <td>counter, objects</td>
 * <td>level, dry.run</td>
 * </tr>
 * <tr>
 * <td>{@code mastodon.maintenance.objects.failed}</td>
 * <td>counter, objects</td>
 * <td>level, dry.run</td>
 * </tr>
 * <tr>
 * <td>{@code mastodon.maintenance.bytes.removed}</td>
 * <td>counter, bytes</td>
 * <td>level, dry.run, source ({@code storage}: as the storage reported; {@code recorded}:
 * as Mastodon's size columns say)</td>
 * </tr>
 * <tr>
 * <td>{@code mastodon.maintenance.step.duration}</td>
 * <td>timer</td>
 * <td>level, dry.run, status</td>
 * </tr>
 * <tr>
 * <td>{@code mastodon.maintenance.run.duration}</td>
 * <td>timer</td>
 * <td>dry.run, status</td>
 * </tr>
 * <tr>
 * <td>{@code mastodon.maintenance.last.success}</td>
 * <td>gauge, seconds since the epoch</td>
 * <td>level</td>
 * </tr>
 * <tr>
 * <td>{@code mastodon.maintenance.last.run.end}</td>
 * <td>gauge, seconds since the epoch</td>
 * <td>-</td>
 * </tr>
 * <tr>
 * <td>{@code mastodon.maintenance.last.run.outcome}</td>
 * <td>gauge, 1 for the last run's status, else 0</td>
 * <td>status (COMPLETED, FAILED, STOPPED, ABANDONED)</td>
 * </tr>
 * </table>
 */
public class MaintenanceMetrics implements MaintenanceRunListener {

	/**
	 * The statuses an ended run has, each a series of
	 * {@code mastodon.maintenance.last.run.outcome}.
	 */
	static final Set<BatchStatus> OUTCOMES = EnumSet.of(BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.STOPPED,
			BatchStatus.ABANDONED);

	// how many executions, newest first, are read at start-up for the gauges
	private static final int HISTORY = 200;

	private final MeterRegistry registry;

	private final Map<Level, Instant> lastSuccess = new EnumMap<>(Level.class);

	private final AtomicReference<@Nullable LastRun> lastRun = new AtomicReference<>();

	/**
	 * Creates the metrics and registers the gauge of the last run's outcome.
	 * @param registry where meters go
	 */
	public MaintenanceMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (BatchStatus status : OUTCOMES) {
			Gauge
				.builder("mastodon.maintenance.last.run.outcome", this.lastRun,
						(last) -> (last.get() != null && last.get().status() == status) ? 1 : 0)
				.description("1 for how the last maintenance run ended, 0 for the other outcomes")
				.tag("status", status.name())
				.register(registry);
		}
		Gauge
			.builder("mastodon.maintenance.last.run.end", this.lastRun,
					(last) -> (last.get() != null) ? seconds(last.get().end()) : Double.NaN)
			.description("When the last maintenance run (dry or real) ended")
			.baseUnit("seconds")
			.register(registry);
	}

	/**
	 * Sets the gauges from the job repository: the last completed real run of each level
	 * and the last ended run, among the newest executions.
	 * @param maintenance the facade, reading the repository
	 */
	public void readHistory(MastodonMaintenance maintenance) {
		Set<Level> unknown = EnumSet.allOf(Level.class);
		boolean lastRunKnown = this.lastRun.get() != null;
		for (ExecutionSummary summary : maintenance
			.executions(new ExecutionQuery(Set.of(), null, null, null, 0, HISTORY))
			.executions()) {
			if (summary.running() || summary.endTime() == null) {
				continue;
			}
			if (!lastRunKnown) {
				lastRun(summary.status(), summary.endTime());
				lastRunKnown = true;
			}
			if (summary.dryRun()) {
				continue;
			}
			ExecutionDetails details = maintenance.execution(summary.id()).orElse(null);
			if (details == null) {
				continue;
			}
			for (StepDetails step : details.steps()) {
				if (step.level() != null && unknown.contains(step.level())
						&& completed(step.status(), "NOOP".equals(step.exitCode())) && step.endTime() != null) {
					success(step.level(), step.endTime());
					unknown.remove(step.level());
				}
			}
			if (unknown.isEmpty()) {
				break;
			}
		}
	}

	@Override
	public void levelProgressed(LevelProgress progress) {
		Tags tags = Tags.of("level", progress.level().stepName(), "dry.run", String.valueOf(progress.dryRun()));
		LevelFigures added = progress.added();
		count("mastodon.maintenance.rows.visited", "Rows (or Redis keys) the levels looked at", tags,
				added.rowsVisited(), BaseUnits.ROWS);
		count("mastodon.maintenance.rows.removed", "Rows the levels deleted or changed (would, in a dry run)", tags,
				added.rowsChanged(), BaseUnits.ROWS);
		count("mastodon.maintenance.objects.removed", "Stored files the levels removed (would, in a dry run)", tags,
				added.objectsRemoved(), BaseUnits.OBJECTS);
		count("mastodon.maintenance.objects.failed", "Stored files the storage failed to remove", tags,
				added.objectsFailed(), BaseUnits.OBJECTS);
		count("mastodon.maintenance.bytes.removed", "Bytes freed, as the storage reported them",
				tags.and("source", "storage"), added.bytesStorage(), BaseUnits.BYTES);
		count("mastodon.maintenance.bytes.removed", "Bytes freed, as Mastodon's size columns record them",
				tags.and("source", "recorded"), added.bytesRecorded(), BaseUnits.BYTES);
	}

	@Override
	public void runEnded(MaintenanceRun run) {
		String dryRun = String.valueOf(run.dryRun());
		for (MaintenanceRun.LevelRun level : run.levelRuns()) {
			if (level.skipped()) {
				continue;
			}
			time("mastodon.maintenance.step.duration", "How long each level of a run took",
					Tags.of("level", level.level().stepName(), "dry.run", dryRun, "status", level.status().name()),
					duration(level.startTime(), level.endTime()));
			if (!run.dryRun() && completed(level.status(), false) && level.endTime() != null) {
				success(level.level(), level.endTime());
			}
		}
		time("mastodon.maintenance.run.duration", "How long each maintenance run took",
				Tags.of("dry.run", dryRun, "status", run.status().name()), duration(run.startTime(), run.endTime()));
		lastRun(run.status(), (run.endTime() != null) ? run.endTime() : Instant.now());
	}

	private static boolean completed(BatchStatus status, boolean skipped) {
		return status == BatchStatus.COMPLETED && !skipped;
	}

	private void lastRun(BatchStatus status, Instant end) {
		this.lastRun.set(new LastRun(status, end));
	}

	private void success(Level level, Instant end) {
		synchronized (this.lastSuccess) {
			Instant known = this.lastSuccess.put(level, end);
			if (known == null) {
				Gauge.builder("mastodon.maintenance.last.success", this.lastSuccess, (map) -> lastSuccess(level))
					.description("When the level last completed in a real (not dry) run")
					.baseUnit("seconds")
					.tag("level", level.stepName())
					.register(this.registry);
			}
			else if (known.isAfter(end)) {
				this.lastSuccess.put(level, known);
			}
		}
	}

	private double lastSuccess(Level level) {
		synchronized (this.lastSuccess) {
			Instant end = this.lastSuccess.get(level);
			return (end != null) ? seconds(end) : Double.NaN;
		}
	}

	private static double seconds(Instant instant) {
		return instant.toEpochMilli() / 1000.0;
	}

	private void count(String name, String description, Tags tags, long amount, String unit) {
		Counter counter = Counter.builder(name)
			.description(description)
			.tags(tags)
			.baseUnit(unit)
			.register(this.registry);
		if (amount > 0) {
			counter.increment(amount);
		}
	}

	private void time(String name, String description, Tags tags, @Nullable Duration duration) {
		if (duration != null) {
			Timer.builder(name).description(description).tags(tags).register(this.registry).record(duration);
		}
	}

	private static @Nullable Duration duration(@Nullable Instant start, @Nullable Instant end) {
		return (start != null && end != null) ? Duration.between(start, end) : null;
	}

	private record LastRun(BatchStatus status, Instant end) {
	}

}
