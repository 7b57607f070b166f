package dev.mastodonmaintenance.boot.signin;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mastodonmaintenance.boot.testing.Await;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.mastodonmaintenance.boot.testing.ConsoleClient.encode;
import static dev.mastodonmaintenance.boot.testing.ConsoleClient.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed sign-ins over real HTTP, to the console's form and to the JSON API with HTTP
 * Basic: after three failures the next attempt, even with the right password, is refused
 * unchecked (the form back to {@code login?throttled}, Basic with {@code 429} and
 * {@code Retry-After}) until the delay has passed; the right password is then accepted
 * again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mastodon.maintenance.console.enabled=true", "mastodon.maintenance.rest.enabled=true",
				"spring.flyway.enabled=false" })
class SignInThrottlingOverHttpTests {

	private static final MastodonDatabase db = StarterDatabase.create(SignInThrottlingOverHttpTests.class);

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		for (String property : StarterDatabase.dataSourceProperties(db)) {
			int equals = property.indexOf('=');
			registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
		}
	}

	@Test
	void theFormIsThrottledAfterThreeFailuresThenAcceptsTheRightPassword() {
		for (int i = 0; i < 4; i++) {
			assertThat(signIn("admin", "guess " + i)).endsWith("/maintenance/login?error");
		}

		assertThat(signIn("admin", "right-password")).endsWith("/maintenance/login?throttled");

		Await.until("the delay passed", () -> signIn("admin", "right-password").endsWith("/maintenance"));
	}

	@Test
	void basicIsThrottledWith429AfterThreeFailures() {
		for (int i = 0; i < 4; i++) {
			assertThat(basic("api", "guess " + i).statusCode()).isEqualTo(401);
		}

		HttpResponse<String> throttled = basic("api", "api-password");
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isPositive());

		Await.until("the delay passed", () -> basic("api", "api-password").statusCode() == 200);
	}

	private String signIn(String user, String password) {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		HttpResponse<String> page = send(browser, HttpRequest.newBuilder(uri("/maintenance/login")).GET().build());
		Matcher token = CSRF.matcher(page.body());
		assertThat(token.find()).isTrue();
		HttpResponse<String> response = send(browser, HttpRequest.newBuilder(uri("/maintenance/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(
					"username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1))))
			.build());
		assertThat(response.statusCode()).isEqualTo(302);
		return response.headers().firstValue("Location").orElseThrow();
	}

	private HttpResponse<String> basic(String user, String password) {
		return send(HttpClient.newHttpClient(),
				HttpRequest.newBuilder(uri("/mastodon-maintenance/api/executions"))
					.header("Authorization",
							"Basic " + Base64.getEncoder()
								.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
					.GET()
					.build());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class HostApplication {

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("admin").password("{noop}right-password").roles("MAINTENANCE").build(),
					User.withUsername("api").password("{noop}api-password").roles("MAINTENANCE").build());
		}

	}

}
