package dev.mastodonmaintenance.batch.partition;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.accounts.ProbeTimeouts;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.accounts.AccountsCullLevel;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.SqlHooks;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.batch.partition.PartitionRuns.partitionNames;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.partitions;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.shares;
import static dev.mastodonmaintenance.batch.partition.PartitionRuns.summary;
import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code accounts-cull} cut into partitions by buckets of domains ends as the plain step
 * does on a copy of the same instance: the same accounts deleted and touched, an
 * unreachable domain's later accounts skipped and the domain listed once; and its restart
 * runs only the partition that failed.
 */
class AccountsCullPartitionTests {

	private static final ProbeTimeouts SHORT = new ProbeTimeouts(Duration.ofMillis(500), Duration.ofMillis(800),
			Duration.ofSeconds(3));

	private static final int DOMAINS = 12;

	/** Who asked for which account, per database: requests carry the database's name. */
	private static final ConcurrentHashMap<String, Integer> requests = new ConcurrentHashMap<>();

	private static HttpServer server;

	private static String base;

	@TempDir
	Path plainRoot;

	@TempDir
	Path partitionedRoot;

	@BeforeAll
	static void startServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/users/", (exchange) -> {
			String name = exchange.getRequestURI().getPath().substring("/users/".length());
			requests.merge(name, 1, Integer::sum);
			// the account's name says its answer: gone404, gone410, or alive
			int answer = name.startsWith("gone404") ? 404 : name.startsWith("gone410") ? 410 : 200;
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

	@Test
	void fourPartitionsEndAsOnePlainStep() throws Exception {
		MastodonDatabase plainDb = seeded(MastodonDatabase.withFixture(getClass()));
		MastodonDatabase partitionedDb = seeded(MastodonDatabase.withFixture(getClass()));
		JobHarness plainHarness = harness(plainDb, this.plainRoot);
		JobHarness harness = harness(partitionedDb, this.partitionedRoot);

		JobExecution plain = plainHarness.run("levels=accounts-cull", "accounts-cull.batch-size=5",
				"accounts-cull.per-domain-concurrency=1");
		requests.clear();
		JobExecution partitioned = harness.run("levels=accounts-cull", "accounts-cull.batch-size=5",
				"accounts-cull.per-domain-concurrency=1", "accounts-cull.grid-size=4", "accounts-cull.partitions=2");

		assertThat(plain.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitioned.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitions(harness, partitioned)).hasSize(4);
		assertThat(shares(harness, partitioned, Level.ACCOUNTS_CULL)).containsExactly(
				"domains whose hash is in bucket 0 of 4", "domains whose hash is in bucket 1 of 4",
				"domains whose hash is in bucket 2 of 4", "domains whose hash is in bucket 3 of 4");
		assertThat(requests.values()).as("each account checked once").allMatch((count) -> count == 1);
		assertThat(accounts(partitionedDb.jdbc())).isEqualTo(accounts(plainDb.jdbc()));
		assertThat(summary(harness, partitioned, Level.ACCOUNTS_CULL))
			.isEqualTo(summary(plainHarness, plain, Level.ACCOUNTS_CULL))
			.startsWith("Visited " + (DOMAINS * 3 + 3) + " accounts, removed " + (DOMAINS / 3 * 2) + "\n"
					+ "The following domains were not available during the check:\n    dead.example\n");
	}

	@Test
	void restartRunsOnlyThePartitionThatFailed() throws Exception {
		MastodonDatabase plainDb = seeded(MastodonDatabase.withFixture(getClass()));
		MastodonDatabase partitionedDb = seeded(MastodonDatabase.withFixture(getClass()));
		JobHarness plainHarness = harness(plainDb, this.plainRoot);
		JobExecution plain = plainHarness.run("levels=accounts-cull", "accounts-cull.batch-size=5",
				"accounts-cull.per-domain-concurrency=1");
		SqlHooks hooks = new SqlHooks(partitionedDb.dataSource());
		MastodonResources mastodon = new MastodonResources(hooks, new FilesystemStorage(this.partitionedRoot), null,
				List.of("127.0.0.1"));
		JobHarness harness = JobHarness.on(mastodon).replacing(new AccountsCullLevel(mastodon, SHORT));
		hooks.failOn("DELETE FROM accounts a WHERE a.id", 1);

		JobExecution failed = harness.run("levels=accounts-cull", "accounts-cull.batch-size=5",
				"accounts-cull.per-domain-concurrency=1", "accounts-cull.grid-size=4", "accounts-cull.partitions=1");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(partitionNames(harness, failed, true)).hasSize(3);
		assertThat(partitionNames(harness, failed, false)).hasSize(1);
		requests.clear();

		JobExecution restarted = harness.restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitionNames(harness, restarted)).isEqualTo(partitionNames(harness, failed, false));
		assertThat(accounts(partitionedDb.jdbc())).isEqualTo(accounts(plainDb.jdbc()));
		assertThat(summary(harness, restarted, Level.ACCOUNTS_CULL))
			.isEqualTo(summary(plainHarness, plain, Level.ACCOUNTS_CULL));
	}

	private static JobHarness harness(MastodonDatabase db, Path root) {
		MastodonResources mastodon = new MastodonResources(db.dataSource(), new FilesystemStorage(root), null,
				List.of("127.0.0.1"));
		return JobHarness.on(mastodon).replacing(new AccountsCullLevel(mastodon, SHORT));
	}

	/**
	 * Three quiet accounts on each of a dozen domains, where every third domain has one
	 * gone with 404 and one with 410; a recently seen account (not checked); and a domain
	 * whose server does not answer, with two accounts (the second skipped).
	 */
	private static MastodonDatabase seeded(MastodonDatabase db) {
		MastodonData data = new MastodonData(db.dataSource());
		data.localAccount("alice").insert();
		String prefix = db.name() + "-";
		for (int d = 0; d < DOMAINS; d++) {
			String domain = "server" + d + ".example";
			for (int a = 0; a < 3; a++) {
				String name = (d % 3 == 0 && a == 0) ? "gone404" : (d % 3 == 0 && a == 1) ? "gone410" : "alive";
				String username = name + d + "a" + a;
				data.remoteAccount(username, domain)
					.updatedAt(daysAgo(30))
					.lastWebfingeredAt(null)
					.uri(base + "/users/" + username + "-" + prefix)
					.insert();
			}
		}
		data.remoteAccount("recent", "server1.example").updatedAt(daysAgo(0)).lastWebfingeredAt(daysAgo(0)).insert();
		String dead = "http://127.0.0.1:" + TestRedis.freePort() + "/users/";
		for (String name : List.of("first", "second")) {
			data.remoteAccount(name, "dead.example")
				.updatedAt(daysAgo(30))
				.lastWebfingeredAt(null)
				.uri(dead + name)
				.insert();
		}
		return db;
	}

	/** The remote accounts left, and whether each was touched by the cull. */
	private static List<String> accounts(JdbcTemplate jdbc) {
		LocalDateTime seeded = daysAgo(1);
		return jdbc.queryForList("SELECT username || '@' || domain || ':' || (updated_at > ?) FROM accounts "
				+ "WHERE domain IS NOT NULL ORDER BY username, domain", String.class, seeded);
	}

}
