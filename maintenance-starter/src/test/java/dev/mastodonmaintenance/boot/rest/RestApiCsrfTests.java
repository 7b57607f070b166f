package dev.mastodonmaintenance.boot.rest;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
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
 * State changes through the JSON API under the starter's security, over real HTTP: a
 * script's HTTP Basic request needs no CSRF token; a request riding on the console's
 * session without the token is refused with 403 (not 401) and a problem saying so, and
 * accepted with the token in {@code X-CSRF-TOKEN}; Basic credentials a browser sends from
 * another site's page need the token too; no credentials at all is 401. Each accepted
 * change is recorded with its user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mastodon.maintenance.console.enabled=true", "mastodon.maintenance.rest.enabled=true",
				"spring.flyway.enabled=false" })
class RestApiCsrfTests {

	private static final MastodonDatabase db = StarterDatabase.create(RestApiCsrfTests.class);

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final String API = "/mastodon-maintenance/api/executions";

	private static final String DRY_RUN = "{\"levels\": [\"preview-cards-remove\"], \"dryRun\": true}";

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		for (String property : StarterDatabase.dataSourceProperties(db)) {
			int equals = property.indexOf('=');
			registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
		}
		StarterDatabase.previewCards(db, 3);
	}

	@Test
	void aScriptsBasicRequestNeedsNoCsrfToken() {
		HttpResponse<String> started = launched(() -> post(HttpClient.newHttpClient(), API, DRY_RUN, basic(), null));

		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		assertThat(
				db.jdbc()
					.queryForObject("SELECT operator FROM mastodon_maintenance.operator_action WHERE "
							+ "kind = 'LAUNCH' ORDER BY id DESC LIMIT 1", String.class))
			.isEqualTo("operator (API, 127.0.0.1)");
	}

	@Test
	void aSessionRequestWithoutTheTokenIsForbiddenNotUnauthorized() {
		HttpClient browser = signedInBrowser();
		long before = launches();

		HttpResponse<String> refused = post(browser, API, DRY_RUN, null, null);

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.body()).contains("CSRF token missing or invalid");
		assertThat(launches()).isEqualTo(before);

		String token = csrf(get(browser, "/maintenance"));
		HttpResponse<String> accepted = launched(() -> post(browser, API, DRY_RUN, null, token));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		assertThat(launches()).isEqualTo(before + 1);
	}

	@Test
	void basicCredentialsSentFromAnotherSiteNeedTheToken() {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(API + "/1/abandon"))
			.header("Authorization", basic())
			.header("Sec-Fetch-Site", "cross-site")
			.POST(HttpRequest.BodyPublishers.noBody());

		HttpResponse<String> refused = send(HttpClient.newHttpClient(), request.build());

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("CSRF token missing or invalid");
	}

	@Test
	void noCredentialsIsUnauthorized() {
		HttpResponse<String> refused = post(HttpClient.newHttpClient(), API, DRY_RUN, null, null);

		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Basic"));
	}

	// another test's dry run may still hold the run lock: a launch refused for that is
	// tried again
	private static HttpResponse<String> launched(Supplier<HttpResponse<String>> launch) {
		return Await.value("a launch not refused by a run still going",
				() -> Optional.of(launch.get()).filter((response) -> response.statusCode() != 409).orElse(null));
	}

	private long launches() {
		return db.jdbc().queryForObject("SELECT count(*) FROM mastodon_maintenance.batch_job_execution", Long.class);
	}

	private HttpClient signedInBrowser() {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String token = csrf(get(browser, "/maintenance/login"));
		HttpResponse<String> signedIn = send(browser, HttpRequest.newBuilder(uri("/maintenance/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=operator&password=secret&_csrf=" + encode(token)))
			.build());
		assertThat(signedIn.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/maintenance"));
		return browser;
	}

	private HttpResponse<String> get(HttpClient client, String path) {
		return send(client, HttpRequest.newBuilder(uri(path)).GET().build());
	}

	private HttpResponse<String> post(HttpClient client, String path, String json, String authorization,
			String csrfToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (csrfToken != null) {
			request.header("X-CSRF-TOKEN", csrfToken);
		}
		return send(client, request.build());
	}

	private static String csrf(HttpResponse<String> page) {
		Matcher matcher = CSRF.matcher(page.body());
		assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
		return matcher.group(1);
	}

	private static String basic() {
		return "Basic " + Base64.getEncoder().encodeToString("operator:secret".getBytes(StandardCharsets.UTF_8));
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
					User.withUsername("operator").password("{noop}secret").roles("MAINTENANCE").build());
		}

	}

}
