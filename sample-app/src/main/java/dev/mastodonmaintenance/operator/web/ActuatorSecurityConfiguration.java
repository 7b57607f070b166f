package dev.mastodonmaintenance.operator.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The actuator endpoints of {@code serve}: health stays open to probes (its details need
 * the console's user), every other endpoint (metrics, {@code /actuator/prometheus}) needs
 * the console's user, given by HTTP Basic as Prometheus scrapes ({@code basic_auth}),
 * with no session kept.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class ActuatorSecurityConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 120)
	SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http,
			@Value("${mastodon.maintenance.console.role:MAINTENANCE}") String role) throws Exception {
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
				.permitAll()
				.anyRequest()
				.hasRole(role.replaceFirst("^ROLE_", "")))
			.httpBasic((basic) -> {
			})
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

}
