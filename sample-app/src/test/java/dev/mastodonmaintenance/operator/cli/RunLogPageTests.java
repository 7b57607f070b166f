package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mastodonmaintenance.operator.OperatorApplication;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console shows what a run's levels logged on a page of the execution's own, linked
 * from its page, to the signed-in operator only.
 */
class RunLogPageTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Test
	void theLogPageShowsTheLevelsLines(@TempDir Path live) throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(RunLogPageTests.class);
		Path envFile = CommandLineRun.envFile(live, db);
		CommandLineRun run = CommandLineRun.on(envFile, "preview_cards", "remove", "--dry-run");
		assertThat(run.status()).as(run.toString()).isZero();
		long id = run.executionId();
		try (LazyApplication session = new LazyApplication(OperatorApplication.class, () -> new String[] {
				"--mastodon-env=" + envFile, "--server.port=0", "--mastodon.operator.console.password=a password" },
				new PrintWriter(new StringWriter()))) {
			ConfigurableApplicationContext context = session.serve();
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")
					+ "/maintenance";
			HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
			String logPage = base + "/executions/" + id + "/log";

			assertThat(get(browser, logPage).statusCode()).isEqualTo(302);
			Matcher csrf = CSRF.matcher(get(browser, base + "/login").body());
			assertThat(csrf.find()).isTrue();
			String form = "username=admin&password=" + URLEncoder.encode("a password", StandardCharsets.UTF_8)
					+ "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
			browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(get(browser, base + "/executions/" + id).body())
				.contains("/maintenance/executions/" + id + "/log");
			HttpResponse<String> page = get(browser, logPage);
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("Log of execution")
				.contains("preview-cards-remove: ")
				.contains("<code>preview-cards-remove</code>");
			assertThat(get(browser, base + "/executions/" + (id + 1000) + "/log").statusCode()).isEqualTo(404);
		}
	}

	private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

}
