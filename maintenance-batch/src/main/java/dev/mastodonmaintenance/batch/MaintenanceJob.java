package dev.mastodonmaintenance.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.manifest.DeletionManifest;
import dev.mastodonmaintenance.schema.MastodonSchema;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.partition.PartitionStep;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds the maintenance job: one step per {@link Level}, in the order of the enum, from
 * light to very heavy. Every step's chunks run on the transaction manager of Mastodon's
 * database, the one that also holds the job repository, so a chunk's changes and its
 * checkpoint commit together.
 * <p>
 * A run that loses its database connection ends {@code FAILED}, never {@code UNKNOWN}:
 * see {@link #outageWait(Duration)}.
 * <p>
 * The job has no {@code JobParametersIncrementer}:
 * {@code JobOperator.start(job, parameters)} would otherwise ignore the parameters given.
 * Each run is identified by its {@link MaintenanceParameters#RUN_AT}.
 */
public final class MaintenanceJob {

	/** The job's name. */
	public static final String NAME = "mastodon-maintenance";

	/**
	 * The key, in the job execution's context, of the Mastodon schema the run found as it
	 * started (and how it was let run when the schema is not a known release's), such as
	 * {@code Mastodon 4.6 schema (2026_06_11_150940)}.
	 */
	public static final String MASTODON_SCHEMA = "mastodon.schema";

	private static final Log logger = LogFactory.getLog(MaintenanceJob.class);

	/**
	 * How long the end of a step or run waits for an unreachable database to save its
	 * status, by default.
	 */
	public static final Duration DEFAULT_OUTAGE_WAIT = Duration.ofSeconds(60);

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final DeletionManifest manifest;

	private final MastodonResources mastodon;

	private final Map<Level, LevelDefinition<?>> levels = new EnumMap<>(Level.class);

	private int keepManifestRuns = 30;

	private Duration outageWait = DEFAULT_OUTAGE_WAIT;

	private int connectionLimit;

	private ChunkListener<?, ?> chunkListener = new ChunkListener<>() {
	};

	private PartitionHandlerFactory partitionHandlers = PartitionHandlerFactory.local();

	private @Nullable Map<Level, Step> workers;

	/**
	 * Starts building the job.
	 * @param jobRepository the job repository in our schema of Mastodon's database
	 * @param transactionManager the transaction manager of Mastodon's database
	 * @param manifest the deletion manifest
	 * @param mastodon Mastodon's resources: its database, whose schema is checked before
	 * each launch, and its media storage, absent when none is configured (the media
	 * levels are then skipped)
	 */
	public MaintenanceJob(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DeletionManifest manifest, MastodonResources mastodon) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.manifest = manifest;
		this.mastodon = mastodon;
	}

	/**
	 * Sets the work of one level.
	 * @param definition the level's definition
	 * @return this builder
	 */
	public MaintenanceJob level(LevelDefinition<?> definition) {
		this.levels.put(definition.level(), definition);
		return this;
	}

	/**
	 * Sets how many job executions the deletion manifest keeps entries of.
	 * @param executions at least 1
	 * @return this builder
	 */
	public MaintenanceJob keepManifestRuns(int executions) {
		if (executions < 1) {
			throw new IllegalArgumentException("The deletion manifest must keep at least 1 run, not " + executions);
		}
		this.keepManifestRuns = executions;
		return this;
	}

	/**
	 * Sets how long the end of a step or of the run retries saving its status while the
	 * database is unreachable (restarting, failing over), so that the run ends
	 * {@code FAILED} and restartable once it is back. A chunk that loses its connection
	 * fails at once either way.
	 * @param wait at least zero
	 * @return this builder
	 */
	public MaintenanceJob outageWait(Duration wait) {
		if (wait.isNegative()) {
			throw new IllegalArgumentException("The wait for an unreachable database cannot be negative: " + wait);
		}
		this.outageWait = wait;
		return this;
	}

	/**
	 * Sets the size of the connection pool to Mastodon's database, so that a run whose
	 * options would need more connections at once (a {@code statuses-remove} concurrency
	 * beyond it) is refused before it starts.
	 * @param connections the pool's size, 0 when unknown (nothing is checked)
	 * @return this builder
	 */
	public MaintenanceJob connectionLimit(int connections) {
		this.connectionLimit = Math.max(0, connections);
		return this;
	}

	/**
	 * Sets what is told of each level's chunks, such as the figures a committed chunk
	 * added.
	 * @param listener the listener of every level's step
	 * @return this builder
	 */
	public MaintenanceJob chunkListener(ChunkListener<?, ?> listener) {
		this.chunkListener = listener;
		return this;
	}

	/**
	 * Sets what runs the partitions of partitioned levels ({@link PartitionedLevel}) run
	 * with a {@code grid-size} above 1: by default a bounded pool of the level's
	 * {@code partitions} threads on this node.
	 * @param factory the maker of each partitioned level's handler
	 * @return this builder
	 */
	public MaintenanceJob partitionHandler(PartitionHandlerFactory factory) {
		this.partitionHandlers = factory;
		return this;
	}

	/**
	 * The steps that run one partition of each partitioned level, by name
	 * ({@link Level#partitionStepName()}): what a worker node runs the partitions a
	 * manager sends it with. Built once, and shared with the job {@link #build()} builds;
	 * set every level and option before calling this.
	 * @return the worker steps by step name, in the order of the levels
	 * @throws IllegalStateException when a level has no definition
	 */
	public Map<String, Step> workerSteps() {
		Map<String, Step> steps = new LinkedHashMap<>();
		workers().forEach((level, step) -> steps.put(step.getName(), step));
		return Collections.unmodifiableMap(steps);
	}

	private Map<Level, Step> workers() {
		checkLevels();
		if (this.workers == null) {
			JobRepository repository = RepositoryOutages.tolerating(this.jobRepository, this.outageWait);
			Map<Level, Step> steps = new EnumMap<>(Level.class);
			for (LevelDefinition<?> definition : this.levels.values()) {
				if (definition instanceof PartitionedLevel<?>) {
					steps.put(definition.level(), new WorkerStep(definition, repository, this.transactionManager,
							this.manifest, this.mastodon.storage(), this.chunkListener));
				}
			}
			this.workers = steps;
		}
		return this.workers;
	}

	private void checkLevels() {
		List<Level> missing = Arrays.stream(Level.values()).filter((level) -> !this.levels.containsKey(level)).toList();
		if (!missing.isEmpty()) {
			throw new IllegalStateException("No work defined for level(s) " + missing);
		}
	}

	/**
	 * Builds the job.
	 * @return the job
	 * @throws IllegalStateException when a level has no definition
	 */
	public Job build() {
		checkLevels();
		JobRepository repository = RepositoryOutages.tolerating(this.jobRepository, this.outageWait);
		List<Step> steps = new ArrayList<>();
		for (Level level : Level.values()) {
			steps.add(step(this.levels.get(level), repository));
		}
		SimpleJobBuilder job = new JobBuilder(NAME, repository)
			.validator(new MaintenanceParametersValidator(this.levels.values(),
					new SupportedSchemaCheck(this.mastodon.database()), this.connectionLimit,
					this.partitionHandlers.runsPartitionsHere()))
			.listener(new ManifestRetention(this.manifest, this.keepManifestRuns))
			.listener(new SchemaRecord(this.mastodon))
			.start(steps.get(0));
		steps.subList(1, steps.size()).forEach(job::next);
		return job.build();
	}

	private Step step(LevelDefinition<?> definition, JobRepository repository) {
		LevelTasklet tasklet = new LevelTasklet(definition, this.manifest, this.mastodon.storage());
		Step plain = tasklet.asStep(definition.level().stepName(), repository, this.transactionManager,
				this.chunkListener);
		if (!(definition instanceof PartitionedLevel<?> partitioned)) {
			return plain;
		}
		Step worker = workers().get(definition.level());
		PartitionStep manager = new PartitionStep(repository);
		manager.setName(definition.level().stepName());
		manager.setStepExecutionSplitter(new LevelSplitter(partitioned, repository));
		manager.setPartitionHandler(this.partitionHandlers.create(definition.level(), worker));
		PartitionAggregator aggregator = new PartitionAggregator(partitioned, repository);
		manager.setStepExecutionAggregator(aggregator);
		manager.registerStepExecutionListener(aggregator);
		return new LevelStep(partitioned, plain, manager);
	}

	/**
	 * Keeps the manifest bounded: at the start of each run, entries of older runs beyond
	 * the configured number are dropped.
	 */
	private record ManifestRetention(DeletionManifest manifest, int keep) implements JobExecutionListener {

		@Override
		public void beforeJob(JobExecution jobExecution) {
			this.manifest.purgeAllBut(this.keep);
		}

	}

	/**
	 * Records in the run the Mastodon schema it found as it started, and why it ran when
	 * that is not a known release's (the launch check let it through as a dry run or with
	 * allow-newer-schema).
	 */
	private record SchemaRecord(MastodonResources mastodon) implements JobExecutionListener {

		@Override
		public void beforeJob(JobExecution jobExecution) {
			MastodonSchema schema = MastodonSchema.read(this.mastodon.database());
			MaintenanceParameters parameters = new MaintenanceParameters(jobExecution.getJobParameters());
			String found = schema.description();
			if (schema.match() != MastodonSchema.Match.KNOWN) {
				found += parameters.dryRun() ? " (dry run)"
						: (schema.match() == MastodonSchema.Match.NEWER && parameters.allowNewerSchema())
								? " (run with " + MaintenanceParameters.ALLOW_NEWER_SCHEMA + ")" : "";
				logger.warn("Execution " + jobExecution.getId() + " found " + found);
			}
			jobExecution.getExecutionContext().putString(MASTODON_SCHEMA, found);
		}

	}

}
