package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.operator.OperatorApplication;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve} exposes the maintenance meters at {@code /actuator/prometheus} to the
 * console's user only (HTTP Basic, as Prometheus scrapes): a fresh {@code serve} already
 * has the gauge of the last successful run, read from the job repository, and a run it
 * does adds its counters. Health stays open to probes.
 */
class PrometheusEndpointTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Test
	void metricsNeedTheConsoleUserAndHaveTheLastRun(@TempDir Path live) throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(PrometheusEndpointTests.class);
		Path envFile = CommandLineRun.envFile(live, db);
		CommandLineRun before = CommandLineRun.on(envFile, "preview_cards", "remove");
		assertThat(before.status()).as(before.toString()).isZero();
		try (LazyApplication session = new LazyApplication(OperatorApplication.class, () -> new String[] {
				"--mastodon-env=" + envFile, "--server.port=0", "--mastodon.operator.console.password=a password" },
				new PrintWriter(new StringWriter()))) {
			ConfigurableApplicationContext context = session.serve();
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");

			assertThat(get(base + "/actuator/prometheus", null).statusCode()).isEqualTo(401);
			assertThat(get(base + "/actuator/prometheus", "admin:wrong").statusCode()).isEqualTo(401);
			assertThat(get(base + "/actuator/health", null).statusCode()).isEqualTo(200);
			HttpResponse<String> fresh = get(base + "/actuator/prometheus", "admin:a password");
			assertThat(fresh.statusCode()).isEqualTo(200);
			assertThat(fresh.body())
				.contains("mastodon_maintenance_last_success_seconds{level=\"preview-cards-remove\"}")
				.contains("mastodon_maintenance_last_run_outcome{status=\"COMPLETED\"} 1.0")
				.contains("# HELP mastodon_maintenance_last_success_seconds When the level last completed");

			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			long id = maintenance.start(RunRequest.of(Level.PREVIEW_CARDS_REMOVE).dryRun(true));
			Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
			while (maintenance.execution(id).orElseThrow().summary().running() && Instant.now().isBefore(deadline)) {
				Thread.sleep(200);
			}
			String after = get(base + "/actuator/prometheus", "admin:a password").body();
			assertThat(after)
				.contains("mastodon_maintenance_run_duration_seconds_count{dry_run=\"true\",status=\"COMPLETED\"} 1")
				.contains(
						"mastodon_maintenance_rows_visited_rows_total{dry_run=\"true\",level=\"preview-cards-remove\"}");
		}
	}

	private static HttpResponse<String> get(String url, String credentials) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
