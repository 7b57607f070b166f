package dev.mastodonmaintenance.boot.rest;

import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.audit.OperatorActions;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceAutoConfiguration;
import dev.mastodonmaintenance.boot.signin.SignInThrottle;
import dev.mastodonmaintenance.boot.signin.SignInThrottleFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the JSON API over the maintenance facade, off unless
 * {@code mastodon.maintenance.rest.enabled=true} in a servlet web application.
 * <p>
 * With Spring Security on the classpath, the API's path gets a filter chain of its own
 * (unless {@code mastodon.maintenance.rest.security.enabled=false} leaves it to the
 * application): every request needs a user with {@code mastodon.maintenance.rest.role}
 * (the console's role by default), signed in with HTTP Basic or through the console's
 * session; see {@link RestSecurity} for CSRF.
 */
@AutoConfiguration(after = MastodonMaintenanceAutoConfiguration.class,
		afterName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
@ConditionalOnBooleanProperty("mastodon.maintenance.rest.enabled")
@ConditionalOnBean(MastodonMaintenance.class)
public final class MastodonMaintenanceRestAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MaintenanceRestController mastodonMaintenanceRestController(MastodonMaintenance maintenance,
			OperatorActions operatorActions) {
		return new MaintenanceRestController(maintenance, operatorActions);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class })
	@ConditionalOnBooleanProperty(name = "mastodon.maintenance.rest.security.enabled", matchIfMissing = true)
	static class SecuredRestConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SignInThrottle mastodonMaintenanceSignInThrottle() {
			return new SignInThrottle();
		}

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE + 110)
		SecurityFilterChain mastodonMaintenanceRestSecurityFilterChain(HttpSecurity http, SignInThrottle throttle,
				@Value("${mastodon.maintenance.rest.base-path:/mastodon-maintenance/api}") String basePath,
				@Value("${mastodon.maintenance.rest.role:${mastodon.maintenance.console.role:MAINTENANCE}}") String role)
				throws Exception {
			RestSecurity security = new RestSecurity();
			http.securityMatcher(basePath, basePath + "/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole(role.replaceFirst("^ROLE_", "")))
				.httpBasic((basic) -> basic.authenticationEntryPoint(security::unauthorized))
				.csrf((csrf) -> csrf.requireCsrfProtectionMatcher(RestSecurity::needsCsrfToken))
				.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(security::unauthorized)
					.accessDeniedHandler(security::forbidden))
				.addFilterBefore(new SignInThrottleFilter(throttle, null), BasicAuthenticationFilter.class);
			return http.build();
		}

	}

}
