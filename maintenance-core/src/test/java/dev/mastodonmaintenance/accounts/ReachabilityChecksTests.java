package dev.mastodonmaintenance.accounts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.mastodonmaintenance.accounts.ReachabilityChecks.AccountCheck;
import dev.mastodonmaintenance.accounts.ReachabilityChecks.Batch;
import dev.mastodonmaintenance.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Probing many accounts at once: the overall and per-domain limits hold across batches,
 * every account gets its answer in the order given, a domain that fails once (or failed
 * before a restart) is skipped afterwards, and a slow request holds its thread only while
 * later batches are decided.
 */
class ReachabilityChecksTests {

	private static final ProbeTimeouts SHORT = new ProbeTimeouts(Duration.ofMillis(500), Duration.ofSeconds(2),
			Duration.ofSeconds(5));

	private static HttpServer server;

	private static final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	private static final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();

	private static final AtomicInteger total = new AtomicInteger();

	private static final AtomicInteger maxTotal = new AtomicInteger();

	private final ReachabilityProbe probe = new ReachabilityProbe(PrivateAddressGuard.allowing("127.0.0.1"), "test",
			SHORT);

	@BeforeAll
	static void startServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		// /<domain>/<status>/<millis>: answers <status> after <millis>, counting requests
		// in flight per domain
		server.createContext("/", (exchange) -> {
			String[] parts = exchange.getRequestURI().getPath().split("/");
			String domain = parts[1];
			int now = inFlight.computeIfAbsent(domain, (d) -> new AtomicInteger()).incrementAndGet();
			maxInFlight.computeIfAbsent(domain, (d) -> new AtomicInteger()).accumulateAndGet(now, Math::max);
			maxTotal.accumulateAndGet(total.incrementAndGet(), Math::max);
			try {
				Thread.sleep(Long.parseLong(parts[3]));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			inFlight.get(domain).decrementAndGet();
			total.decrementAndGet();
			exchange.sendResponseHeaders(Integer.parseInt(parts[2]), -1);
			exchange.close();
		});
		server.setExecutor(Executors.newCachedThreadPool());
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
	}

	@Test
	void limitsHoldOverallAndPerDomain() throws InterruptedException {
		List<CullCandidate> accounts = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			accounts.add(account(i, "slow.example", 200, 400));
		}
		for (int i = 10; i < 22; i++) {
			accounts.add(account(i, "fast" + (i % 3) + ".example", (i % 2 == 0) ? 404 : 200, 100));
		}
		try (ReachabilityChecks checks = new ReachabilityChecks(this.probe, 4, 2)) {
			// in two batches: the limits hold across them
			Batch first = checks.start(accounts.subList(0, 8));
			Batch second = checks.start(accounts.subList(8, accounts.size()));
			assertThat(checks.await(first, false)).isTrue();
			assertThat(checks.await(second, false)).isTrue();
			List<AccountCheck> results = new ArrayList<>(first.results());
			results.addAll(second.results());

			assertThat(results).extracting(AccountCheck::account).containsExactlyElementsOf(accounts);
			assertThat(results).filteredOn((r) -> r.account().domain().startsWith("fast"))
				.allSatisfy((r) -> assertThat(r.result().reachability())
					.isEqualTo((r.account().id() % 2 == 0) ? Reachability.GONE : Reachability.ALIVE));
		}
		assertThat(maxInFlight.get("slow.example").get()).isEqualTo(2);
		assertThat(maxTotal.get()).isBetween(2, 4);
	}

	@Test
	void aDomainThatFailsIsSkippedAfterwards() throws InterruptedException {
		int deadPort = TestRedis.freePort();
		List<CullCandidate> accounts = List.of(dead(1, deadPort), dead(2, deadPort), dead(3, deadPort),
				account(4, "fine.example", 200, 0));
		try (ReachabilityChecks checks = new ReachabilityChecks(this.probe, 5, 1)) {
			Batch batch = checks.start(accounts);
			checks.await(batch, false);

			assertThat(batch.results()).extracting((r) -> r.result().reachability())
				.containsExactly(Reachability.UNREACHABLE, Reachability.SKIPPED, Reachability.SKIPPED,
						Reachability.ALIVE);
			assertThat(batch.unreachableDomains()).containsExactly("dead.example");

			List<AccountCheck> later = decided(checks, List.of(dead(5, deadPort)));
			assertThat(later).extracting((r) -> r.result().reachability()).containsExactly(Reachability.SKIPPED);
		}
	}

	@Test
	void domainsFoundUnreachableBeforeARestartAreSkipped() throws InterruptedException {
		try (ReachabilityChecks checks = new ReachabilityChecks(this.probe, 5, 1)) {
			checks.unreachable(List.of("gone-before.example"));

			Batch batch = checks
				.start(List.of(account(1, "gone-before.example", 200, 0), account(2, "fine.example", 200, 0)));
			checks.await(batch, false);

			assertThat(batch.results()).extracting((r) -> r.result().reachability())
				.containsExactly(Reachability.SKIPPED, Reachability.ALIVE);
			assertThat(batch.unreachableDomains()).as("found before, not by this batch").isEmpty();
		}
	}

	@Test
	void aSlowRequestHoldsItsThreadOnlyAndLaterBatchesGoOn() throws InterruptedException {
		try (ReachabilityChecks checks = new ReachabilityChecks(this.probe, 2, 2)) {
			Batch slow = checks.start(List.of(account(1, "slow2.example", 200, 1500)));
			assertThat(checks.await(slow, true)).as("a thread is idle").isFalse();
			List<CullCandidate> later = new ArrayList<>();
			for (int i = 2; i < 8; i++) {
				later.add(account(i, "fast.example", 200, 50));
			}
			Batch next = checks.start(later);

			assertThat(checks.await(next, false)).isTrue();
			assertThat(slow.decided()).as("the slow request still runs").isFalse();
			assertThat(next.results()).extracting((r) -> r.result().reachability()).containsOnly(Reachability.ALIVE);
			assertThatIllegalStateException().isThrownBy(slow::results);
			assertThat(checks.await(slow, false)).isTrue();
			assertThat(slow.results()).extracting((r) -> r.result().reachability()).containsExactly(Reachability.ALIVE);
		}
	}

	@Test
	void concurrencyBelowOneIsRefusedAsTootctlDoes() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReachabilityChecks(this.probe, 0, 1))
			.withMessage("Cannot run with this concurrency setting, must be at least 1");
	}

	private static List<AccountCheck> decided(ReachabilityChecks checks, List<CullCandidate> accounts)
			throws InterruptedException {
		Batch batch = checks.start(accounts);
		checks.await(batch, false);
		return batch.results();
	}

	private static CullCandidate account(long id, String domain, int status, long millis) {
		return new CullCandidate(id, domain,
				"http://127.0.0.1:" + server.getAddress().getPort() + "/" + domain + "/" + status + "/" + millis, true);
	}

	private static CullCandidate dead(long id, int port) {
		return new CullCandidate(id, "dead.example", "http://127.0.0.1:" + port + "/users/" + id, true);
	}

}
