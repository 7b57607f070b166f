package dev.mastodonmaintenance.accounts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mastodonmaintenance.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reachability probe against a real HTTP server on loopback, which the
 * private-address allow list lets through explicitly: status codes, timeouts, refused
 * connections, redirect chains and the SSRF guard.
 */
class ReachabilityProbeTests {

	private static final ProbeTimeouts SHORT = new ProbeTimeouts(Duration.ofMillis(500), Duration.ofMillis(700),
			Duration.ofSeconds(3));

	private static HttpServer server;

	private static String base;

	private static final List<String> requests = new CopyOnWriteArrayList<>();

	private final ReachabilityProbe probe = new ReachabilityProbe(PrivateAddressGuard.allowing("127.0.0.1"),
			ReachabilityProbe.userAgent("mastodon.local"), SHORT);

	@BeforeAll
	static void startServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/status/", (exchange) -> answer(exchange,
				Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length()))));
		server.createContext("/slow", (exchange) -> {
			sleep(2000);
			answer(exchange, 200);
		});
		// later than the read timeout (700 ms), sooner than connect and read together
		server.createContext("/late", (exchange) -> {
			sleep(900);
			answer(exchange, 200);
		});
		// /redirect/<n>/<code>: n more redirects (relative Location), then <code>
		server.createContext("/redirect/", (exchange) -> {
			String[] parts = exchange.getRequestURI().getPath().split("/");
			int left = Integer.parseInt(parts[2]);
			if (left == 0) {
				answer(exchange, Integer.parseInt(parts[3]));
				return;
			}
			exchange.getResponseHeaders().add("Location", "/redirect/" + (left - 1) + "/" + parts[3]);
			answer(exchange, (left % 2 == 0) ? 301 : 302);
		});
		server.createContext("/to-loopback", (exchange) -> {
			exchange.getResponseHeaders().add("Location", "http://127.0.0.2:" + port() + "/status/404");
			answer(exchange, 302);
		});
		server.createContext("/loop", (exchange) -> {
			exchange.getResponseHeaders().add("Location", "/loop");
			answer(exchange, 307);
		});
		server.createContext("/no-location", (exchange) -> answer(exchange, 302));
		server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		server.start();
		base = "http://127.0.0.1:" + port();
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
	}

	@ParameterizedTest
	@CsvSource({ "404, GONE", "410, GONE", "200, ALIVE", "401, ALIVE", "403, ALIVE", "405, ALIVE", "429, ALIVE",
			"500, ALIVE", "503, ALIVE" })
	void statusCodesAreClassifiedAsTootctlDoes(int status, Reachability expected) {
		assertThat(this.probe.probe(base + "/status/" + status).reachability()).isEqualTo(expected);
	}

	@Test
	void probeIsAnUnsignedHeadWithMastodonsUserAgent() {
		requests.clear();
		this.probe.probe(base + "/status/200");
		assertThat(requests).containsExactly(
				"HEAD /status/200 Mastodon/4.7.0 (java.net.http; mastodon-maintenance; +https://mastodon.local/) signed=false");
	}

	@Test
	void slowServerIsUnreachable() {
		ProbeResult result = this.probe.probe(base + "/slow");
		assertThat(result.reachability()).isEqualTo(Reachability.UNREACHABLE);
		assertThat(result.detail()).containsIgnoringCase("timed out");
	}

	@Test
	void anAnswerLaterThanTheReadTimeoutIsUnreachableAsWithMastodon() {
		ProbeResult result = this.probe.probe(base + "/late");
		assertThat(result.reachability()).isEqualTo(Reachability.UNREACHABLE);
		assertThat(result.detail()).containsIgnoringCase("timed out");
	}

	@Test
	void refusedConnectionIsUnreachable() {
		ProbeResult result = this.probe.probe("http://127.0.0.1:" + TestRedis.freePort() + "/users/x");
		assertThat(result.reachability()).isEqualTo(Reachability.UNREACHABLE);
		assertThat(result.detail()).contains("ConnectException");
	}

	@Test
	void threeRedirectsAreFollowed() {
		assertThat(this.probe.probe(base + "/redirect/3/410").reachability()).isEqualTo(Reachability.GONE);
		assertThat(this.probe.probe(base + "/redirect/3/200").reachability()).isEqualTo(Reachability.ALIVE);
	}

	@Test
	void aFourthRedirectIsTooMany() {
		ProbeResult result = this.probe.probe(base + "/redirect/4/404");
		assertThat(result.reachability()).isEqualTo(Reachability.UNREACHABLE);
		assertThat(result.detail()).contains("too many redirects");
	}

	@Test
	void redirectLoopIsUnreachable() {
		assertThat(this.probe.probe(base + "/loop").reachability()).isEqualTo(Reachability.UNREACHABLE);
	}

	@Test
	void redirectWithoutLocationIsUnreachable() {
		assertThat(this.probe.probe(base + "/no-location").reachability()).isEqualTo(Reachability.UNREACHABLE);
	}

	@Test
	void redirectToADisallowedAddressIsRefusedBeforeConnecting() {
		ProbeResult result = this.probe.probe(base + "/to-loopback");
		assertThat(result.reachability()).isEqualTo(Reachability.UNREACHABLE);
		assertThat(result.detail()).contains("127.0.0.2").contains("private address");
	}

	@Test
	void privateAddressIsRefusedWithoutAnAllowList() {
		requests.clear();
		ReachabilityProbe strict = new ReachabilityProbe(PrivateAddressGuard.strict(), "test", SHORT);
		ProbeResult result = strict.probe(base + "/status/404");
		assertThat(result.reachability()).isEqualTo(Reachability.UNREACHABLE);
		assertThat(result.detail()).contains("private address");
		assertThat(requests).isEmpty();
	}

	@Test
	void accountsThatCannotBeProbedFail() {
		assertThat(this.probe.probe("").reachability()).isEqualTo(Reachability.FAILED);
		assertThat(this.probe.probe("not a uri").reachability()).isEqualTo(Reachability.FAILED);
		assertThat(this.probe.probe("http://abcdefghijklmnop.onion/users/x").reachability())
			.isEqualTo(Reachability.FAILED);
	}

	@Test
	void unsupportedSchemeIsUnreachable() {
		assertThat(this.probe.probe("ftp://127.0.0.1/users/x").reachability()).isEqualTo(Reachability.UNREACHABLE);
	}

	private static void answer(HttpExchange exchange, int status) throws IOException {
		requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
				+ exchange.getRequestHeaders().getFirst("User-Agent") + " signed="
				+ exchange.getRequestHeaders().containsKey("Signature"));
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	private static int port() {
		return server.getAddress().getPort();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
