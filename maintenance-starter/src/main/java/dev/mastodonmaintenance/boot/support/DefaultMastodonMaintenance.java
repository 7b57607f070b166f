package dev.mastodonmaintenance.boot.support;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.PartitionClaims;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.ExecutionPage;
import dev.mastodonmaintenance.boot.ExecutionQuery;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.MaintenanceException;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.Progress;
import dev.mastodonmaintenance.boot.RunRequest;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link MastodonMaintenance} facade over the job, its {@link JobOperator} and
 * {@link JobRepository}: a launcher ({@link RunLauncher}: the run lock, the typed
 * request, leftover executions) and a read side ({@link ExecutionReader}: executions,
 * steps, progress). Launches take the cluster-wide {@link RunLock} first; the
 * {@link SupervisedJob} releases it when the execution ends.
 * <p>
 * Restarts go through {@code JobOperator.start} with the execution's own parameters
 * (which Spring Batch treats as a restart of that job instance) rather than
 * {@code JobOperator.restart}: the operator is given an empty job registry on purpose,
 * because with the job registered its {@code stop} also rewrites the running step
 * execution from another thread, which fails the run with an optimistic locking error
 * (spring-batch#5120, #5484). Without it, a stop is recorded in the repository and the
 * step stops at the end of its chunk, as it does for a run on another node.
 */
public class DefaultMastodonMaintenance implements MastodonMaintenance {

	private final ExecutionReader reader;

	private final RunLauncher launcher;

	/**
	 * Creates the facade.
	 * @param job the maintenance job, as wrapped by {@link SupervisedJob}
	 * @param operator the job operator, on the starter's task executor
	 * @param repository the job repository in our schema
	 * @param serializer the repository's execution context serializer
	 * @param tablePrefix the repository's table prefix, {@code <schema>.BATCH_}
	 * @param mastodon Mastodon's database
	 * @param lock the run lock
	 * @param localRuns the executions running in this JVM
	 * @param defaults default options, by level and tootctl option name, typed as the
	 * level reads them
	 * @param clock the clock launch instants are read from
	 * @throws IllegalArgumentException when a default is out of range, with the job
	 * validator's message
	 */
	public DefaultMastodonMaintenance(Job job, JobOperator operator, JobRepository repository,
			ExecutionContextSerializer serializer, String tablePrefix, JdbcTemplate mastodon, RunLock lock,
			LocalRuns localRuns, Map<Level, ? extends Map<String, ?>> defaults, Clock clock) {
		ExecutionRecords records = new ExecutionRecords(mastodon, tablePrefix, serializer);
		this.reader = new ExecutionReader(repository, records, lock);
		this.launcher = new RunLauncher(job, operator, repository, lock, localRuns, records, this.reader,
				copy(defaults), clock, new PartitionClaims(mastodon.getDataSource()));
		try {
			this.launcher.checkDefaults();
		}
		catch (MaintenanceException ex) {
			throw new IllegalArgumentException(
					"Invalid default level options (mastodon.maintenance.levels.*): " + ex.getMessage(), ex);
		}
	}

	private static Map<Level, Map<String, Object>> copy(Map<Level, ? extends Map<String, ?>> defaults) {
		Map<Level, Map<String, Object>> copy = new EnumMap<>(Level.class);
		defaults.forEach((level, values) -> copy.put(level, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
		return Collections.unmodifiableMap(copy);
	}

	@Override
	public long start(RunRequest request) {
		return this.launcher.start(request);
	}

	/**
	 * Starts the run of a schedule slot, unless some node already launched it.
	 * @param request what to run
	 * @param slot the instant the schedule fired for, the run's launch instant on every
	 * node
	 * @return the id of the new execution
	 * @throws MaintenanceException as {@link #start}, and {@code ALREADY_RUNNING} when
	 * the slot's run was already launched
	 */
	public long startScheduled(RunRequest request, Instant slot) {
		return this.launcher.startScheduled(request, slot);
	}

	@Override
	public long restart(long executionId) {
		return this.launcher.restart(executionId);
	}

	@Override
	public void stop(long executionId) {
		this.launcher.stop(executionId);
	}

	@Override
	public void abandon(long executionId) {
		this.launcher.abandon(executionId);
	}

	@Override
	public void recover(long executionId) {
		this.launcher.recover(executionId);
	}

	@Override
	public Optional<ExecutionSummary> toResume() {
		return this.launcher.toResume();
	}

	@Override
	public ExecutionPage executions(ExecutionQuery query) {
		return this.reader.executions(query);
	}

	@Override
	public Optional<ExecutionSummary> lastExecution() {
		return this.reader.lastExecution();
	}

	@Override
	public Optional<ExecutionDetails> execution(long executionId) {
		return this.reader.execution(executionId);
	}

	@Override
	public Optional<Progress> progress(long executionId) {
		return this.reader.progress(executionId);
	}

}
