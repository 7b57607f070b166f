package dev.mastodonmaintenance.boot.manifest;

import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.autoconfigure.MaintenanceSchemaInitializer;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceAutoConfiguration;
import dev.mastodonmaintenance.boot.console.ConsoleProperties;
import dev.mastodonmaintenance.boot.console.MastodonMaintenanceConsoleAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the deletion manifest's reader, {@link DeletionManifestRecords},
 * over our schema, and of its console pages when the console is enabled (they share the
 * console's path and its sign-in).
 */
@AutoConfiguration(
		after = { MastodonMaintenanceAutoConfiguration.class, MastodonMaintenanceConsoleAutoConfiguration.class })
@ConditionalOnBean(MaintenanceSchemaInitializer.class)
public final class MastodonMaintenanceManifestAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DeletionManifestRecords mastodonMaintenanceManifestRecords(MaintenanceSchemaInitializer schema) {
		return new JdbcDeletionManifestRecords(new JdbcTemplate(schema.dataSource()), schema.schema().name());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnBooleanProperty("mastodon.maintenance.console.enabled")
	@ConditionalOnBean({ MastodonMaintenance.class, ConsoleProperties.class })
	static class ManifestConsoleConfiguration {

		@Bean
		ManifestConsoleController mastodonMaintenanceManifestConsoleController(DeletionManifestRecords records,
				MastodonMaintenance maintenance, ConsoleProperties properties) {
			return new ManifestConsoleController(records, maintenance, properties);
		}

	}

}
