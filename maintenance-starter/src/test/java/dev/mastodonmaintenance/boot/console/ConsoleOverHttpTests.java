package dev.mastodonmaintenance.boot.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.mastodonmaintenance.boot.testing.Await;
import dev.mastodonmaintenance.boot.testing.ConsoleClient;
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
 * The console over real HTTP, as a browser meets it: every page and the progress endpoint
 * need a signed-in user; a user without the console's role is refused; actions are POSTs
 * that need the CSRF token; a run launched from the form is shown as it ends, its page's
 * live JSON saying what the page says; a real run is launched only once confirmed,
 * against what a dry run of the same options predicted; a refused option comes back on
 * the form with the validator's message; the host's own pages keep the host's security.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mastodon.maintenance.console.enabled=true", "mastodon.maintenance.console.role=OPERATOR",
				"spring.flyway.enabled=false" })
class ConsoleOverHttpTests {

	private static final MastodonDatabase db = StarterDatabase.create(ConsoleOverHttpTests.class);

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
		ConsoleClient anonymous = new ConsoleClient(this.port);

		assertThat(anonymous.get("/maintenance").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/maintenance/login"));
		assertThat(anonymous.get("/maintenance/executions/1/progress").statusCode()).isEqualTo(302);
		assertThat(anonymous.get("/maintenance/login").statusCode()).isEqualTo(200);
		assertThat(anonymous.post("/maintenance/runs", "levels=preview-cards-remove").statusCode()).isIn(401, 403);
		assertThat(
				db.jdbc().queryForObject("SELECT count(*) FROM mastodon_maintenance.batch_job_execution", Long.class))
			.isZero();
	}

	@Test
	void userWithoutTheRoleIsRefused() throws Exception {
		ConsoleClient viewer = new ConsoleClient(this.port);
		viewer.signIn("viewer", "viewer-password");

		assertThat(viewer.get("/maintenance").statusCode()).isEqualTo(403);
	}

	@Test
	void wrongPasswordIsRefused() throws Exception {
		ConsoleClient stranger = new ConsoleClient(this.port);
		HttpResponse<String> response = stranger.signIn("operator", "guess");

		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/maintenance/login?error"));
		assertThat(stranger.get("/maintenance").statusCode()).isEqualTo(302);
	}

