package dev.mastodonmaintenance.boot.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console over real HTTP, as a browser meets it: every page and the progress endpoint need a signed-in
 * user; a user without the console's role is refused; actions are POSTs that need the CSRF token; a run
 * launched from the form is shown as it ends; the host's own pages keep the host's security.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mastodon.maintenance.console.enabled=true", "mastodon.maintenance.console.role=OPERATOR",
				"spring.flyway.enabled=false" })
class ConsoleOverHttpTests {

	private static final MastodonDatabase db = StarterDatabase.create(ConsoleOverHttpTests.class);

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		for (String property : StarterDatabase.dataSourceProperties(db)) {
			int equals = property.indexOf('=');
			registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
		}
		StarterDatabase.previewCards(db, 5);
		registry.add("mastodon.maintenance.storage.root", () -> media().toString());
	}

	private static Path media() {
		try {
			return Files.createTempDirectory("console-media");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void pagesNeedASignedInUser() throws Exception {
		Browser anonymous = new Browser();

		assertThat(anonymous.get("/maintenance").headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/maintenance/login"));
		assertThat(anonymous.get("/maintenance/executions/1/progress").statusCode()).isEqualTo(302);
		assertThat(anonymous.get("/maintenance/login").statusCode()).isEqualTo(200);
		assertThat(anonymous.post("/maintenance/runs", "levels=preview-cards-remove").statusCode()).isIn(401, 403);
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM mastodon_maintenance.batch_job_execution",
				Long.class)).isZero();
	}

	@Test
	void userWithoutTheRoleIsRefused() throws Exception {
		Browser viewer = new Browser();
		viewer.signIn("viewer", "viewer-password");

		assertThat(viewer.get("/maintenance").statusCode()).isEqualTo(403);
	}

	@Test
	void wrongPasswordIsRefused() throws Exception {
		Browser stranger = new Browser();
		HttpResponse<String> response = stranger.signIn("operator", "guess");

		assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/maintenance/login?error"));
		assertThat(stranger.get("/maintenance").statusCode()).isEqualTo(302);
	}

	@Test
	void operatorLaunchesADryRunWithTheCsrfTokenAndSeesItEnd() throws Exception {
		Browser operator = new Browser();
		operator.signIn("operator", "operator-password");
		HttpResponse<String> page = operator.get("/maintenance");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Launch a run").contains("<svg");

		String form = "levels=preview-cards-remove&days%5Bpreview-cards-remove%5D=30&_dryRun=on&dryRun=on";
		assertThat(operator.post("/maintenance/runs", form).statusCode()).isEqualTo(403);

		HttpResponse<String> launched = operator.post("/maintenance/runs", form + "&_csrf=" + operator.csrf(page));
		assertThat(launched.statusCode()).isEqualTo(302);
		String location = launched.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches(".*/maintenance/executions/\\d+");
		String execution = URI.create(location).getPath();

		Await.until("the run ended", () -> operator.get(execution + "/progress").body().contains("\"running\":false"));
		HttpResponse<String> details = operator.get(execution);
		assertThat(details.body()).contains("COMPLETED")
			.contains("preview-cards-remove.days=30")
			.contains("Removed media from 0 preview cards")
			.contains("dry-run=true")
			.contains("Mastodon 4.7 schema (2026_08_12_154114)")
			.contains("launched by operator (console, 127.0.0.1)")
			.doesNotContain("level not selected for this run");
		assertThat(operator.get(execution + "/progress").body()).contains("\"status\":\"COMPLETED\"");
	}

	@Test
	void hostPagesKeepTheHostsSecurity() throws Exception {
		Browser anonymous = new Browser();

		assertThat(anonymous.get("/host/hello").statusCode()).isIn(302, 401);
	}

	/** An HTTP client keeping cookies, as a browser does, and not following redirects. */
	private final class Browser {

		private final HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		HttpResponse<String> get(String path) {
			return send(HttpRequest.newBuilder(uri(path)).GET().build());
		}

		HttpResponse<String> post(String path, String form) {
			return send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build());
		}

		HttpResponse<String> signIn(String user, String password) {
			String token = csrf(get("/maintenance/login"));
			return post("/maintenance/login", "username=" + encode(user) + "&password=" + encode(password) + "&_csrf="
					+ token);
		}

		String csrf(HttpResponse<String> page) {
			Matcher matcher = CSRF.matcher(page.body());
			assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
			return encode(matcher.group(1));
		}

		private URI uri(String path) {
			return URI.create("http://localhost:" + ConsoleOverHttpTests.this.port + path);
		}

		private HttpResponse<String> send(HttpRequest request) {
			try {
				return this.client.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (Exception ex) {
				throw new AssertionError(ex);
			}
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class HostApplication {

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("operator").password("{noop}operator-password").roles("OPERATOR").build(),
					User.withUsername("viewer").password("{noop}viewer-password").roles("VIEWER").build());
		}

		@Bean
		HostController hostController() {
			return new HostController();
		}

	}

	@RestController
	static class HostController {

		@GetMapping("/host/hello")
		String hello() {
			return "hello";
		}

	}

}
