package dev.mastodonmaintenance.operator.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import dev.mastodonmaintenance.operator.OperatorApplication;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's session cookie as the operator tool sets it, over real HTTP on a real
 * database: always {@code SameSite=Strict} and {@code HttpOnly}; {@code Secure} when the
 * request came over HTTPS, which behind a reverse proxy with
 * {@code server.forward-headers-strategy=native} is what its {@code X-Forwarded-Proto}
 * says.
 */
class ConsoleSessionCookieTests {

	private static MastodonDatabase db;

	private static ConfigurableApplicationContext app;

	private static String base;

	@BeforeAll
	static void start() {
		db = MastodonDatabase.withFixture(ConsoleSessionCookieTests.class);
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", 0);
		properties.put("server.forward-headers-strategy", "native");
		properties.put("spring.datasource.url", db.jdbcUrl());
		properties.put("spring.datasource.username", db.user());
		properties.put("spring.datasource.password", db.password());
		properties.put("mastodon.maintenance.storage.type", "none");
		properties.put("mastodon.maintenance.console.enabled", true);
		properties.put("mastodon.operator.console.password", "a password");
		app = new SpringApplicationBuilder(OperatorApplication.class).properties(properties).run();
		base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/maintenance";
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void overPlainHttpTheCookieIsStrictButNotSecure() throws Exception {
		String cookie = sessionCookie(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build());

		assertThat(cookie).contains("SameSite=Strict").contains("HttpOnly").doesNotContain("Secure");
	}

	@Test
	void behindAProxySayingHttpsTheCookieIsSecure() throws Exception {
		String cookie = sessionCookie(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-For", "198.51.100.7")
			.GET()
			.build());

		assertThat(cookie).contains("SameSite=Strict").contains("Secure");
	}

	private static String sessionCookie(HttpRequest request) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("JSESSIONID="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
	}

}
