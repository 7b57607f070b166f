package dev.mastodonmaintenance.boot.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.boot.LevelFigures;
import dev.mastodonmaintenance.boot.MaintenanceRunListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Records what each execution of the maintenance job did, once it ended, per level: rows and stored
 * objects removed, bytes freed, step and run durations. Every meter is tagged {@code dry.run}, so a dry run's
 * "would remove" figures are told apart; level meters are tagged {@code level} with the step name. A
 * restarted step counts only what its own execution did, not what the execution it resumed did before.
 * Skipped levels (exit code {@code NOOP}) are not recorded.
 * <table>
 * <caption>Meters</caption>
 * <tr><th>Name</th><th>Type</th><th>Tags</th></tr>
 * <tr><td>{@code mastodon.maintenance.rows.visited}</td><td>counter</td><td>level, dry.run</td></tr>
 * <tr><td>{@code mastodon.maintenance.rows.removed}</td><td>counter</td><td>level, dry.run</td></tr>
 * <tr><td>{@code mastodon.maintenance.objects.removed}</td><td>counter</td><td>level, dry.run</td></tr>
 * <tr><td>{@code mastodon.maintenance.objects.failed}</td><td>counter</td><td>level, dry.run</td></tr>
 * <tr><td>{@code mastodon.maintenance.bytes.removed}</td><td>counter (bytes)</td><td>level, dry.run, source
 * ({@code storage}: as the storage reported; {@code recorded}: as Mastodon's size columns say)</td></tr>
 * <tr><td>{@code mastodon.maintenance.step.duration}</td><td>timer</td><td>level, dry.run, status</td></tr>
 * <tr><td>{@code mastodon.maintenance.run.duration}</td><td>timer</td><td>dry.run, status</td></tr>
 * </table>
 */
public class MaintenanceMetrics implements MaintenanceRunListener {

	private final MeterRegistry registry;

	private final JobRepository repository;

	private final Map<Long, Map<String, LevelFigures>> before = new ConcurrentHashMap<>();

	/**
	 * Creates the metrics.
	 * @param registry where meters go
	 * @param repository the maintenance job's repository, to read what a restarted step did before
	 */
	public MaintenanceMetrics(MeterRegistry registry, JobRepository repository) {
		this.registry = registry;
		this.repository = repository;
	}

	@Override
	public void runStarting(JobExecution execution) {
		Map<String, LevelFigures> figures = new HashMap<>();
		for (Level level : Level.values()) {
			StepExecution previous = this.repository.getLastStepExecution(execution.getJobInstance(), level.stepName());
			if (previous != null && previous.getJobExecutionId() != execution.getId()) {
				figures.put(level.stepName(), LevelFigures.of(LevelReport.of(previous.getExecutionContext())));
			}
		}
		this.before.put(execution.getId(), figures);
	}

	@Override
	public void runEnded(JobExecution execution) {
		Map<String, LevelFigures> earlier = this.before.remove(execution.getId());
		String dryRun = String.valueOf(new MaintenanceParameters(execution.getJobParameters()).dryRun());
		for (StepExecution step : execution.getStepExecutions()) {
			if (ExitStatus.NOOP.getExitCode().equals(step.getExitStatus().getExitCode())) {
				continue;
			}
			Tags tags = Tags.of("level", step.getStepName(), "dry.run", dryRun);
			LevelFigures now = LevelFigures.of(LevelReport.of(step.getExecutionContext()));
			LevelFigures then = (earlier != null) ? earlier.getOrDefault(step.getStepName(), LevelFigures.NONE)
					: LevelFigures.NONE;
			count("mastodon.maintenance.rows.visited", tags, now.rowsVisited() - then.rowsVisited(), null);
			count("mastodon.maintenance.rows.removed", tags, now.rowsChanged() - then.rowsChanged(), null);
			count("mastodon.maintenance.objects.removed", tags, now.objectsRemoved() - then.objectsRemoved(), null);
			count("mastodon.maintenance.objects.failed", tags, now.objectsFailed() - then.objectsFailed(), null);
			count("mastodon.maintenance.bytes.removed", tags.and("source", "storage"),
					now.bytesStorage() - then.bytesStorage(), "bytes");
			count("mastodon.maintenance.bytes.removed", tags.and("source", "recorded"),
					now.bytesRecorded() - then.bytesRecorded(), "bytes");
			time("mastodon.maintenance.step.duration", tags.and("status", step.getStatus().name()),
					duration(step.getStartTime(), step.getEndTime()));
		}
		time("mastodon.maintenance.run.duration", Tags.of("dry.run", dryRun, "status", execution.getStatus().name()),
				duration(execution.getStartTime(), execution.getEndTime()));
	}

	private void count(String name, Tags tags, long amount, @Nullable String unit) {
		Counter counter = Counter.builder(name).tags(tags).baseUnit(unit).register(this.registry);
		if (amount > 0) {
			counter.increment(amount);
		}
	}

	private void time(String name, Tags tags, @Nullable Duration duration) {
		if (duration != null) {
			Timer.builder(name).tags(tags).register(this.registry).record(duration);
		}
	}

	private static @Nullable Duration duration(java.time.@Nullable LocalDateTime start,
			java.time.@Nullable LocalDateTime end) {
		return (start != null && end != null) ? Duration.between(start, end) : null;
	}

}
