package dev.mastodonmaintenance.batch.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelDefinition;
import dev.mastodonmaintenance.batch.MaintenanceJob;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.batch.accounts.AccountsCullLevel;
import dev.mastodonmaintenance.batch.cache.CacheClearLevel;
import dev.mastodonmaintenance.batch.manifest.DeletionManifest;
import dev.mastodonmaintenance.batch.media.MediaRemoveLevel;
import dev.mastodonmaintenance.batch.orphans.OrphansRemoveLevel;
import dev.mastodonmaintenance.batch.previewcards.PreviewCardsRemoveLevel;
import dev.mastodonmaintenance.batch.schema.MaintenanceSchema;
import dev.mastodonmaintenance.batch.statuses.StatusesRemoveLevel;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.launch.support.JobOperatorFactoryBean;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The maintenance job wired by hand on a test database, as the starter wires it: our
 * schema migrated, the JDBC job repository in it, a synchronous job operator with an
 * empty job registry, and restarts launched through {@code JobOperator.start} with the
 * execution's own parameters, as the starter's facade launches them. Levels can be
 * replaced to inject failures.
 */
public final class JobHarness {

	private static final AtomicLong launches = new AtomicLong();

	private final MastodonResources mastodon;

	private final JobRepository repository;

	private final JobOperator operator;

	private final DataSourceTransactionManager transactionManager;

	private final DeletionManifest manifest;

	private final Map<Level, LevelDefinition<?>> levels = new EnumMap<>(Level.class);

	private Job job;

	private ChunkListener<?, ?> chunkListener = new ChunkListener<>() {
	};

	private JobHarness(MastodonResources mastodon) throws Exception {
		this.mastodon = mastodon;
		DataSource dataSource = mastodon.database();
		MaintenanceSchema schema = new MaintenanceSchema(dataSource, MaintenanceSchema.DEFAULT_NAME);
		schema.migrate();
		this.transactionManager = new DataSourceTransactionManager(dataSource);
		JdbcJobRepositoryFactoryBean repositoryFactory = new JdbcJobRepositoryFactoryBean();
		repositoryFactory.setDataSource(dataSource);
		repositoryFactory.setTransactionManager(this.transactionManager);
		repositoryFactory.setTablePrefix(schema.batchTablePrefix());
		repositoryFactory.afterPropertiesSet();
		this.repository = repositoryFactory.getObject();
		JobOperatorFactoryBean operatorFactory = new JobOperatorFactoryBean();
		operatorFactory.setJobRepository(this.repository);
		operatorFactory.setTransactionManager(this.transactionManager);
		operatorFactory.setTaskExecutor(new SyncTaskExecutor());
		// empty, as the starter's: a stop is recorded in the repository and the step
		// stops at the end of its chunk
		operatorFactory.setJobRegistry(new MapJobRegistry());
		operatorFactory.afterPropertiesSet();
		this.operator = operatorFactory.getObject();
		this.manifest = new DeletionManifest(new JdbcTemplate(dataSource), schema.name());
		for (LevelDefinition<?> level : List.<LevelDefinition<?>>of(new CacheClearLevel(mastodon),
				new PreviewCardsRemoveLevel(mastodon), new MediaRemoveLevel(mastodon), new OrphansRemoveLevel(mastodon),
				new AccountsCullLevel(mastodon), new StatusesRemoveLevel(mastodon))) {
			this.levels.put(level.level(), level);
		}
	}

	/**
	 * A harness for a Mastodon server's resources.
	 * @param mastodon Mastodon's resources: test database, storage, Redis
	 * @return the harness
	 */
	public static JobHarness on(MastodonResources mastodon) {
		try {
			return new JobHarness(mastodon);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Replaces one level's definition, before the first run.
	 * @param level the replacement
	 * @return this harness
	 */
	public JobHarness replacing(LevelDefinition<?> level) {
		this.levels.put(level.level(), level);
		this.job = null;
		return this;
	}

	/**
	 * Sets what is told of every level's chunks, before the first run.
	 * @param listener the listener
	 * @return this harness
	 */
	public JobHarness chunkListener(ChunkListener<?, ?> listener) {
		this.chunkListener = listener;
		this.job = null;
		return this;
	}

	/**
	 * The job as built with the current levels.
	 * @return the job
	 */
	public Job job() {
		if (this.job == null) {
			MaintenanceJob builder = new MaintenanceJob(this.repository, this.transactionManager, this.manifest,
					this.mastodon);
			this.levels.values().forEach(builder::level);
			this.job = builder.chunkListener(this.chunkListener).build();
		}
		return this.job;
	}

	/**
	 * Launches a new run with parameters written as on a command line
	 * ({@code "levels=cache-clear"}).
	 * @param parameters {@code name=value} pairs
	 * @return the finished execution
	 * @throws Exception when the launch is refused (invalid parameters)
	 */
	public JobExecution run(String... parameters) throws Exception {
		// distinct launch instants, so runs of one test never share a job instance
		return runAt(Instant.now().plusMillis(launches.incrementAndGet()), parameters);
	}

	/**
	 * Launches a new run as if launched at a given instant, which all cut-offs are
	 * computed from.
	 * @param runAt the launch instant
	 * @param parameters {@code name=value} pairs
	 * @return the finished execution
	 * @throws Exception when the launch is refused (invalid parameters)
	 */
	public JobExecution runAt(Instant runAt, String... parameters) throws Exception {
		JobParametersBuilder builder = MaintenanceParameters.newRun(runAt);
		for (String parameter : parameters) {
			int equals = parameter.indexOf('=');
			builder.addString(parameter.substring(0, equals), parameter.substring(equals + 1));
		}
		return this.operator.start(job(), builder.toJobParameters());
	}

	/**
	 * Restarts a failed or stopped execution as the starter does: its run's parameters
	 * started again, which Spring Batch takes as a restart of that run.
	 * @param execution the execution
	 * @return the new execution, finished
	 * @throws Exception when it cannot be restarted
	 */
	public JobExecution restart(JobExecution execution) throws Exception {
		return this.operator.start(job(), execution.getJobParameters());
	}

	/**
	 * The step executions of an execution, in the order they ran.
	 * @param execution a job execution
	 * @return its steps
	 */
	public List<StepExecution> steps(JobExecution execution) {
		JobExecution reloaded = this.repository.getJobExecution(execution.getId());
		List<StepExecution> steps = new ArrayList<>(reloaded.getStepExecutions());
		steps.sort((a, b) -> Long.compare(a.getId(), b.getId()));
		return steps;
	}

	/**
	 * One step of an execution.
	 * @param execution a job execution
	 * @param level the level
	 * @return its step execution
	 */
	public StepExecution step(JobExecution execution, Level level) {
		return steps(execution).stream()
			.filter((step) -> step.getStepName().equals(level.stepName()))
			.findFirst()
			.orElseThrow(
					() -> new AssertionError("No step " + level.stepName() + " in execution " + execution.getId()));
	}

	/**
	 * A level's summary lines, as its step's exit description holds them.
	 * @param execution a job execution
	 * @param level the level
	 * @return the summary
	 */
	public String summary(JobExecution execution, Level level) {
		return step(execution, level).getExitStatus().getExitDescription();
	}

	public JobRepository repository() {
		return this.repository;
	}

	public JobOperator operator() {
		return this.operator;
	}

	public MastodonResources mastodon() {
		return this.mastodon;
	}

	public JdbcTemplate jdbc() {
		return new JdbcTemplate(this.mastodon.database());
	}

}
