package dev.mastodonmaintenance.boot.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchJobLauncherAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host application with its own Spring Batch job and its own Flyway, started as Spring
 * Boot starts it: Boot runs the host's job at startup as before and never ours, the
 * host's Flyway migrates the host's schema, and our schema is migrated beside it.
 */
class HostApplicationTests {

	private static MastodonDatabase db;

	@BeforeAll
	static void database() {
		db = StarterDatabase.create(HostApplicationTests.class);
	}

	@Test
	void hostJobRunsAtStartupOursDoesNotAndHostFlywayMigratesItsSchema() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HostApplication.class)
			.web(WebApplicationType.NONE)
			.properties(StarterDatabase.dataSourceProperties(db))
			.properties("spring.batch.jdbc.initialize-schema=always", "spring.flyway.schemas=host_app",
					"spring.flyway.locations=classpath:db/host-app")
			.run()) {

			assertThat(context.getBean(HostApplication.class).hostJobRuns).hasValue(1);
			assertThat(db.jdbc()
				.queryForList(
						"SELECT i.JOB_NAME FROM public.BATCH_JOB_EXECUTION e "
								+ "JOIN public.BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID",
						String.class))
				.containsExactly("hostJob");
			assertThat(db.jdbc()
				.queryForObject("SELECT count(*) FROM mastodon_maintenance.BATCH_JOB_EXECUTION", Long.class)).isZero();
			assertThat(context.getBean("jobsSeenByTheHost", List.class)).containsExactly(context.getBean("hostJob"));

			assertThat(context.getBeansOfType(Flyway.class)).containsOnlyKeys("flyway");
			assertThat(db.jdbc()
				.queryForList(
						"SELECT version FROM host_app.flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank",
						String.class))
				.containsExactly("1");
			assertThat(db.jdbc().queryForObject("SELECT count(*) FROM host_app.greeting", Long.class)).isZero();
			assertThat(db.jdbc()
				.queryForList(
						"SELECT version FROM mastodon_maintenance.flyway_schema_history WHERE version IS NOT NULL "
								+ "ORDER BY installed_rank",
						String.class))
				.containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");

			assertThat(context.getBean(MastodonMaintenance.class)
				.executions(dev.mastodonmaintenance.boot.ExecutionQuery.firstPage())
				.total()).isZero();
			assertThat(context.getBean(JobRepository.class))
				.isNotSameAs(context.getBean("mastodonMaintenanceJobRepository"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
			TransactionAutoConfiguration.class, FlywayAutoConfiguration.class, BatchJdbcAutoConfiguration.class,
			BatchAutoConfiguration.class, BatchJobLauncherAutoConfiguration.class,
			MastodonMaintenanceBatchAutoConfiguration.class, MastodonMaintenanceLevelsAutoConfiguration.class,
			MastodonMaintenanceAutoConfiguration.class, MastodonMaintenanceScheduleAutoConfiguration.class })
	static class HostApplication {

		final AtomicInteger hostJobRuns = new AtomicInteger();

		@Bean
		Job hostJob(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
			return new JobBuilder("hostJob", jobRepository)
				.start(new StepBuilder("hostStep", jobRepository).tasklet((contribution, chunk) -> {
					this.hostJobRuns.incrementAndGet();
					return RepeatStatus.FINISHED;
				}, transactionManager).build())
				.build();
		}

		@Bean
		List<Job> jobsSeenByTheHost(List<Job> jobs) {
			return jobs;
		}

	}

}
