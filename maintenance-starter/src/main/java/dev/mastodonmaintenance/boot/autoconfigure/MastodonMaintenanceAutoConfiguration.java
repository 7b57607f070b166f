package dev.mastodonmaintenance.boot.autoconfigure;

import java.time.Clock;

import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.audit.OperatorActions;
import dev.mastodonmaintenance.boot.support.DefaultMastodonMaintenance;
import dev.mastodonmaintenance.boot.support.GracefulShutdown;
import dev.mastodonmaintenance.boot.support.LocalRuns;
import dev.mastodonmaintenance.boot.support.RunLock;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@link MastodonMaintenance} facade over the maintenance job,
 * the audit of operators' actions and the stop of running executions on shutdown.
 */
@AutoConfiguration(
		after = { MastodonMaintenanceBatchAutoConfiguration.class, MastodonMaintenanceLevelsAutoConfiguration.class })
@ConditionalOnBean(MaintenanceSchemaInitializer.class)
public final class MastodonMaintenanceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MastodonMaintenance.class)
	DefaultMastodonMaintenance mastodonMaintenance(@MastodonMaintenanceBatch Job job,
			@MastodonMaintenanceBatch JobOperator operator, @MastodonMaintenanceBatch JobRepository repository,
			@MastodonMaintenanceBatch ExecutionContextSerializer serializer, MaintenanceSchemaInitializer schema,
			RunLock lock, LocalRuns localRuns, MastodonMaintenanceProperties properties) {
		return new DefaultMastodonMaintenance(job, operator, repository, serializer, schema.schema().batchTablePrefix(),
				new JdbcTemplate(schema.dataSource()), lock, localRuns, properties.getLevels().options(),
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	OperatorActions mastodonMaintenanceOperatorActions(MaintenanceSchemaInitializer schema) {
		return new OperatorActions(new JdbcTemplate(schema.dataSource()), schema.schema().name());
	}

	@Bean
	@ConditionalOnMissingBean
	GracefulShutdown mastodonMaintenanceGracefulShutdown(LocalRuns localRuns,
			@MastodonMaintenanceBatch JobOperator operator, @MastodonMaintenanceBatch JobRepository repository,
			MastodonMaintenanceProperties properties) {
		return new GracefulShutdown(localRuns, operator, repository, properties.getShutdownTimeout());
	}

}
