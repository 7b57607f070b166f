package dev.mastodonmaintenance.boot.console;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.audit.OperatorActions;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceProperties;
import dev.mastodonmaintenance.boot.signin.SignInThrottle;
import dev.mastodonmaintenance.boot.signin.SignInThrottleFilter;
import dev.mastodonmaintenance.boot.support.ScheduledRuns;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the batch admin console, when
 * {@code mastodon.maintenance.console.enabled=true} in a servlet web application that has
 * the {@link MastodonMaintenance} facade.
 * <p>
 * With Spring Security on the classpath, every page and action under the console's path
 * needs a signed-in user with the configured role, and state-changing actions need the
 * CSRF token; failed sign-ins are logged and throttled ({@link SignInThrottle}); the
 * console's filter chain matches its path only, so the application's own security (or
 * Boot's default) still covers the rest. Without Spring Security the application refuses
 * to start, unless
 * {@code mastodon.maintenance.console.allow-unauthenticated-behind-proxy=true} says that
 * another guard stands in front of it; actions then accept only same-origin POSTs.
 */
@AutoConfiguration(afterName = { "dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
@ConditionalOnBooleanProperty("mastodon.maintenance.console.enabled")
@ConditionalOnBean(MastodonMaintenance.class)
@EnableConfigurationProperties(ConsoleProperties.class)
public final class MastodonMaintenanceConsoleAutoConfiguration {

	@Bean
	ConsoleController mastodonMaintenanceConsoleController(MastodonMaintenance maintenance,
			ConsoleProperties properties, OperatorActions operatorActions,
			ObjectProvider<MastodonMaintenanceProperties> maintenanceProperties,
			ObjectProvider<ScheduledRuns> schedule) {
		MastodonMaintenanceProperties configured = maintenanceProperties.getIfAvailable();
		DryRunPredictions predictions = new DryRunPredictions(maintenance,
				configuredOptions((configured != null) ? configured.getLevels().options() : Map.of()));
		return new ConsoleController(maintenance, properties, operatorActions, predictions, schedule.getIfAvailable());
	}

	// mastodon.maintenance.levels.<level>.<option> by job parameter name, written as a
	// run's parameters are
	private static Map<String, String> configuredOptions(Map<Level, Map<String, Object>> levels) {
		Map<String, String> options = new HashMap<>();
		MaintenanceParameters.of(Instant.EPOCH, Set.of(), false, false, levels)
			.parameters()
			.forEach((parameter) -> options.put(parameter.name(), String.valueOf(parameter.value())));
		return options;
	}

	@Bean
	ConsoleRequirements mastodonMaintenanceConsoleRequirements(ConsoleProperties properties) {
		return new ConsoleRequirements(properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class })
	static class SecuredConsoleConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SignInThrottle mastodonMaintenanceSignInThrottle() {
			return new SignInThrottle();
		}

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE + 100)
		SecurityFilterChain mastodonMaintenanceConsoleSecurityFilterChain(HttpSecurity http,
				ConsoleProperties properties, SignInThrottle throttle) throws Exception {
			String path = properties.getPath();
			http.securityMatcher(path, path + "/**")
				.addFilterBefore(new SignInThrottleFilter(throttle, path + "/login"),
						UsernamePasswordAuthenticationFilter.class)
				.authorizeHttpRequests((requests) -> requests.requestMatchers(path + "/login")
					.permitAll()
					.anyRequest()
					.hasRole(properties.getRole()))
				.formLogin((login) -> login.loginPage(path + "/login").defaultSuccessUrl(path, false).permitAll())
				.logout((logout) -> logout.logoutUrl(path + "/logout").logoutSuccessUrl(path + "/login?logout"));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.security.web.SecurityFilterChain")
	static class UnsecuredConsoleConfiguration {

		private static final Log logger = LogFactory.getLog(UnsecuredConsoleConfiguration.class);

		@Bean
		WebMvcConfigurer mastodonMaintenanceConsoleSameOrigin(ConsoleProperties properties) {
			if (!properties.isAllowUnauthenticatedBehindProxy()) {
				throw new IllegalStateException("The Mastodon Maintenance console is enabled "
						+ "(mastodon.maintenance.console.enabled=true) but Spring Security is not on the classpath, so "
						+ "anyone reaching the application could start and abandon runs. Add "
						+ "spring-boot-starter-security, or, when an authenticating reverse proxy lets only operators "
						+ "reach " + properties.getPath() + ", set "
						+ "mastodon.maintenance.console.allow-unauthenticated-behind-proxy=true.");
			}
			logger.warn("The Mastodon Maintenance console at " + properties.getPath() + " is served without "
					+ "authentication (mastodon.maintenance.console.allow-unauthenticated-behind-proxy=true): the "
					+ "proxy in front of this application must let only operators through");
			return new WebMvcConfigurer() {

				@Override
				public void addInterceptors(InterceptorRegistry registry) {
					registry.addInterceptor(new SameOriginPosts()).addPathPatterns(properties.getPath() + "/**");
				}

			};
		}

	}

}
