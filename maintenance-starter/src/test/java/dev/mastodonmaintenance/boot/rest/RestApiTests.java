package dev.mastodonmaintenance.boot.rest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.mastodonmaintenance.boot.testing.Await;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.boot.testing.SteppingLevel;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON API on a real port, secured by the starter's own filter chain (HTTP basic, the
 * operator role of {@code mastodon.maintenance.rest.role}) beside the application's:
 * start a run, watch its progress, list and read it, stop and restart it, and the
 * refusals as problem documents with their HTTP status; the Actuator health, info and
 * metrics of the runs.
 */
@SpringBootTest(classes = RestApiTests.OperatorApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mastodon.maintenance.rest.enabled=true", "mastodon.maintenance.rest.base-path=/ops/api",
				"mastodon.maintenance.rest.role=OPERATOR",
				"management.endpoints.web.exposure.include=health,info,metrics",
				"management.endpoint.health.show-details=always", "management.info.defaults.enabled=true",
				"spring.flyway.enabled=false" })
class RestApiTests {

	private static final MastodonDatabase db = StarterDatabase.create(RestApiTests.class);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private SteppingLevel level;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		StarterDatabase.previewCards(db, 100);
		registry.add("spring.datasource.url", db::jdbcUrl);
		registry.add("spring.datasource.username", db::user);
		registry.add("spring.datasource.password", db::password);
	}

	@Test
	void startWatchStopRestartAndRefusals() throws Exception {
		assertThat(send("GET", "/ops/api/executions", null, false).statusCode()).isEqualTo(401);

		HttpResponse<String> started = send("POST", "/ops/api/executions",
				"{\"levels\": [\"preview-cards-remove\"], \"options\": {\"preview-cards-remove\": {\"days\": 30}}, \"dryRun\": false}",
				true);
		assertThat(started.statusCode()).isEqualTo(202);
		long id = read(started).get("executionId").asLong();
		assertThat(started.headers().firstValue("Location")).hasValue("executions/" + id);

		this.level.allow(2);
		JsonNode progress = Await.value("20 rows processed", () -> {
			JsonNode node = get("/ops/api/executions/" + id + "/progress");
			return (node.get("processed").asLong() == 20) ? node : null;
		});
		assertThat(progress.get("step").asString()).isEqualTo("preview-cards-remove");
		assertThat(progress.get("basis").asString()).isEqualTo("ID_RANGE");
		assertThat(progress.get("estimatedTotal").asLong()).isEqualTo(100);
		assertThat(progress.get("fraction").asDouble()).isEqualTo(0.2);

		HttpResponse<String> second = send("POST", "/ops/api/executions", "{}", true);
		assertThat(second.statusCode()).isEqualTo(409);
		assertThat(read(second).get("reason").asString()).isEqualTo("ALREADY_RUNNING");
		assertThat(read(second).get("detail").asString())
			.startsWith("A maintenance run is already running on this node: execution " + id);

		JsonNode listed = get("/ops/api/executions?status=STARTED&level=preview-cards-remove");
		assertThat(listed.get("total").asLong()).isEqualTo(1);
		JsonNode summary = listed.get("executions").get(0);
		assertThat(summary.get("id").asLong()).isEqualTo(id);
		assertThat(summary.get("levels").get(0).asString()).isEqualTo("preview-cards-remove");
		assertThat(summary.get("parameters").get("preview-cards-remove.days").asString()).isEqualTo("30");

		assertThat(send("POST", "/ops/api/executions/" + id + "/stop", null, true).statusCode()).isEqualTo(202);
		this.level.allow(1);
		Await.until("the run's step stopped",
				() -> get("/ops/api/executions/" + id).get("steps").get(1).get("status").asString().equals("STOPPED"));
		JsonNode stopped = get("/ops/api/executions/" + id);
		assertThat(stopped.get("steps").get(1).get("readCount").asLong()).isEqualTo(30);
		assertThat(stopped.get("actions").get("restart").asBoolean()).isTrue();

		this.level.allowAll();
		HttpResponse<String> restarted = Await.value("the restart accepted", () -> {
			HttpResponse<String> response = send("POST", "/ops/api/executions/" + id + "/restart", null, true);
			return (response.statusCode() == 202) ? response : null;
		});
		long restartedId = read(restarted).get("executionId").asLong();
		Await.until("the restart completed",
				() -> get("/ops/api/executions/" + restartedId).get("execution")
					.get("status")
					.asString()
					.equals("COMPLETED"));
		JsonNode completed = get("/ops/api/executions/" + restartedId);
		assertThat(completed.get("steps").get(0).get("name").asString()).isEqualTo("preview-cards-remove");
		assertThat(completed.get("steps").get(0).get("summary").asString()).isEqualTo("Visited 100 preview cards");
		assertThat(completed.get("execution").get("totals").get("rowsChanged").asLong()).isEqualTo(100);
		assertThat(get("/ops/api/executions/last").get("id").asLong()).isEqualTo(restartedId);
		// who did what, as the API's user from the loopback
		JsonNode first = get("/ops/api/executions/" + id).get("operatorActions");
		assertThat(first).extracting((action) -> action.get("kind").asString()).containsExactly("LAUNCH", "STOP");
		assertThat(first).allSatisfy(
				(action) -> assertThat(action.get("operator").asString()).isEqualTo("operator (API, 127.0.0.1)"));
		assertThat(completed.get("operatorActions")).singleElement()
			.satisfies((action) -> assertThat(action.get("kind").asString()).isEqualTo("RESTART"));

		HttpResponse<String> invalid = send("POST", "/ops/api/executions",
				"{\"options\": {\"media-remove\": {\"days\": -1}}}", true);
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(read(invalid).get("detail").asString())
			.isEqualTo("Invalid job parameter media-remove.days=-1: a number of days of at least 0");
		assertThat(send("POST", "/ops/api/executions/" + restartedId + "/restart", null, true).statusCode())
			.isEqualTo(409);
		assertThat(send("GET", "/ops/api/executions/999999", null, true).statusCode()).isEqualTo(404);
		assertThat(send("POST", "/ops/api/executions/999999/abandon", null, true).statusCode()).isEqualTo(404);
		HttpResponse<String> badStatus = send("GET", "/ops/api/executions?status=DONE", null, true);
		assertThat(badStatus.statusCode()).isEqualTo(400);
		assertThat(read(badStatus).get("detail").asString()).startsWith("Invalid status 'DONE'");

		JsonNode health = get("/actuator/health");
		JsonNode maintenance = health.get("components").get("mastodonMaintenance");
		assertThat(maintenance.get("status").asString()).isEqualTo("UP");
		assertThat(maintenance.get("details").get("lastExecution").get("id").asLong()).isEqualTo(restartedId);
		assertThat(maintenance.get("details").get("lastExecution").get("status").asString()).isEqualTo("COMPLETED");
		assertThat(get("/actuator/info").get("mastodonMaintenance").get("lastExecution").get("rowsRemoved").asLong())
			.isEqualTo(100);
		JsonNode rows = get("/actuator/metrics/mastodon.maintenance.rows.removed?tag=level:preview-cards-remove");
		assertThat(rows.get("measurements").get(0).get("value").asDouble()).isEqualTo(100.0);
	}

	private JsonNode get(String path) {
		try {
			HttpResponse<String> response = send("GET", path, null, true);
			assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
			return read(response);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private JsonNode read(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> send(String method, String path, String body, boolean authenticated) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.header("Content-Type", "application/json")
			.header("Accept", "application/json");
		if (authenticated) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("operator:secret".getBytes(StandardCharsets.UTF_8)));
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OperatorApplication {

		@Bean
		SteppingLevel steppingLevel(JdbcTemplate jdbc) {
			return new SteppingLevel(jdbc);
		}

		@Bean
		SecurityFilterChain operatorApi(HttpSecurity http) throws Exception {
			// an API for scripts: HTTP basic, no session, hence no CSRF token to carry
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("OPERATOR"))
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable())
				.build();
		}

		@Bean
		InMemoryUserDetailsManager operators() {
			return new InMemoryUserDetailsManager(
					User.withUsername("operator").password("{noop}secret").roles("OPERATOR").build());
		}

	}

}