	@Test
	void operatorLaunchesADryRunWithTheCsrfTokenAndSeesItEnd() throws Exception {
		ConsoleClient operator = new ConsoleClient(this.port);
		operator.signIn("operator", "operator-password");
		HttpResponse<String> page = operator.get("/maintenance");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Launch a run").contains("<svg");

		String form = "levels=preview-cards-remove&options%5Bpreview-cards-remove.days%5D=30&_dryRun=on&dryRun=on";
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
		assertThat(operator.get(execution + "/live").body()).contains("\"status\":\"COMPLETED\"")
			.contains("\"running\":false")
			.contains("\"dryRun\":true")
			.contains("\"removed\":\"0 rows, 0 stored objects, 0 Bytes\"")
			.contains("\"name\":\"preview-cards-remove\"")
			.contains("Removed media from 0 preview cards")
			.doesNotContain("\"name\":\"media-remove\"");
		String list = operator.get("/maintenance").body();
		assertThat(list).contains("would remove 0").contains("would free 0 Bytes").contains("No schedule is set");
		HttpResponse<String> script = operator.get("/maintenance/console.js");
		assertThat(script.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/javascript"));
		assertThat(script.body()).contains("/live").doesNotContain("http");
	}

	@Test
	void realRunIsLaunchedOnceConfirmedAgainstTheDryRunOfTheSameOptions() throws Exception {
		ConsoleClient operator = new ConsoleClient(this.port);
		operator.signIn("operator", "operator-password");
		String csrf = "&_csrf=" + operator.csrf(operator.get("/maintenance"));
		String options = "levels=preview-cards-remove&options%5Bpreview-cards-remove.days%5D=45"
				+ "&options%5Bpreview-cards-remove.link%5D=true";
		long before = executions();

		HttpResponse<String> unpredicted = operator.post("/maintenance/runs", options + "&_dryRun=on" + csrf);
		assertThat(unpredicted.statusCode()).isEqualTo(200);
		assertThat(unpredicted.body()).contains("Confirm a real run")
			.contains("No dry run of these levels and options")
			.contains("preview-cards-remove.days=45");
		assertThat(executions()).as("nothing launched before the confirmation").isEqualTo(before);

		String dryRun = operator.post("/maintenance/runs", options + "&_dryRun=on&dryRun=on" + csrf)
			.headers()
			.firstValue("Location")
			.orElseThrow();
		String dryRunPath = URI.create(dryRun).getPath();
		Await.until("the dry run ended", () -> operator.get(dryRunPath + "/live").body().contains("\"running\":false"));

		HttpResponse<String> predicted = operator.post("/maintenance/runs", options + "&_dryRun=on" + csrf);
		assertThat(predicted.body()).contains("What a dry run of the same options predicted")
			.contains("href=\"" + dryRunPath + "\"")
			.contains("prediction-preview-cards-remove");
		// the same level with another option: that dry run predicts nothing of it
		HttpResponse<String> otherDays = operator.post("/maintenance/runs",
				options.replace("=45", "=46") + "&_dryRun=on" + csrf);
		assertThat(otherDays.body()).contains("No dry run of these levels and options");
		assertThat(executions()).isEqualTo(before + 1);

		HttpResponse<String> confirmed = operator.post("/maintenance/runs",
				options + "&_dryRun=on&confirmed=true" + csrf);
		String real = URI.create(confirmed.headers().firstValue("Location").orElseThrow()).getPath();
		Await.until("the real run ended", () -> operator.get(real + "/live").body().contains("\"running\":false"));
		assertThat(operator.get(real).body()).contains("dry-run=false")
			.contains("preview-cards-remove.days=45")
			.contains("preview-cards-remove.link=true")
			.contains("launched by operator (console, 127.0.0.1)");
	}

	@Test
	void refusedOptionComesBackOnTheFormWithTheValidatorsMessage() throws Exception {
		ConsoleClient operator = new ConsoleClient(this.port);
		operator.signIn("operator", "operator-password");
		String csrf = "&_csrf=" + operator.csrf(operator.get("/maintenance"));
		long before = executions();

		HttpResponse<String> refused = operator.post("/maintenance/runs",
				"levels=media-remove&options%5Bmedia-remove.prune-profiles%5D=true"
						+ "&options%5Bmedia-remove.remove-headers%5D=true&options%5Bmedia-remove.days%5D=3"
						+ "&_dryRun=on&dryRun=on" + csrf);

		assertThat(refused.statusCode()).isEqualTo(302);
		String form = operator.get("/maintenance").body();
		assertThat(form).contains("--prune-profiles and --remove-headers should not be specified simultaneously")
			.containsPattern("<label class=\"flag invalid\"[^>]*>\\s*<input type=\"checkbox\" value=\"true\"\\s+"
					+ "name=\"options\\[media-remove.prune-profiles\\]\" id=\"option-media-remove-prune-profiles\"\\s+"
					+ "checked=\"checked\"")
			.containsPattern("id=\"option-media-remove-days\"\\s+placeholder=\"7\" value=\"3\"")
			.containsPattern("id=\"level-media-remove\"[^>]*\\schecked=\"checked\"");
		assertThat(executions()).isEqualTo(before);
	}

	private static long executions() {
		return db.jdbc().queryForObject("SELECT count(*) FROM mastodon_maintenance.batch_job_execution", Long.class);
	}

	@Test
	void hostPagesKeepTheHostsSecurity() throws Exception {
		ConsoleClient anonymous = new ConsoleClient(this.port);

		assertThat(anonymous.get("/host/hello").statusCode()).isIn(302, 401);
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
