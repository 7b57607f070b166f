package dev.mastodonmaintenance.batch.accounts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.accounts.ProbeTimeouts;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.SqlHooks;
import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.MediaAttachment;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code accounts-cull} against a real HTTP server on loopback (allowed through the
 * private-address list): Mastodon's cull scenarios A1-A3 with its accounts tom, bob, gon,
 * ana and tales, and the extra cases of the specification: other answers touch, a dry run
 * touches too, an unreachable domain's later accounts are skipped untouched, OStatus
 * accounts are ignored, a culled account's rows and files go, and a run that breaks
 * during a deletion finishes it when restarted.
 */
class AccountsCullTests {

	private static final ProbeTimeouts SHORT = new ProbeTimeouts(Duration.ofMillis(500), Duration.ofMillis(800),
			Duration.ofSeconds(3));

	/** The answer per account name; -1 answers too late. */
	private static final Map<String, Integer> answers = new ConcurrentHashMap<>();

	private static final List<String> requested = new CopyOnWriteArrayList<>();

	private static HttpServer server;

	private static String base;

	@TempDir
	Path root;

	private MastodonDatabase db;

	private SqlHooks hooks;

	private JdbcTemplate jdbc;

	private MastodonData data;

	private JobHarness harness;

	private Account tom;

	private Account bob;

	private Account gon;

	private Account ana;

	private Account tales;

	@BeforeAll
	static void startServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/users/", (exchange) -> {
			String name = exchange.getRequestURI().getPath().substring("/users/".length());
			requested.add(exchange.getRequestMethod() + " " + name);
			int answer = answers.getOrDefault(name, 200);
			if (answer < 0) {
				sleep(3000);
				answer = 200;
			}
			exchange.sendResponseHeaders(answer, -1);
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
	void accounts() {
		answers.clear();
		requested.clear();
		this.db = MastodonDatabase.withFixture(getClass());
		this.hooks = new SqlHooks(this.db.dataSource());
		this.jdbc = this.db.jdbc();
		this.data = new MastodonData(this.db.dataSource());
		MastodonResources mastodon = new MastodonResources(this.hooks, new FilesystemStorage(this.root), null,
				List.of("127.0.0.1"));
		this.harness = JobHarness.on(mastodon).replacing(new AccountsCullLevel(mastodon, SHORT));
		this.data.localAccount("alice").insert();
		this.tom = remote("tom", "example.com", daysAgo(30), daysAgo(0));
		this.bob = remote("bob", "example.org", daysAgo(30), null);
		this.gon = remote("gon", "example.net", daysAgo(15), daysAgo(15));
		this.ana = remote("ana", "example.com", daysAgo(0), daysAgo(0));
		this.tales = remote("tales", "example.net", daysAgo(10), null);
	}

	@Test
	void a1GoneAccountsAreDeletedAndAnsweringOnesTouched() throws Exception {
		answers.putAll(Map.of("bob", 404, "gon", 410, "tales", 200));
		LocalDateTime talesUpdated = updatedAt(this.tales);

		JobExecution execution = this.harness.run("levels=accounts-cull");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(requested).containsExactlyInAnyOrder("HEAD bob", "HEAD gon", "HEAD tales");
		assertThat(existing()).containsExactlyInAnyOrder(this.tom.id(), this.ana.id(), this.tales.id());
		assertThat(updatedAt(this.tales)).isAfter(talesUpdated);
		assertThat(summary(execution)).startsWith("Visited 5 accounts, removed 2\n");
	}

