package dev.mastodonmaintenance.boot.autoconfigure;

import javax.sql.DataSource;

import dev.mastodonmaintenance.batch.MaintenanceJob;
import dev.mastodonmaintenance.batch.manifest.DeletionManifest;
import dev.mastodonmaintenance.boot.support.LocalRuns;
import dev.mastodonmaintenance.boot.support.RunLock;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.JobOperatorFactoryBean;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the maintenance job's Spring Batch infrastructure, in our schema
 * of Mastodon's database: the schema's migrations, job repository, job operator (on an
 * asynchronous task executor), transaction manager, the deletion manifest and the run
 * lock.
 * <p>
 * The Spring Batch beans are qualified {@link MastodonMaintenanceBatch} and are not
 * default candidates: an application's own Spring Batch set-up, its jobs, Boot's job
 * launcher at startup and its Flyway are left as they are. Each qualified bean backs off
 * when the application declares one of the same name, the others when it declares one of
 * the same type.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class })
@ConditionalOnClass({ JobOperator.class, MaintenanceJob.class, DataSource.class })
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "mastodon.maintenance.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MastodonMaintenanceProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class MastodonMaintenanceBatchAutoConfiguration {

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
	RunLock mastodonMaintenanceRunLock(MaintenanceSchemaInitializer schema) {
		return new RunLock(schema.dataSource());
	}

	@Bean
	@ConditionalOnMissingBean
	LocalRuns mastodonMaintenanceLocalRuns() {
		return new LocalRuns();
	}

}
