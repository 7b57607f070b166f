package dev.mastodonmaintenance.boot.autoconfigure;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import dev.mastodonmaintenance.MastodonServer;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelDefinition;
import dev.mastodonmaintenance.batch.MaintenanceJob;
import dev.mastodonmaintenance.batch.accounts.AccountsCullLevel;
import dev.mastodonmaintenance.batch.cache.CacheClearLevel;
import dev.mastodonmaintenance.batch.manifest.DeletionManifest;
import dev.mastodonmaintenance.batch.media.MediaRemoveLevel;
import dev.mastodonmaintenance.batch.orphans.OrphansRemoveLevel;
import dev.mastodonmaintenance.batch.previewcards.PreviewCardsRemoveLevel;
import dev.mastodonmaintenance.batch.statuses.StatusesRemoveLevel;
import dev.mastodonmaintenance.boot.MaintenanceRunListener;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.audit.OperatorActions;
import dev.mastodonmaintenance.boot.support.DefaultMastodonMaintenance;
import dev.mastodonmaintenance.boot.support.GracefulShutdown;
import dev.mastodonmaintenance.boot.support.ListenedJob;
import dev.mastodonmaintenance.boot.support.LocalRuns;
import dev.mastodonmaintenance.boot.support.RunLock;
import dev.mastodonmaintenance.boot.support.LevelProgressRelay;
import dev.mastodonmaintenance.boot.support.ScheduledRuns;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.JobOperatorFactoryBean;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.metadata.CompositeDataSourcePoolMetadataProvider;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadata;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadataProvider;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * maintenance job and its {@link MastodonMaintenance} facade.
 * <p>
 * The job has a Spring Batch infrastructure of its own, in our schema of Mastodon's database: job
 * repository, job operator (on an asynchronous task executor), transaction manager. Those beans, and the
 * job, are qualified {@link MastodonMaintenanceBatch} and are not default candidates: an application's own
 * Spring Batch set-up, its jobs, Boot's job launcher at startup and its Flyway are left as they are, and our
 * job is never run at startup. Each bean backs off when the application declares one of the same name (the
 * qualified infrastructure) or type (the others).
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class })
@ConditionalOnClass({ JobOperator.class, MaintenanceJob.class, DataSource.class })
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "mastodon.maintenance.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MastodonMaintenanceProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class MastodonMaintenanceAutoConfiguration {

	static final Set<String> LEVEL_BEANS = Set.of("cacheClearLevel", "previewCardsRemoveLevel", "mediaRemoveLevel",
			"mediaRemoveOrphansLevel", "accountsCullLevel", "statusesRemoveLevel");

	@Bean
	@ConditionalOnMissingBean
	MaintenanceSchemaInitializer mastodonMaintenanceSchema(
			@MastodonMaintenanceDataSource ObjectProvider<DataSource> maintenanceDataSource,
			ObjectProvider<DataSource> dataSource, MastodonMaintenanceProperties properties) {
		return new MaintenanceSchemaInitializer(maintenanceDataSource.getIfAvailable(dataSource::getObject),
				properties.getSchema(), properties.isMigrateSchema());
	}

	@Bean(defaultCandidate = false)
	@MastodonMaintenanceBatch
	@ConditionalOnMissingBean(name = "mastodonMaintenanceTransactionManager")
	DataSourceTransactionManager mastodonMaintenanceTransactionManager(MaintenanceSchemaInitializer schema) {
		return new DataSourceTransactionManager(schema.dataSource());
	}

	@Bean(defaultCandidate = false)
	@MastodonMaintenanceBatch
	@ConditionalOnMissingBean(name = "mastodonMaintenanceExecutionContextSerializer")
	ExecutionContextSerializer mastodonMaintenanceExecutionContextSerializer() {
		return new DefaultExecutionContextSerializer();
	}

	@Bean(defaultCandidate = false)
	@MastodonMaintenanceBatch
	@ConditionalOnMissingBean(name = "mastodonMaintenanceJobRepository")
	JobRepository mastodonMaintenanceJobRepository(MaintenanceSchemaInitializer schema,
			@MastodonMaintenanceBatch PlatformTransactionManager transactionManager,
			@MastodonMaintenanceBatch ExecutionContextSerializer serializer) throws Exception {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(schema.dataSource());
		factory.setTransactionManager(transactionManager);
		factory.setTablePrefix(schema.schema().batchTablePrefix());
		factory.setSerializer(serializer);
		factory.setDatabaseType("POSTGRES");
		factory.afterPropertiesSet();
		return factory.getObject();
	}

	@Bean(defaultCandidate = false)
	@MastodonMaintenanceBatch
	@ConditionalOnMissingBean(name = "mastodonMaintenanceTaskExecutor")
	TaskExecutor mastodonMaintenanceTaskExecutor(MastodonMaintenanceProperties properties) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("mastodon-maintenance-");
		executor.setTaskTerminationTimeout(properties.getShutdownTimeout().toMillis());
		return executor;
	}

	@Bean(defaultCandidate = false)
	@MastodonMaintenanceBatch
	@ConditionalOnMissingBean(name = "mastodonMaintenanceJobOperator")
	JobOperator mastodonMaintenanceJobOperator(@MastodonMaintenanceBatch JobRepository repository,
			@MastodonMaintenanceBatch PlatformTransactionManager transactionManager,
			@MastodonMaintenanceBatch TaskExecutor taskExecutor, ObjectProvider<ObservationRegistry> observations)
			throws Exception {
		JobOperatorFactoryBean factory = new JobOperatorFactoryBean();
		factory.setJobRepository(repository);
		factory.setTransactionManager(transactionManager);
		factory.setTaskExecutor(taskExecutor);
		// empty on purpose: see DefaultMastodonMaintenance on stop and restart
		factory.setJobRegistry(new MapJobRegistry());
		observations.ifAvailable(factory::setObservationRegistry);
		factory.afterPropertiesSet();
		return factory.getObject();
	}

	@Bean
	@ConditionalOnMissingBean
	DeletionManifest mastodonMaintenanceDeletionManifest(MaintenanceSchemaInitializer schema) {
		return new DeletionManifest(new JdbcTemplate(schema.dataSource()), schema.schema().name());
	}

	@Bean
	@ConditionalOnMissingBean
	OperatorActions mastodonMaintenanceOperatorActions(MaintenanceSchemaInitializer schema) {
		return new OperatorActions(new JdbcTemplate(schema.dataSource()), schema.schema().name());
	}

	@Bean
	@ConditionalOnMissingBean
	MastodonServer mastodonServer(MaintenanceSchemaInitializer schema, MastodonMaintenanceProperties properties) {
		return new MastodonServer(schema.dataSource(), MediaStorages.open(properties.getStorage()),
				properties.getCacheRedisUrl(), properties.getAllowedPrivateAddresses());
	}

	@Bean
	MediaStorageCloser mastodonMaintenanceMediaStorageCloser(MastodonServer server) {
		return new MediaStorageCloser(server);
	}

	@Bean
	@ConditionalOnMissingBean(name = "cacheClearLevel")
	CacheClearLevel cacheClearLevel(MastodonServer server) {
		return new CacheClearLevel(server);
	}

	@Bean
	@ConditionalOnMissingBean(name = "previewCardsRemoveLevel")
	PreviewCardsRemoveLevel previewCardsRemoveLevel(MastodonServer server) {
		return new PreviewCardsRemoveLevel(server);
	}

	@Bean
	@ConditionalOnMissingBean(name = "mediaRemoveLevel")
	MediaRemoveLevel mediaRemoveLevel(MastodonServer server) {
		return new MediaRemoveLevel(server);
	}

	@Bean
	@ConditionalOnMissingBean(name = "mediaRemoveOrphansLevel")
	OrphansRemoveLevel mediaRemoveOrphansLevel(MastodonServer server) {
		return new OrphansRemoveLevel(server);
	}

	@Bean
	@ConditionalOnMissingBean(name = "accountsCullLevel")
	AccountsCullLevel accountsCullLevel(MastodonServer server) {
		return new AccountsCullLevel(server);
	}

	@Bean
	@ConditionalOnMissingBean(name = "statusesRemoveLevel")
	StatusesRemoveLevel statusesRemoveLevel(MastodonServer server) {
		return new StatusesRemoveLevel(server);
	}

	@Bean
	@ConditionalOnMissingBean
	RunLock mastodonMaintenanceRunLock(MaintenanceSchemaInitializer schema) {
		return new RunLock(schema.dataSource());
	}

	@Bean
	@ConditionalOnMissingBean
	LocalRuns mastodonMaintenanceLocalRuns() {
		return new LocalRuns();
	}

	@Bean(defaultCandidate = false)
	@MastodonMaintenanceBatch
	@ConditionalOnMissingBean(name = "mastodonMaintenanceJob")
	Job mastodonMaintenanceJob(@MastodonMaintenanceBatch JobRepository repository,
			@MastodonMaintenanceBatch PlatformTransactionManager transactionManager, DeletionManifest manifest,
			MastodonServer server, ListableBeanFactory beans, RunLock lock, LocalRuns localRuns,
			ObjectProvider<MaintenanceRunListener> listeners, MastodonMaintenanceProperties properties,
			ObjectProvider<DataSourcePoolMetadataProvider> poolMetadata) {
		MaintenanceJob job = new MaintenanceJob(repository, transactionManager, manifest, server)
			.keepManifestRuns(properties.getManifest().getKeepRuns())
			.outageWait(properties.getOutageWait())
			.connectionLimit(poolSize(server.database(), poolMetadata));
		Map<Level, LevelDefinition> levels = LevelDefinitions.select(beans.getBeansOfType(LevelDefinition.class),
				LEVEL_BEANS);
		levels.values().forEach(job::level);
		List<MaintenanceRunListener> runListeners = listeners.orderedStream().toList();
		job.chunkListener(new LevelProgressRelay(runListeners));
		return new ListenedJob(job.build(), repository, lock, localRuns, runListeners);
	}

	/** The most connections the pool to Mastodon's database opens, as Boot's pool metadata knows it; 0 when unknown. */
	private static int poolSize(DataSource dataSource, ObjectProvider<DataSourcePoolMetadataProvider> poolMetadata) {
		DataSourcePoolMetadata metadata = new CompositeDataSourcePoolMetadataProvider(poolMetadata.orderedStream().toList())
			.getDataSourcePoolMetadata(dataSource);
		Integer max = (metadata != null) ? metadata.getMax() : null;
		return (max != null && max > 0) ? max : 0;
	}

	@Bean
	@ConditionalOnMissingBean(MastodonMaintenance.class)
	DefaultMastodonMaintenance mastodonMaintenance(@MastodonMaintenanceBatch Job job,
			@MastodonMaintenanceBatch JobOperator operator, @MastodonMaintenanceBatch JobRepository repository,
			@MastodonMaintenanceBatch ExecutionContextSerializer serializer, MaintenanceSchemaInitializer schema,
			RunLock lock, LocalRuns localRuns, MastodonMaintenanceProperties properties) {
		return new DefaultMastodonMaintenance(job, operator, repository, serializer,
				schema.schema().batchTablePrefix(), new JdbcTemplate(schema.dataSource()), lock, localRuns,
				properties.getLevels(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	GracefulShutdown mastodonMaintenanceGracefulShutdown(LocalRuns localRuns,
			@MastodonMaintenanceBatch JobOperator operator, @MastodonMaintenanceBatch JobRepository repository,
			MastodonMaintenanceProperties properties) {
		return new GracefulShutdown(localRuns, operator, repository, properties.getShutdownTimeout());
	}

	@Bean
	@ConditionalOnProperty("mastodon.maintenance.schedule.cron")
	@ConditionalOnMissingBean
	ScheduledRuns mastodonMaintenanceSchedule(ObjectProvider<DefaultMastodonMaintenance> maintenance,
			MastodonMaintenanceProperties properties) {
		DefaultMastodonMaintenance launcher = maintenance.getIfAvailable();
		if (launcher == null) {
			throw new IllegalStateException("mastodon.maintenance.schedule.cron needs the starter's own "
					+ "MastodonMaintenance, which the application's MastodonMaintenance bean replaced");
		}
		MastodonMaintenanceProperties.Schedule schedule = properties.getSchedule();
		RunRequest request = new RunRequest(Set.copyOf(schedule.getLevels().stream().map(Level::ofStepName).toList()),
				Map.of(), schedule.isDryRun());
		ZoneId zone = (schedule.getZone() != null) ? schedule.getZone() : ZoneId.systemDefault();
		return new ScheduledRuns(launcher, String.valueOf(schedule.getCron()), zone, request, schedule.isResume(),
				Clock.systemUTC());
	}

}