	@Test
	void a2OnlyTheGivenDomainIsVisited() throws Exception {
		answers.putAll(Map.of("gon", 410, "tales", 404));

		JobExecution execution = this.harness.run("levels=accounts-cull", "accounts-cull.domains=example.net");

		assertThat(existing()).containsExactlyInAnyOrder(this.tom.id(), this.bob.id(), this.ana.id());
		assertThat(summary(execution)).startsWith("Visited 2 accounts, removed 2\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "timeout", "connection refused", "TLS error", "private address" })
	void a3AFailingDomainIsReportedAndNothingIsDeleted(String failure) throws Exception {
		answers.putAll(Map.of("bob", 200, "gon", 200));
		String talesUri = switch (failure) {
			case "timeout" -> {
				answers.put("tales", -1);
				yield base + "/users/tales";
			}
			case "connection refused" -> "http://127.0.0.1:" + TestRedis.freePort() + "/users/tales";
			case "TLS error" -> "https://127.0.0.1:" + server.getAddress().getPort() + "/users/tales";
			default -> "http://127.0.0.2:" + server.getAddress().getPort() + "/users/tales";
		};
		this.jdbc.update("UPDATE accounts SET uri = ? WHERE id = ?", talesUri, this.tales.id());

		JobExecution execution = this.harness.run("levels=accounts-cull");

		assertThat(existing()).hasSize(5);
		assertThat(summary(execution)).startsWith("Visited 5 accounts, removed 0\n"
				+ "The following domains were not available during the check:\n" + "    example.net\n");
	}

	@Test
	void otherAnswersTouchWithoutDeleting() throws Exception {
		answers.putAll(Map.of("bob", 401, "gon", 403, "tales", 503));
		LocalDateTime bobUpdated = updatedAt(this.bob);

		JobExecution execution = this.harness.run("levels=accounts-cull");

		assertThat(existing()).hasSize(5);
		assertThat(updatedAt(this.bob)).isAfter(bobUpdated);
		assertThat(summary(execution)).startsWith("Visited 5 accounts, removed 0\n");
	}

	@Test
	void dryRunDeletesNothingButTouchesAsTootctlDoes() throws Exception {
		answers.putAll(Map.of("bob", 404, "gon", 200, "tales", 200));
		LocalDateTime gonUpdated = updatedAt(this.gon);

		JobExecution execution = this.harness.run("levels=accounts-cull", "dry-run=true");

		assertThat(existing()).hasSize(5);
		assertThat(updatedAt(this.gon)).isAfter(gonUpdated);
		assertThat(summary(execution)).startsWith("Visited 5 accounts, removed 1 (DRY RUN)\n")
			.contains("Touched 2 accounts that answered although this is a dry run, as tootctl does");
	}

	@Test
	void laterAccountsOfAnUnreachableDomainAreSkippedUntouched() throws Exception {
		String dead = "http://127.0.0.1:" + TestRedis.freePort() + "/users/";
		Account first = remote("first", "dead.example", daysAgo(30), null);
		Account second = remote("second", "dead.example", daysAgo(30), null);
		this.jdbc.update("UPDATE accounts SET uri = ? || username WHERE domain = 'dead.example'", dead);
		LocalDateTime firstUpdated = updatedAt(first);
		LocalDateTime secondUpdated = updatedAt(second);

		JobExecution execution = this.harness.run("levels=accounts-cull", "accounts-cull.domains=dead.example",
				"accounts-cull.per-domain-concurrency=1");

		assertThat(updatedAt(first)).isAfter(firstUpdated);
		assertThat(updatedAt(second)).isEqualTo(secondUpdated);
		assertThat(summary(execution)).startsWith("Visited 2 accounts, removed 0\n"
				+ "The following domains were not available during the check:\n    dead.example\n");
	}

	@Test
	void ostatusAccountsAreIgnored() throws Exception {
		Account old = this.data.remoteAccount("old", "example.org")
			.ostatus()
			.updatedAt(daysAgo(30))
			.lastWebfingeredAt(null)
			.uri(base + "/users/old")
			.insert();
		answers.put("old", 404);

		JobExecution execution = this.harness.run("levels=accounts-cull");

		assertThat(existing()).contains(old.id());
		assertThat(requested).doesNotContain("HEAD old");
		assertThat(summary(execution)).startsWith("Visited 5 accounts");
	}

	@Test
	void aCulledAccountLeavesNeitherRowsNorFiles() throws Exception {
		answers.put("gone", 404);
		Account gone = this.data.remoteAccount("gone", "gone.example")
			.updatedAt(daysAgo(30))
			.lastWebfingeredAt(null)
			.uri(base + "/users/gone")
			.avatar("0123456789abcdef.png", 50)
			.insert();
		MediaAttachment media = this.data.media(gone)
			.remote("https://gone.example/m.jpg")
			.file("fedcba9876543210.jpg", "image/jpeg", 70)
			.status(this.data.status(gone).createdAt(daysAgo(40)).insert())
			.insert();
		StorageFiles files = new StorageFiles(this.root);
		files.write("cache/accounts/avatars/" + IdPartition.of(gone.id()) + "/original/0123456789abcdef.png", 50);
		files.write("cache/media_attachments/files/" + IdPartition.of(media.id()) + "/original/fedcba9876543210.jpg",
				70);
		files.write("cache/media_attachments/files/" + IdPartition.of(media.id()) + "/small/fedcba9876543210.jpg", 7);

		JobExecution execution = this.harness.run("levels=accounts-cull", "accounts-cull.domains=gone.example");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM statuses WHERE account_id = ?", Integer.class,
				gone.id()))
			.isZero();
		assertThat(existing()).doesNotContain(gone.id());
		assertThat(files.keys()).isEmpty();
		assertThat(summary(execution)).contains("Visited 1 accounts, removed 1").contains("Removed 3 stored objects");
	}

	@Test
	void aRunBrokenDuringADeletionFinishesItWhenRestarted() throws Exception {
		answers.putAll(Map.of("bob", 404, "gon", 410));
		this.data.status(this.bob).insert();
		this.hooks.failOn("DELETE FROM accounts a WHERE a.id = ?", 1);

		JobExecution failed = this.harness.run("levels=accounts-cull");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(existing()).contains(this.bob.id());
		requested.clear();

		JobExecution restarted = this.harness.restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(requested).as("the probed window is not probed again").isEmpty();
		assertThat(existing()).containsExactlyInAnyOrder(this.tom.id(), this.ana.id(), this.tales.id());
		assertThat(summary(restarted)).startsWith("Visited 5 accounts, removed 2\n");
	}

	private Account remote(String name, String domain, LocalDateTime updatedAt, LocalDateTime webfingeredAt) {
		return this.data.remoteAccount(name, domain)
			.updatedAt(updatedAt)
			.lastWebfingeredAt(webfingeredAt)
			.uri(base + "/users/" + name)
			.insert();
	}

	private List<Long> existing() {
		return this.jdbc.queryForList("SELECT id FROM accounts WHERE domain IS NOT NULL", Long.class);
	}

	private LocalDateTime updatedAt(Account account) {
		return this.jdbc.queryForObject("SELECT updated_at FROM accounts WHERE id = ?", LocalDateTime.class,
				account.id());
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
