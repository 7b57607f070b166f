package dev.mastodonmaintenance.boot.autoconfigure;

import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelDefinition;
import dev.mastodonmaintenance.batch.MaintenanceJob;
import dev.mastodonmaintenance.batch.PartitionHandlerFactory;
import dev.mastodonmaintenance.batch.accounts.AccountsCullLevel;
import dev.mastodonmaintenance.batch.cache.CacheClearLevel;
import dev.mastodonmaintenance.batch.manifest.DeletionManifest;
import dev.mastodonmaintenance.batch.media.MediaRemoveLevel;
import dev.mastodonmaintenance.batch.orphans.OrphansRemoveLevel;
import dev.mastodonmaintenance.batch.previewcards.PreviewCardsRemoveLevel;
import dev.mastodonmaintenance.batch.statuses.StatusesRemoveLevel;
import dev.mastodonmaintenance.boot.MaintenanceRunListener;
import dev.mastodonmaintenance.boot.support.LevelProgressRelay;
import dev.mastodonmaintenance.boot.support.LocalRuns;
import dev.mastodonmaintenance.boot.support.RunLock;
import dev.mastodonmaintenance.boot.support.SupervisedJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.metadata.CompositeDataSourcePoolMetadataProvider;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadata;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the Mastodon server being maintained (its media storage and
 * cache Redis, from {@code mastodon.maintenance.*}), the six levels and the maintenance
 * job made of them.
 * <p>
 * The AWS SDK and Lettuce are optional: without the SDK only the filesystem storage can
 * be opened (an S3 storage is refused at startup, naming what is missing), and without
 * Lettuce the cache Redis is left out, so that the cache level is skipped and media
 * removal does not evict cached statuses.
 */
@AutoConfiguration(after = MastodonMaintenanceBatchAutoConfiguration.class)
@ConditionalOnBean(MaintenanceSchemaInitializer.class)
public final class MastodonMaintenanceLevelsAutoConfiguration {

	static final Set<String> LEVEL_BEANS = Set.of("cacheClearLevel", "previewCardsRemoveLevel", "mediaRemoveLevel",
			"mediaRemoveOrphansLevel", "accountsCullLevel", "statusesRemoveLevel");

	@Bean
	@ConditionalOnMissingBean
	MastodonResources mastodonResources(MaintenanceSchemaInitializer schema, MastodonMaintenanceProperties properties,
			ResourceLoader resourceLoader) {
		OptionalClients clients = new OptionalClients(resourceLoader.getClassLoader());
		return new MastodonResources(schema.dataSource(), MediaStorages.open(properties.getStorage(), clients),
				clients.cacheRedisUrl(properties.getCacheRedisUrl()), properties.getAllowedPrivateAddresses());
	}

	@Bean
	MediaStorageCloser mastodonMaintenanceMediaStorageCloser(MastodonResources mastodon) {
		return new MediaStorageCloser(mastodon);
	}

	@Bean
	@ConditionalOnMissingBean(name = "cacheClearLevel")
	CacheClearLevel cacheClearLevel(MastodonResources mastodon) {
		return new CacheClearLevel(mastodon);
	}

	@Bean
	@ConditionalOnMissingBean(name = "previewCardsRemoveLevel")
	PreviewCardsRemoveLevel previewCardsRemoveLevel(MastodonResources mastodon) {
		return new PreviewCardsRemoveLevel(mastodon);
	}

	@Bean
	@ConditionalOnMissingBean(name = "mediaRemoveLevel")
	MediaRemoveLevel mediaRemoveLevel(MastodonResources mastodon) {
		return new MediaRemoveLevel(mastodon);
	}

	@Bean
	@ConditionalOnMissingBean(name = "mediaRemoveOrphansLevel")
	OrphansRemoveLevel mediaRemoveOrphansLevel(MastodonResources mastodon) {
		return new OrphansRemoveLevel(mastodon);
	}

	@Bean
	@ConditionalOnMissingBean(name = "accountsCullLevel")
	AccountsCullLevel accountsCullLevel(MastodonResources mastodon) {
		return new AccountsCullLevel(mastodon);
	}

	@Bean
	@ConditionalOnMissingBean(name = "statusesRemoveLevel")
	StatusesRemoveLevel statusesRemoveLevel(MastodonResources mastodon) {
		return new StatusesRemoveLevel(mastodon);
	}

	/**
	 * The job's builder: the job is built from it, and a worker node of remote
	 * partitioning finds the steps that run one partition in its
	 * {@link MaintenanceJob#workerSteps()}.
	 */
	@Bean(defaultCandidate = false)
	@MastodonMaintenanceBatch
	@ConditionalOnMissingBean(name = "mastodonMaintenanceJobBuilder")
	MaintenanceJob mastodonMaintenanceJobBuilder(@MastodonMaintenanceBatch JobRepository repository,
			@MastodonMaintenanceBatch PlatformTransactionManager transactionManager, DeletionManifest manifest,
			MastodonResources mastodon, ListableBeanFactory beans, ObjectProvider<MaintenanceRunListener> listeners,
			MastodonMaintenanceProperties properties, ObjectProvider<DataSourcePoolMetadataProvider> poolMetadata,
			ObjectProvider<PartitionHandlerFactory> partitionHandlers, Environment environment,
			ResourceLoader resourceLoader) {
		new OptionalClients(resourceLoader.getClassLoader())
			.checkPartitioning(environment.getProperty("mastodon.maintenance.partitioning.mode", "local"));
		MaintenanceJob job = new MaintenanceJob(repository, transactionManager, manifest, mastodon)
			.keepManifestRuns(properties.getManifest().getKeepRuns())
			.outageWait(properties.getOutageWait())
			.connectionLimit(poolSize(mastodon.database(), poolMetadata));
		Map<Level, LevelDefinition> levels = LevelDefinitions.select(beans.getBeansOfType(LevelDefinition.class),
				LEVEL_BEANS);
		levels.values().forEach(job::level);
		job.chunkListener(new LevelProgressRelay(listeners.orderedStream().toList()));
		// remote partitioning's manager, when configured; partitions run here otherwise
		partitionHandlers.ifAvailable(job::partitionHandler);
		return job;
	}

	@Bean(defaultCandidate = false)
	@MastodonMaintenanceBatch
	@ConditionalOnMissingBean(name = "mastodonMaintenanceJob")
	Job mastodonMaintenanceJob(@MastodonMaintenanceBatch MaintenanceJob job,
			@MastodonMaintenanceBatch JobRepository repository, RunLock lock, LocalRuns localRuns,
			ObjectProvider<MaintenanceRunListener> listeners) {
		return new SupervisedJob(job.build(), repository, lock, localRuns, listeners.orderedStream().toList());
	}

	/**
	 * The most connections the pool to Mastodon's database opens, as Boot's pool metadata
	 * knows it; 0 when unknown.
	 */
	private static int poolSize(DataSource dataSource, ObjectProvider<DataSourcePoolMetadataProvider> poolMetadata) {
		DataSourcePoolMetadata metadata = new CompositeDataSourcePoolMetadataProvider(
				poolMetadata.orderedStream().toList())
			.getDataSourcePoolMetadata(dataSource);
		Integer max = (metadata != null) ? metadata.getMax() : null;
		return (max != null && max > 0) ? max : 0;
	}

}
