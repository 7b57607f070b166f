package dev.mastodonmaintenance.boot.metrics;

import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceAutoConfiguration;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceBatch;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * maintenance job's {@link MaintenanceMetrics}, when the application has a {@link MeterRegistry}.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		MastodonMaintenanceAutoConfiguration.class })
@ConditionalOnClass({ MeterRegistry.class, CompositeMeterRegistryAutoConfiguration.class })
@ConditionalOnBean({ MeterRegistry.class, MastodonMaintenanceAutoConfiguration.class })
public final class MastodonMaintenanceMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MaintenanceMetrics mastodonMaintenanceMetrics(MeterRegistry registry,
			@MastodonMaintenanceBatch JobRepository repository) {
		return new MaintenanceMetrics(registry, repository);
	}

}
