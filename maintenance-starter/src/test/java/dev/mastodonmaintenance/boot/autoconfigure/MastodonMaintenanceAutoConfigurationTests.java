package dev.mastodonmaintenance.boot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelDefinition;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.ExecutionPage;
import dev.mastodonmaintenance.boot.ExecutionQuery;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.Progress;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.support.ScheduledRuns;
import dev.mastodonmaintenance.boot.testing.StarterContexts;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.boot.testing.SteppingLevel;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.storage.S3Storage;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration's conditions: when it applies, what backs off for the
 * application's own beans, what stays out of the application's way, and which
 * configuration mistakes stop the start with a message naming the property.
 */
class MastodonMaintenanceAutoConfigurationTests {

	private static MastodonDatabase db;

	private final ApplicationContextRunner runner = StarterContexts.host(db);

	@BeforeAll
	static void database() {
		db = StarterDatabase.create(MastodonMaintenanceAutoConfigurationTests.class);
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("mastodon.maintenance.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MastodonMaintenance.class)
				.doesNotHaveBean(MaintenanceSchemaInitializer.class)
				.doesNotHaveBean("mastodonMaintenanceJobRepository"));
	}

	@Test
	void backsOffWithoutADataSource() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MastodonMaintenanceBatchAutoConfiguration.class,
					MastodonMaintenanceLevelsAutoConfiguration.class, MastodonMaintenanceAutoConfiguration.class,
					MastodonMaintenanceScheduleAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MastodonMaintenance.class));
	}

	@Test
	void infrastructureIsQualifiedAndLeavesTheApplicationsOwnBatchBeansInjectable() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MastodonMaintenance.class);
			for (String name : List.of("mastodonMaintenanceJobRepository", "mastodonMaintenanceJobOperator",
					"mastodonMaintenanceJob", "mastodonMaintenanceTransactionManager",
					"mastodonMaintenanceTaskExecutor", "mastodonMaintenanceExecutionContextSerializer")) {
				assertThat(((AbstractBeanDefinition) context.getBeanFactory().getBeanDefinition(name))
					.isDefaultCandidate()).as(name).isFalse();
			}
			assertThat(context.getBean(JobRepository.class))
				.isNotSameAs(context.getBean("mastodonMaintenanceJobRepository"));
			assertThat(context.getBean(JobOperator.class))
				.isNotSameAs(context.getBean("mastodonMaintenanceJobOperator"));
			assertThat(context.getBean(PlatformTransactionManager.class))
				.isSameAs(context.getBean("transactionManager"));
		});
	}

	@Test
	void applicationBeansReplaceTheStartersByTypeOrName() {
		MastodonMaintenance own = new NoMaintenance();
		this.runner.withBean(MastodonMaintenance.class, () -> own)
			.withBean("previewCardsRemoveLevel", SteppingLevel.class, () -> new SteppingLevel(db.jdbc()))
			.withPropertyValues("mastodon.maintenance.schedule.cron=0 0 4 * * *")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining(
						"mastodon.maintenance.schedule.cron needs the starter's own MastodonMaintenance"));
		this.runner.withBean(MastodonMaintenance.class, () -> own)
			.withBean("previewCardsRemoveLevel", SteppingLevel.class, () -> new SteppingLevel(db.jdbc()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MastodonMaintenance.class)).isSameAs(own);
				assertThat(context.getBeansOfType(LevelDefinition.class)).hasSize(6)
					.containsKey("previewCardsRemoveLevel");
				assertThat(context.getBean("previewCardsRemoveLevel")).isInstanceOf(SteppingLevel.class);
			});
	}

	@Test
	void aSynchronousTaskExecutorOfTheApplicationMakesStartReturnOnceTheRunEnded() {
		this.runner
			.withBean("mastodonMaintenanceTaskExecutor", TaskExecutor.class, SyncTaskExecutor::new,
					MastodonMaintenanceAutoConfigurationTests::notDefaultCandidate)
			.run((context) -> {
				MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
				long id = maintenance.start(RunRequest.allLevels().dryRun(true));
				ExecutionDetails details = maintenance.execution(id).orElseThrow();
				assertThat(details.summary().status()).isEqualTo(BatchStatus.COMPLETED);
				assertThat(details.steps()).hasSize(6)
					.allSatisfy((step) -> assertThat(step.status()).isEqualTo(BatchStatus.COMPLETED));
			});
	}

	@Test
	void twoApplicationDefinitionsOfOneLevelStopTheStart() {
		this.runner.withBean("one", SteppingLevel.class, () -> new SteppingLevel(db.jdbc()))
			.withBean("two", SteppingLevel.class, () -> new SteppingLevel(db.jdbc()))
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining(
						"Several LevelDefinition beans for level preview-cards-remove: [one, two]; keep one"));
	}

	@Test
	void invalidLevelDefaultsStopTheStartNamingTheProperty() {
		this.runner.withPropertyValues("mastodon.maintenance.levels.media-remove.days=-1")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid default level options (mastodon.maintenance.levels.*): "
						+ "Invalid job parameter media-remove.days=-1: a number of days of at least 0"));
		this.runner.withPropertyValues("mastodon.maintenance.levels.media-removal.days=3")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining(
						"Unknown level 'media-removal': expected one of cache-clear, preview-cards-remove"));
		this.runner.withPropertyValues("mastodon.maintenance.levels.media-remove.dayz=3")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining(
						"unknown option 'dayz' of media-remove; known options: batch-size, concurrency, "
								+ "days, grid-size, include-follows, keep-interacted, partitions, prune-profiles, "
								+ "remove-headers"));
		this.runner.withPropertyValues("mastodon.maintenance.levels.media-remove.grid-size=257")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid job parameter media-remove.grid-size=257: at most 256"));
	}

	@Test
	void levelDefaultsAreTheOptionsOfEveryRunUnlessTheRunGivesItsOwn() {
		this.runner
			.withPropertyValues("mastodon.maintenance.levels.media-remove.days=3",
					"mastodon.maintenance.levels.statuses-remove.batch_size=500")
			.withBean("mastodonMaintenanceTaskExecutor", TaskExecutor.class, SyncTaskExecutor::new,
					MastodonMaintenanceAutoConfigurationTests::notDefaultCandidate)
			.run((context) -> {
				MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
				long id = maintenance.start(RunRequest.allLevels().option(Level.MEDIA_REMOVE, "days", 5).dryRun(true));
				assertThat(maintenance.execution(id).orElseThrow().summary().parameters())
					.containsEntry("media-remove.days", "5")
					.containsEntry("statuses-remove.batch-size", "500")
					.containsEntry("dry-run", "true");
			});
	}

	@Test
	void schemaIsConfigurable() {
		this.runner.withPropertyValues("mastodon.maintenance.schema=maintenance_elsewhere")
			.withBean("mastodonMaintenanceTaskExecutor", TaskExecutor.class, SyncTaskExecutor::new,
					MastodonMaintenanceAutoConfigurationTests::notDefaultCandidate)
			.run((context) -> {
				MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
				long id = maintenance.start(RunRequest.allLevels().dryRun(true));
				assertThat(db.jdbc()
					.queryForObject("SELECT STATUS FROM maintenance_elsewhere.BATCH_JOB_EXECUTION "
							+ "WHERE JOB_EXECUTION_ID = ?", String.class, id))
					.isEqualTo("COMPLETED");
				assertThat(maintenance.executions(ExecutionQuery.firstPage()).executions())
					.extracting(ExecutionSummary::id)
					.containsExactly(id);
			});
		this.runner.withPropertyValues("mastodon.maintenance.schema=public")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("Invalid schema name 'public'"));
	}

	@Test
	void storageComesFromTheProperties(@TempDir Path root) {
		this.runner
			.withPropertyValues("mastodon.maintenance.storage.root=" + root,
					"mastodon.maintenance.cache-redis-url=redis://127.0.0.1:6379/1",
					"mastodon.maintenance.allowed-private-addresses=10.0.0.0/8,127.0.0.1")
			.run((context) -> {
				MastodonResources mastodon = context.getBean(MastodonResources.class);
				assertThat(mastodon.storage()).isInstanceOf(FilesystemStorage.class);
				assertThat(((FilesystemStorage) mastodon.storage()).root()).isEqualTo(root.toAbsolutePath());
				assertThat(mastodon.cacheRedisUrl()).isEqualTo("redis://127.0.0.1:6379/1");
				assertThat(mastodon.allowedPrivateAddresses()).containsExactly("10.0.0.0/8", "127.0.0.1");
			});
		this.runner.run((context) -> assertThat(context.getBean(MastodonResources.class).storage()).isNull());
		this.runner.withPropertyValues("mastodon.maintenance.storage.type=filesystem")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("mastodon.maintenance.storage.root is not set"));
		this.runner
			.withPropertyValues("mastodon.maintenance.storage.s3.bucket=media",
					"mastodon.maintenance.storage.s3.endpoint=http://127.0.0.1:9000",
					"mastodon.maintenance.storage.s3.access-key-id=key",
					"mastodon.maintenance.storage.s3.secret-access-key=secret")
			.run((context) -> {
				MediaStorage storage = context.getBean(MastodonResources.class).storage();
				assertThat(storage).isInstanceOf(S3Storage.class);
				assertThat(storage.describe()).contains("'media'", "http://127.0.0.1:9000");
			});
		this.runner.withPropertyValues("mastodon.maintenance.storage.type=s3")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining(
						"Invalid S3 storage (mastodon.maintenance.storage.s3.*): S3_BUCKET is not set"));
		this.runner
			.withPropertyValues("mastodon.maintenance.storage.s3.bucket=media",
					"mastodon.maintenance.storage.s3.batch-delete-limit=5000")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid S3 storage (mastodon.maintenance.storage.s3.*): ")
				.hasStackTraceContaining("S3_BATCH_DELETE_LIMIT"));
	}

	@Test
	void withoutTheAwsSdkS3StorageIsRefusedAndTheFilesystemStays(@TempDir Path root) {
		ApplicationContextRunner withoutSdk = this.runner
			.withClassLoader(new FilteredClassLoader("software.amazon.awssdk"));
		withoutSdk.withPropertyValues("mastodon.maintenance.storage.s3.bucket=media")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining(
						"Mastodon's media is in S3 (mastodon.maintenance.storage.*) but the AWS SDK for "
								+ "S3 is not on the classpath"));
		withoutSdk.withPropertyValues("mastodon.maintenance.storage.root=" + root)
			.run((context) -> assertThat(context.getBean(MastodonResources.class).storage())
				.isInstanceOf(FilesystemStorage.class));
	}

	@Test
	void withoutLettuceTheCacheRedisIsLeftOut() {
		this.runner.withClassLoader(new FilteredClassLoader("io.lettuce"))
			.withPropertyValues("mastodon.maintenance.cache-redis-url=redis://127.0.0.1:6379/1")
			.run((context) -> assertThat(context.getBean(MastodonResources.class).cacheRedisUrl()).isNull());
	}

	@Test
	void scheduleExistsOnlyWithAValidCron() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ScheduledRuns.class));
		this.runner
			.withPropertyValues("mastodon.maintenance.schedule.cron=0 30 4 * * *",
					"mastodon.maintenance.schedule.zone=Europe/Paris")
			.run((context) -> {
				assertThat(context).hasSingleBean(ScheduledRuns.class);
				assertThat(context.getBean(ScheduledRuns.class).nextSlot()).satisfies((slot) -> {
					assertThat(slot.getHour()).isEqualTo(4);
					assertThat(slot.getMinute()).isEqualTo(30);
					assertThat(slot.getZone().getId()).isEqualTo("Europe/Paris");
				});
			});
		this.runner.withPropertyValues("mastodon.maintenance.schedule.cron=30 4 * * *")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid mastodon.maintenance.schedule.cron '30 4 * * *'"));
	}

	@Test
	void beansDependingOnDatabaseInitializationWaitForOurSchema() {
		this.runner.withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class))
			.run((context) -> assertThat(context.getBeanFactory().getBeanDefinition("jdbcTemplate").getDependsOn())
				.contains("mastodonMaintenanceSchema"));
	}

	@Test
	void propertiesHaveGeneratedMetadata() throws Exception {
		String metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(metadata).contains("\"name\": \"mastodon.maintenance.schedule.cron\"",
				"\"name\": \"mastodon.maintenance.levels\"", "\"name\": \"mastodon.maintenance.storage.s3.bucket\"",
				"\"name\": \"mastodon.maintenance.rest.base-path\"",
				"Schema of Mastodon's database that holds the job repository");
	}

	private static void notDefaultCandidate(BeanDefinition definition) {
		((AbstractBeanDefinition) definition).setDefaultCandidate(false);
		((AbstractBeanDefinition) definition)
			.addQualifier(new AutowireCandidateQualifier(MastodonMaintenanceBatch.class));
	}

	private static final class NoMaintenance implements MastodonMaintenance {

		@Override
		public long start(RunRequest request) {
			return 0;
		}

		@Override
		public long restart(long executionId) {
			return 0;
		}

		@Override
		public void stop(long executionId) {
		}

		@Override
		public void abandon(long executionId) {
		}

		@Override
		public void recover(long executionId) {
		}

		@Override
		public ExecutionPage executions(ExecutionQuery query) {
			return new ExecutionPage(List.of(), 0, 1, 0);
		}

		@Override
		public Optional<ExecutionSummary> lastExecution() {
			return Optional.empty();
		}

		@Override
		public Optional<ExecutionSummary> toResume() {
			return Optional.empty();
		}

		@Override
		public Optional<ExecutionDetails> execution(long executionId) {
			return Optional.empty();
		}

		@Override
		public Optional<Progress> progress(long executionId) {
			return Optional.empty();
		}

	}

}
