package dev.mastodonmaintenance.boot.metrics;

import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the maintenance job's {@link MaintenanceMetrics}, when the
 * application has a {@link MeterRegistry}.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		MastodonMaintenanceAutoConfiguration.class })
@ConditionalOnClass({ MeterRegistry.class, CompositeMeterRegistryAutoConfiguration.class })
@ConditionalOnBean({ MeterRegistry.class, MastodonMaintenanceAutoConfiguration.class })
public final class MastodonMaintenanceMetricsAutoConfiguration {

	private static final Log logger = LogFactory.getLog(MastodonMaintenanceMetricsAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	MaintenanceMetrics mastodonMaintenanceMetrics(MeterRegistry registry) {
		return new MaintenanceMetrics(registry);
	}

	/**
	 * The gauges start from the job repository once every bean exists: the facade needs
	 * the job, which needs the metrics.
	 */
	@Bean
	SmartInitializingSingleton mastodonMaintenanceMetricsHistory(ObjectProvider<MaintenanceMetrics> metrics,
			ObjectProvider<MastodonMaintenance> maintenance) {
		return () -> metrics.ifAvailable((available) -> maintenance.ifAvailable((facade) -> {
			try {
				available.readHistory(facade);
			}
			catch (RuntimeException ex) {
				logger.warn(
						"Cannot read the last maintenance runs for their gauges; they start empty: " + ex.getMessage());
			}
		}));
	}

}
