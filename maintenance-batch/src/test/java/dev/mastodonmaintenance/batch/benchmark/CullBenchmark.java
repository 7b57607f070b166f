package dev.mastodonmaintenance.batch.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code accounts cull} over N remote accounts spread over D domains, all served by one
 * local HTTP server (the accounts' URIs name it by address, the path names the domain),
 * two ways on identical copies of one database: tootctl's ({@link TootctlCull}, a child
 * JVM) and ours as an operator runs it (the packaged {@code sample-app.jar accounts cull}
 * with Mastodon's variables and {@code ALLOWED_PRIVATE_ADDRESSES=127.0.0.1}). The server
 * answers after 100 ms: 404 or 410 for the gone accounts, nothing at all for the hanging
 * domains (the request waits for the client's read timeout), 200 otherwise. Not a test:
 * see {@code docs/benchmarks/accounts-cull.md}.
 */
public final class CullBenchmark {

	private static final String MEASURE = "BENCH-MEASURE ";

	private static final long FIRST_ID = 113_000_000_000_000_000L;

	private final String host = System.getProperty("bench.host", "127.0.0.1");

	private final int port = Integer.getInteger("bench.port", 5432);

	private final String user = System.getProperty("bench.user", "postgres");

	private final String prefix = System.getProperty("bench.database", "bench13_cull");

	private final Path jar = Path.of(System.getProperty("bench.jar", "sample-app/target/sample-app.jar"));

	private final int accounts = Integer.getInteger("bench.accounts", 10_000);

	private final int domains = Integer.getInteger("bench.domains", 200);

	/** One domain in this many never answers. */
	private final int hangingEvery = Integer.getInteger("bench.hanging-every", 50);

	/** Percent of the accounts of answering domains that are gone (404 or 410). */
	private final int gonePercent = Integer.getInteger("bench.gone-percent", 10);

	private final long answerMs = Long.getLong("bench.answer-ms", 100);

	private final int rounds = Integer.getInteger("bench.rounds", 1);

	/** tootctl, or ours with its command-line options after a colon ("ours:-c 64"). */
	private final List<String> sides = List.of(System.getProperty("bench.sides", "tootctl,ours:").split(","));

	/** Options for ours' JVM (space-separated), e.g. -Xmx256m or a flight recording. */
	private final String jvmOptions = System.getProperty("bench.jvm-options", "");

	private final AtomicInteger requests = new AtomicInteger();

	private volatile boolean open = true;

	private CullBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		new CullBenchmark().run();
		System.exit(0);
	}

	private void run() throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2000);
		server.setExecutor(Executors.newCachedThreadPool());
		server.createContext("/", (exchange) -> {
			this.requests.incrementAndGet();
			String[] path = exchange.getRequestURI().getPath().split("/");
			// /<domain index>/users/<account index>
			int domain = Integer.parseInt(path[1].substring(1, path[1].indexOf('.')));
			long account = Long.parseLong(path[3].substring(1));
			try {
				if (hanging(domain)) {
					while (this.open) {
						Thread.sleep(200);
					}
					exchange.close();
					return;
				}
				Thread.sleep(this.answerMs);
				exchange.sendResponseHeaders(gone(account) ? ((account % 2 == 0) ? 404 : 410) : 200, -1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		});
		server.start();
		String base = "http://127.0.0.1:" + server.getAddress().getPort();
		try (HikariDataSource admin = pool("postgres")) {
			JdbcTemplate postgres = new JdbcTemplate(admin);
			System.out.println("PostgreSQL: " + postgres.queryForObject("SELECT version()", String.class));
			System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
					+ System.getProperty("java.version") + ", load average " + OrphansRemoveBenchmark.loadAverage());
			try {
				template(postgres, base);
				Map<String, List<String>> figures = new LinkedHashMap<>();
				for (int round = 1; round <= this.rounds; round++) {
					List<String> order = new ArrayList<>(this.sides);
					if (round % 2 == 0) {
						Collections.reverse(order);
					}
					System.out.printf(Locale.ROOT, "%nRound %d (%s), load average %s%n", round,
							String.join(" then ", order), OrphansRemoveBenchmark.loadAverage());
					Map<String, String> left = new LinkedHashMap<>();
					for (String side : order) {
						String line = side(postgres, side, left);
						figures.computeIfAbsent(side, (key) -> new ArrayList<>()).add(line);
					}
					System.out.println("  rows left per side: " + (left.values().stream().distinct().count() == 1
							? "identical (" + left.values().iterator().next() + ")" : "DIFFERENT " + left));
				}
				System.out.println("\nAll rounds:");
				figures
					.forEach((side, lines) -> lines.forEach((line) -> System.out.println("  " + side + ": " + line)));
			}
			finally {
				this.open = false;
				postgres.execute("DROP DATABASE IF EXISTS " + this.prefix + "_template WITH (FORCE)");
				postgres.execute("DROP DATABASE IF EXISTS " + this.prefix + "_copy WITH (FORCE)");
				System.out.println("Dropped " + this.prefix + "_template and _copy; load average at the end "
						+ OrphansRemoveBenchmark.loadAverage());
				server.stop(0);
			}
		}
	}

	private boolean hanging(int domain) {
		return domain % this.hangingEvery == 7 % this.hangingEvery;
	}

	private boolean gone(long account) {
		return ((account * 31) % 100) < this.gonePercent;
	}

	// Mastodon 4.7's schema, our schema migrated once (as on an instance where the
	// program ran before), and the accounts: interleaved by id over the domains, updated
	// 30 days ago, never webfingered, ActivityPub.
	private void template(JdbcTemplate postgres, String base) throws Exception {
		long start = System.nanoTime();
		String template = this.prefix + "_template";
		postgres.execute("DROP DATABASE IF EXISTS " + template + " WITH (FORCE)");
		postgres.execute("CREATE DATABASE " + template);
		String schema = MastodonDatabase.realSchemaDump()
			.map(StatusesRemoveBenchmark::realSchema)
			.orElseThrow(() -> new IllegalStateException("Mastodon's schema dump is not beside the checkout"));
		try (HikariDataSource db = pool(template);
				Connection connection = db.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(schema);
			statement.execute("INSERT INTO schema_migrations (version) VALUES ('"
					+ OrphansRemoveBenchmark.MASTODON_SCHEMA_VERSION + "')");
			statement.execute(
					"""
							INSERT INTO accounts (id, username, domain, uri, url, protocol, created_at, updated_at)
							SELECT %d + g, 'u' || g, 'd' || (g %% %d) || '.example', '%s/d' || (g %% %d) || '.example/users/u' || g,
							    '%s/d' || (g %% %d) || '.example/@u' || g, 1,
							    (now() AT TIME ZONE 'UTC') - interval '60 days', (now() AT TIME ZONE 'UTC') - interval '30 days'
							FROM generate_series(0, %d) AS g"""
						.formatted(FIRST_ID, this.domains, base, this.domains, base, this.domains, this.accounts - 1));
			statement.execute("VACUUM ANALYZE accounts");
		}
		ProcessBuilder migrate = new ProcessBuilder(java(), "-jar", this.jar.toString(), "executions")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		migrate.environment().putAll(dbEnv(template));
		if (migrate.start().waitFor() != 0) {
			throw new IllegalStateException("Our program could not migrate its schema in " + template);
		}
		long hangingDomains = java.util.stream.IntStream.range(0, this.domains).filter(this::hanging).count();
		long hangingAccounts = java.util.stream.LongStream.range(0, this.accounts)
			.filter((g) -> hanging((int) (g % this.domains)))
			.count();
		long goneAccounts = java.util.stream.LongStream.range(0, this.accounts)
			.filter((g) -> !hanging((int) (g % this.domains)) && gone(g))
			.count();
		System.out.printf(Locale.ROOT,
				"Template %s: %d remote accounts on %d domains; %d domains (%d accounts) hanging, %d accounts gone "
						+ "(404/410), %d answering 200; answers after %d ms; prepared in %.0f s%n",
				template, this.accounts, this.domains, hangingDomains, hangingAccounts, goneAccounts,
				this.accounts - hangingAccounts - goneAccounts, this.answerMs, (System.nanoTime() - start) / 1e9);
	}

	private String side(JdbcTemplate postgres, String side, Map<String, String> left) throws Exception {
		String copy = this.prefix + "_copy";
		postgres.execute("DROP DATABASE IF EXISTS " + copy + " WITH (FORCE)");
		postgres.execute("CREATE DATABASE " + copy + " TEMPLATE " + this.prefix + "_template");
		postgres.execute("CHECKPOINT");
		List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", MEASURE + "%e %M %U %S", java()));
		Map<String, String> env = new LinkedHashMap<>();
		if (side.equals("tootctl")) {
			command.addAll(List.of("-cp", System.getProperty("java.class.path"), TootctlCull.class.getName(),
					"jdbc:postgresql://" + this.host + ":" + this.port + "/" + copy, this.user, "5"));
		}
		else {
			if (!this.jvmOptions.isBlank()) {
				command.addAll(List.of(this.jvmOptions.trim().split("\\s+")));
			}
			command.addAll(List.of("-jar", this.jar.toString(), "accounts", "cull"));
			String options = side.substring(side.indexOf(':') + 1).trim();
			if (!options.isEmpty()) {
				command.addAll(Arrays.asList(options.split(" ")));
			}
			int partitions = command.contains("--partitions")
					? Integer.parseInt(command.get(command.indexOf("--partitions") + 1)) : 1;
			if (partitions + 2 > 10) {
				// each partition running holds a connection, plus the run lock's and the
				// watcher's: the operator enlarges the pool (10 by default), as our
				// program
				// says when it refuses to start
				env.put("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", Integer.toString(partitions + 4));
			}
			env.putAll(dbEnv(copy));
			env.put("ALLOWED_PRIVATE_ADDRESSES", "127.0.0.1");
			env.put("PAPERCLIP_ROOT_PATH", Files.createTempDirectory("bench13-cull").toString());
		}
		this.requests.set(0);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(env);
		String measured = null;
		List<String> output = new ArrayList<>();
		Process process = builder.start();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.startsWith(MEASURE)) {
					measured = line.substring(MEASURE.length());
				}
				else {
					output.add(line);
				}
			}
		}
		int exit = process.waitFor();
		output.stream().limit(40).forEach((line) -> System.out.println("  " + side + "| " + line));
		if (exit != 0 || measured == null) {
			throw new IllegalStateException(side + " failed with exit code " + exit);
		}
		String[] figures = measured.trim().split(" ");
		double seconds = Double.parseDouble(figures[0]);
		long rssKb = Long.parseLong(figures[1]);
		double cpu = Double.parseDouble(figures[2]) + Double.parseDouble(figures[3]);
		String rows;
		try (HikariDataSource db = pool(copy)) {
			JdbcTemplate jdbc = new JdbcTemplate(db);
			// what must agree: the accounts left; the touched ones of the answering
			// domains. On a hanging domain which accounts were tried (and touched) before
			// the domain was known dead depends on timing, so it is only counted.
			rows = jdbc.queryForObject(
					"""
							SELECT count(*) || ' accounts left (ids md5 ' || left(md5(string_agg(id::text, ',' ORDER BY id)), 12)
							    || '), touched on answering domains: '
							    || count(*) FILTER (WHERE updated_at > (now() AT TIME ZONE 'UTC') - interval '1 day'
							                        AND NOT domain = ANY(?))
							FROM accounts""",
					String.class, (Object) hangingDomainNames());
			String hangingTouched = jdbc.queryForObject("""
					SELECT count(*) FROM accounts WHERE updated_at > (now() AT TIME ZONE 'UTC') - interval '1 day'
					    AND domain = ANY(?)""", String.class, (Object) hangingDomainNames());
			left.put(side, rows);
			rows = rows + "; touched on hanging domains: " + hangingTouched;
		}
		postgres.execute("DROP DATABASE IF EXISTS " + copy + " WITH (FORCE)");
		String line = String.format(Locale.ROOT,
				"%.1f s, %.0f accounts/s, peak RSS %d MB, CPU %.1f s, %d requests served; %s", seconds,
				this.accounts / seconds, rssKb / 1024, cpu, this.requests.get(), rows);
		System.out.println("  " + side + ": " + line);
		return line;
	}

	private String[] hangingDomainNames() {
		return java.util.stream.IntStream.range(0, this.domains)
			.filter(this::hanging)
			.mapToObj((d) -> "d" + d + ".example")
			.toArray(String[]::new);
	}

	private Map<String, String> dbEnv(String database) {
		return Map.of("DB_HOST", this.host, "DB_PORT", Integer.toString(this.port), "DB_NAME", database, "DB_USER",
				this.user, "DB_PASS", "");
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private HikariDataSource pool(String name) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl("jdbc:postgresql://" + this.host + ":" + this.port + "/" + name);
		pool.setUsername(this.user);
		pool.setMaximumPoolSize(2);
		return pool;
	}

}
