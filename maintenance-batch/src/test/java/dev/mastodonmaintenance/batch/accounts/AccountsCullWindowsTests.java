package dev.mastodonmaintenance.batch.accounts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;
import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.accounts.ProbeTimeouts;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.SqlHooks;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code accounts-cull} walks its windows of accounts: the next windows are checked
 * while a slow server holds one request of an earlier window, which is committed once all
 * its accounts are decided; a restart checks again only the windows not committed; and a
 * partition's window holds {@code batch-size} accounts of its own domains, not
 * {@code batch-size} account ids of which most belong to other partitions.
 */
class AccountsCullWindowsTests {

	// the slow server answers after 3 s: within the read timeout
	private static final ProbeTimeouts TIMEOUTS = new ProbeTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5),
			Duration.ofSeconds(10));

	/** The answer per account name; names starting with "slow" answer 200 after 3 s. */
	private static final Map<String, Integer> answers = new ConcurrentHashMap<>();

	private static final List<String> requested = new CopyOnWriteArrayList<>();

	private static final AtomicBoolean slowAnswered = new AtomicBoolean();

	/** Whether the slow request was still unanswered when each other request came. */
	private static final List<Boolean> whileSlow = new CopyOnWriteArrayList<>();

	private static HttpServer server;

	private static String base;

	@TempDir
	Path root;

	private MastodonDatabase db;

	private SqlHooks hooks;

	private JdbcTemplate jdbc;

	private MastodonData data;

	private JobHarness harness;

	@BeforeAll
	static void startServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/users/", (exchange) -> {
			String name = exchange.getRequestURI().getPath().substring("/users/".length());
			requested.add(name);
			if (name.startsWith("slow")) {
				sleep(3000);
				slowAnswered.set(true);
			}
			else {
				whileSlow.add(!slowAnswered.get());
			}
			exchange.sendResponseHeaders(answers.getOrDefault(name, 200), -1);
			exchange.close();
		});
		server.setExecutor(Executors.newCachedThreadPool());
		server.start();
		base = "http://127.0.0.1:" + server.getAddress().getPort();
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
	}

	@BeforeEach
	void database() {
		answers.clear();
		requested.clear();
		whileSlow.clear();
		slowAnswered.set(false);
		this.db = MastodonDatabase.withFixture(getClass());
		this.hooks = new SqlHooks(this.db.dataSource());
		this.jdbc = this.db.jdbc();
		this.data = new MastodonData(this.db.dataSource());
		MastodonResources mastodon = new MastodonResources(this.hooks, new FilesystemStorage(this.root), null,
				List.of("127.0.0.1"));
		this.harness = JobHarness.on(mastodon).replacing(new AccountsCullLevel(mastodon, TIMEOUTS));
	}

	@Test
	void laterWindowsAreCheckedWhileASlowServerHoldsAnEarlierOne() throws Exception {
		Account slow = remote("slow", "slow.example");
		List<Account> fast = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			fast.add(remote("fast" + i, "fast" + i + ".example"));
		}
		answers.putAll(Map.of("fast1", 404, "fast4", 410));
		LocalDateTime seeded = daysAgo(1);

		// one account per window, two requests at once
		JobExecution execution = this.harness.run("levels=accounts-cull", "accounts-cull.batch-size=1",
				"accounts-cull.concurrency=2");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(whileSlow).as("the six later windows were checked while the first one's request was in flight")
			.hasSize(6)
			.containsOnly(true);
		assertThat(remoteAccounts()).containsExactlyInAnyOrder(slow.id(), fast.get(0).id(), fast.get(2).id(),
				fast.get(3).id(), fast.get(5).id());
		assertThat(touchedSince(seeded)).containsExactlyInAnyOrder(slow.id(), fast.get(0).id(), fast.get(2).id(),
				fast.get(3).id(), fast.get(5).id());
		assertThat(summary(execution)).startsWith("Visited 7 accounts, removed 2\n");
	}

	@Test
	void aRestartChecksAgainOnlyTheWindowsNotCommitted() throws Exception {
		Account a = remote("a", "a.example");
		Account b = remote("b", "b.example");
		Account c = remote("c", "c.example");
		Account d = remote("d", "d.example");
		answers.putAll(Map.of("a", 404, "c", 410));
		LocalDateTime seeded = daysAgo(1);
		// the deletion of c fails: the windows of a, b and c are committed, d's is not
		this.hooks.failOn("DELETE FROM accounts a WHERE a.id", 2);

		JobExecution failed = this.harness.run("levels=accounts-cull", "accounts-cull.batch-size=1");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(remoteAccounts()).containsExactlyInAnyOrder(b.id(), c.id(), d.id());
		assertThat(touchedSince(seeded)).containsExactly(b.id());
		requested.clear();

		JobExecution restarted = this.harness.restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(requested).as("only the window not committed is checked again").containsExactly("d");
		assertThat(remoteAccounts()).containsExactlyInAnyOrder(b.id(), d.id());
		assertThat(touchedSince(seeded)).containsExactlyInAnyOrder(b.id(), d.id());
		assertThat(summary(restarted)).startsWith("Visited 4 accounts, removed 2\n");
	}

	@Test
	void aDomainFoundUnreachableByAWindowNotCommittedIsCheckedAgainAfterARestart() throws Exception {
		Account slowGone = remote("slowgone", "slow.example");
		Account dead = this.data.remoteAccount("dead", "dead.example")
			.updatedAt(daysAgo(30))
			.lastWebfingeredAt(null)
			.uri("http://127.0.0.1:" + TestRedis.freePort() + "/users/dead")
			.insert();
		answers.put("slowgone", 404);
		LocalDateTime seeded = daysAgo(1);
		// the first window's account answers after 3 s: the second window's server has
		// refused its connection by then; the first window's deletion then fails
		this.hooks.failOn("DELETE FROM accounts a WHERE a.id", 1);

		JobExecution failed = this.harness.run("levels=accounts-cull", "accounts-cull.batch-size=1");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(touchedSince(seeded)).isEmpty();

		JobExecution restarted = this.harness.restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(remoteAccounts()).containsExactly(dead.id());
		assertThat(touchedSince(seeded)).as("checked again, failed again, touched as in a run without restart")
			.containsExactly(dead.id());
		assertThat(remoteAccounts()).doesNotContain(slowGone.id());
		assertThat(summary(restarted)).startsWith("Visited 2 accounts, removed 1\n"
				+ "The following domains were not available during the check:\n    dead.example\n");
	}

	@Test
	void aPartitionsWindowHoldsBatchSizeAccountsOfItsOwnDomains() throws Exception {
		String first = domainIn(new DomainBucket(0, 2));
		String second = domainIn(new DomainBucket(1, 2));
		// ids alternate between the partitions' domains
		for (int i = 0; i < 6; i++) {
			remote("x" + i, first);
			remote("y" + i, second);
		}
		LocalDateTime seeded = daysAgo(1);
		// the second window's touch fails in whichever partition runs first
		this.hooks.failOn("UPDATE accounts SET updated_at", 2);

		JobExecution failed = this.harness.run("levels=accounts-cull", "accounts-cull.batch-size=3",
				"accounts-cull.grid-size=2", "accounts-cull.partitions=1");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		List<String> firstTouched = touchedNames(first, seeded);
		List<String> secondTouched = touchedNames(second, seeded);
		List<String> failedPartition = (firstTouched.size() == 3) ? firstTouched : secondTouched;
		String prefix = (failedPartition == firstTouched) ? "x" : "y";
		assertThat(failedPartition).as("the first window committed held the partition's first three accounts")
			.containsExactly(prefix + "0", prefix + "1", prefix + "2");
	}

	private Account remote(String name, String domain) {
		return this.data.remoteAccount(name, domain)
			.updatedAt(daysAgo(30))
			.lastWebfingeredAt(null)
			.uri(base + "/users/" + name)
			.insert();
	}

	private static String domainIn(DomainBucket bucket) {
		for (int i = 0;; i++) {
			String domain = "server" + i + ".example";
			if (bucket.holds(domain)) {
				return domain;
			}
		}
	}

	private List<Long> remoteAccounts() {
		return this.jdbc.queryForList("SELECT id FROM accounts WHERE domain IS NOT NULL", Long.class);
	}

	private List<Long> touchedSince(LocalDateTime since) {
		return this.jdbc.queryForList("SELECT id FROM accounts WHERE domain IS NOT NULL AND updated_at > ? ORDER BY id",
				Long.class, since);
	}

	private List<String> touchedNames(String domain, LocalDateTime since) {
		return this.jdbc.queryForList("SELECT username FROM accounts WHERE domain = ? AND updated_at > ? ORDER BY id",
				String.class, domain, since);
	}

	private String summary(JobExecution execution) {
		return this.harness.step(execution, Level.ACCOUNTS_CULL).getExitStatus().getExitDescription();
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
