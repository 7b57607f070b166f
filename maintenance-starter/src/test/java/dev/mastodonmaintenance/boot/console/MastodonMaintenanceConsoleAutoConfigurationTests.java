package dev.mastodonmaintenance.boot.console;

import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceAutoConfiguration;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceBatchAutoConfiguration;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceLevelsAutoConfiguration;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceScheduleAutoConfiguration;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console is off unless enabled; enabled, it guards its own path with Spring Security
 * and leaves the host's security as it was; without Spring Security it refuses to start
 * unless told that another guard stands in front of it.
 */
class MastodonMaintenanceConsoleAutoConfigurationTests {

	private static MastodonDatabase db;

	@BeforeAll
	static void database() {
		db = StarterDatabase.create(MastodonMaintenanceConsoleAutoConfigurationTests.class);
	}

	private WebApplicationContextRunner runner() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
					BatchJdbcAutoConfiguration.class, BatchAutoConfiguration.class,
					MastodonMaintenanceBatchAutoConfiguration.class, MastodonMaintenanceLevelsAutoConfiguration.class,
					MastodonMaintenanceAutoConfiguration.class, MastodonMaintenanceScheduleAutoConfiguration.class,
					SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class, MastodonMaintenanceConsoleAutoConfiguration.class))
			.withPropertyValues(StarterDatabase.dataSourceProperties(db));
	}

	@Test
	void offByDefault() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ConsoleController.class);
			assertThat(context).doesNotHaveBean("mastodonMaintenanceConsoleSecurityFilterChain");
		});
	}

	@Test
	void enabledConsoleGuardsItsPathAndLeavesTheHostsDefaultSecurity() {
		runner().withPropertyValues("mastodon.maintenance.console.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(ConsoleController.class);
			assertThat(context.getBeansOfType(SecurityFilterChain.class))
				.containsKey("mastodonMaintenanceConsoleSecurityFilterChain")
				.hasSize(2);
		});
	}

	@Test
	void withoutSpringSecurityTheApplicationRefusesToStart() {
		runner().withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
					BatchJdbcAutoConfiguration.class, BatchAutoConfiguration.class,
					MastodonMaintenanceBatchAutoConfiguration.class, MastodonMaintenanceLevelsAutoConfiguration.class,
					MastodonMaintenanceAutoConfiguration.class, MastodonMaintenanceScheduleAutoConfiguration.class,
					MastodonMaintenanceConsoleAutoConfiguration.class))
			.withPropertyValues("mastodon.maintenance.console.enabled=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("Spring Security is not on the classpath")
					.hasMessageContaining("mastodon.maintenance.console.allow-unauthenticated-behind-proxy=true");
			});
	}

	@Test
	void withoutSpringSecurityItStartsWhenToldAnotherGuardStandsInFront() {
		runner().withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.withPropertyValues("mastodon.maintenance.console.enabled=true",
					"mastodon.maintenance.console.allow-unauthenticated-behind-proxy=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(ConsoleController.class);
				assertThat(context).hasBean("mastodonMaintenanceConsoleSameOrigin");
			});
	}

	@Test
	void consoleBacksOffWithTheJob() {
		runner().withPropertyValues("mastodon.maintenance.console.enabled=true", "mastodon.maintenance.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ConsoleController.class);
			});
	}

	@Test
	void rootPathIsRefused() {
		runner().withPropertyValues("mastodon.maintenance.console.enabled=true", "mastodon.maintenance.console.path=/")
			.run((context) -> assertThat(context).hasFailed());
	}

}
