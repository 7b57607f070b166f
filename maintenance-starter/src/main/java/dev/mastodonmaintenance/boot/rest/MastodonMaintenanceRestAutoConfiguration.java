package dev.mastodonmaintenance.boot.rest;

import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the JSON API
 * over the maintenance facade, off unless {@code mastodon.maintenance.rest.enabled=true} in a servlet web
 * application.
 */
@AutoConfiguration(after = MastodonMaintenanceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
@ConditionalOnBooleanProperty("mastodon.maintenance.rest.enabled")
@ConditionalOnBean(MastodonMaintenance.class)
public final class MastodonMaintenanceRestAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MaintenanceRestController mastodonMaintenanceRestController(MastodonMaintenance maintenance) {
		return new MaintenanceRestController(maintenance);
	}

}
