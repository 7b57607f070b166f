package dev.mastodonmaintenance.boot.testing;

import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceAutoConfiguration;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceBatchAutoConfiguration;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceLevelsAutoConfiguration;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceScheduleAutoConfiguration;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchJobLauncherAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/**
 * Application contexts as a host application has them: Boot's data source, transaction
 * and Spring Batch auto-configurations, and the starter's.
 */
public final class StarterContexts {

	private StarterContexts() {
	}

	/**
	 * A context runner of a host application on a database.
	 * @param database the database
	 * @return the runner
	 */
	public static ApplicationContextRunner host(MastodonDatabase database) {
		return host(StarterDatabase.dataSourceProperties(database));
	}

	/**
	 * A context runner of a host application on a database given by its properties.
	 * @param dataSourceProperties the {@code spring.datasource.*} properties
	 * @return the runner
	 */
	public static ApplicationContextRunner host(String... dataSourceProperties) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				BatchJdbcAutoConfiguration.class, BatchAutoConfiguration.class, BatchJobLauncherAutoConfiguration.class,
				MastodonMaintenanceBatchAutoConfiguration.class, MastodonMaintenanceLevelsAutoConfiguration.class,
				MastodonMaintenanceAutoConfiguration.class, MastodonMaintenanceScheduleAutoConfiguration.class))
			.withPropertyValues(dataSourceProperties);
	}

}
