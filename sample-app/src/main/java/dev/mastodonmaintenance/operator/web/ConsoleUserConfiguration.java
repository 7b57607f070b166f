package dev.mastodonmaintenance.operator.web;

import java.security.SecureRandom;
import java.util.Base64;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The one operator who may sign in to the console:
 * {@code mastodon.operator.console.username} (default {@code admin}) with
 * {@code mastodon.operator.console.password}, given in clear or encoded
 * ({@code {bcrypt}$2a$...}). There is no default password: without one, a random password
 * is generated at each start and logged once.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class ConsoleUserConfiguration {

	private static final Log logger = LogFactory.getLog(ConsoleUserConfiguration.class);

	@Bean
	InMemoryUserDetailsManager consoleUsers(@Value("${mastodon.operator.console.username:admin}") String username,
			@Value("${mastodon.operator.console.password:}") String password,
			@Value("${mastodon.maintenance.console.role:MAINTENANCE}") String role) {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		String secret = password;
		if (secret.isBlank()) {
			secret = generated();
			logger.warn("Console user '" + username + "' has the generated password " + secret
					+ " for this run only; set MASTODON_OPERATOR_CONSOLE_PASSWORD in the environment to choose one "
					+ "(not on the command line, which every local user can read)");
		}
		String encoded = secret.startsWith("{") ? secret : encoder.encode(secret);
		return new InMemoryUserDetailsManager(
				User.withUsername(username).password(encoded).roles(role.replaceFirst("^ROLE_", "")).build());
	}

	private static String generated() {
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

}
