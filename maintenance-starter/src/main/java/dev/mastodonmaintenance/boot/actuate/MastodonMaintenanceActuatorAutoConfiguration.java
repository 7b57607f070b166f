package dev.mastodonmaintenance.boot.actuate;

import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.autoconfigure.info.InfoContributorFallback;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the maintenance job's health indicator
 * ({@code management.health.mastodon-maintenance.enabled}) and info contributor
 * ({@code management.info.mastodon-maintenance.enabled}), when Actuator is present.
 */
@AutoConfiguration(after = MastodonMaintenanceAutoConfiguration.class)
@ConditionalOnBean(MastodonMaintenance.class)
public final class MastodonMaintenanceActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnEnabledHealthIndicator("mastodon-maintenance")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "mastodonMaintenanceHealthIndicator")
		MaintenanceHealthIndicator mastodonMaintenanceHealthIndicator(MastodonMaintenance maintenance) {
			return new MaintenanceHealthIndicator(maintenance);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
	@ConditionalOnEnabledInfoContributor(value = "mastodon-maintenance",
			fallback = InfoContributorFallback.USE_DEFAULTS_PROPERTY)
	static class InfoConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "mastodonMaintenanceInfoContributor")
		MaintenanceInfoContributor mastodonMaintenanceInfoContributor(MastodonMaintenance maintenance) {
			return new MaintenanceInfoContributor(maintenance);
		}

	}

}
