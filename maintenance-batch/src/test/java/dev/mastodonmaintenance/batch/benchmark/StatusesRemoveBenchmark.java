package dev.mastodonmaintenance.batch.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark, not a test: our {@code statuses-remove} step against tootctl's algorithm on identical copies of a
 * generated Mastodon instance, on a PostgreSQL server (the local one by default). Each side runs as a process
 * of its own, timed from process start to exit; each reports the longest single statement it issued. The
 * rows left in {@code statuses}, {@code media_attachments} and {@code conversations} must be the same on both
 * copies.
 * <p>
 * Settings (system properties): {@code bench.url} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}),
 * {@code bench.user} ({@code postgres}, no password), {@code bench.statuses} (1000000), {@code bench.rounds}
 * (1; each further round swaps the order), {@code bench.reuse} ({@code true} keeps an existing generated
 * template database). Databases created: {@code dbwork_bench_template}, {@code dbwork_bench_tootctl},
 * {@code dbwork_bench_ours}. How to run it: {@code docs/benchmarks/statuses-remove.md}.
 */
public final class StatusesRemoveBenchmark {

	private static final String TEMPLATE = "dbwork_bench_template";

	private static final String RESULT = "RESULT ";

	private StatusesRemoveBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String url = System.getProperty("bench.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
		String user = System.getProperty("bench.user", "postgres");
		int statuses = Integer.getInteger("bench.statuses", 1_000_000);
		int rounds = Integer.getInteger("bench.rounds", 1);
		boolean reuse = Boolean.getBoolean("bench.reuse");
		try (HikariDataSource admin = pool(url, user, 1)) {
			JdbcTemplate server = new JdbcTemplate(admin);
			System.out.println("PostgreSQL: " + server.queryForObject("SELECT version()", String.class));
			System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
					+ System.getProperty("java.version"));
			boolean exists = Boolean.TRUE.equals(server.queryForObject(
					"SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ?)", Boolean.class, TEMPLATE));
			if (!reuse || !exists) {
				generate(server, url, user, statuses);
			}
			for (int round = 1; round <= rounds; round++) {
				List<String> order = (round % 2 == 1) ? List.of("ours", "tootctl") : List.of("tootctl", "ours");
				System.out.println("\nRound " + round + " (" + String.join(" then ", order) + ")");
				Instant runAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
				Map<String, Run> runs = new LinkedHashMap<>();
				for (String side : order) {
					copy(server, "dbwork_bench_" + side);
					runs.put(side, run(side, url, user, runAt));
				}
				report(runs.get("ours"), runs.get("tootctl"), compare(url, user));
			}
		}
	}

	private static void generate(JdbcTemplate server, String url, String user, int statuses) throws Exception {
		System.out.println("Generating " + TEMPLATE + " with " + statuses + " statuses...");
		long start = System.nanoTime();
		server.execute("DROP DATABASE IF EXISTS " + TEMPLATE);
		server.execute("CREATE DATABASE " + TEMPLATE);
		String schema = MastodonDatabase.realSchemaDump()
			.map(StatusesRemoveBenchmark::realSchema)
			.orElseGet(() -> resource("mastodon/fixture.sql"));
		try (HikariDataSource template = pool(databaseUrl(url, TEMPLATE), user, 1);
				Connection connection = template.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(schema);
			statement.execute("SELECT set_config('bench.statuses', '" + statuses + "', false)");
			statement.execute(resource("benchmark/statuses-remove-data.sql"));
			statement.execute("VACUUM ANALYZE");
		}
		System.out.printf(Locale.ROOT, "Generated in %.0f s%n", (System.nanoTime() - start) / 1e9);
	}

	// A fresh copy, written out to disk before the run starts, so that neither side pays for the other's
	// writes or for flushing its own copy.
	private static void copy(JdbcTemplate server, String database) throws IOException, InterruptedException {
		server.execute("DROP DATABASE IF EXISTS " + database);
		server.execute("CREATE DATABASE " + database + " TEMPLATE " + TEMPLATE);
		server.execute("CHECKPOINT");
		new ProcessBuilder("sync").inheritIO().start().waitFor();
	}

	private static Run run(String side, String url, String user, Instant runAt) throws Exception {
		Path root = Files.createTempDirectory("bench-storage-" + side);
		String main = side.equals("ours") ? OurStatusesRemove.class.getName() : TootctlStatusesRemove.class.getName();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dlogback.configurationFile=benchmark/logback-benchmark.xml", "-cp", System.getProperty("java.class.path"), main, databaseUrl(url, "dbwork_bench_" + side), user,
				root.toString(), runAt.toString()));
		long start = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String result = null;
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				if (line.startsWith(RESULT)) {
					result = line.substring(RESULT.length());
				}
				else {
					System.out.println(side + ": " + line);
				}
			}
		}
		int exit = process.waitFor();
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		if (exit != 0 || result == null) {
			throw new IllegalStateException(side + " failed with exit code " + exit);
		}
		return new Run(side, elapsed, parse(result));
	}

	private static Map<String, String> compare(String url, String user) {
		Map<String, String> differences = new LinkedHashMap<>();
		try (HikariDataSource ours = pool(databaseUrl(url, "dbwork_bench_ours"), user, 1);
				HikariDataSource tootctl = pool(databaseUrl(url, "dbwork_bench_tootctl"), user, 1)) {
			for (String table : List.of("statuses", "media_attachments", "conversations")) {
				String sql = "SELECT count(*) || ' rows, ids md5 ' || md5(string_agg(id::text, ',' ORDER BY id)) FROM "
						+ table;
				String left = new JdbcTemplate(ours).queryForObject(sql, String.class);
				String right = new JdbcTemplate(tootctl).queryForObject(sql, String.class);
				differences.put(table, left.equals(right) ? "same: " + left : "DIFFERENT: ours " + left + ", tootctl " + right);
			}
		}
		return differences;
	}

	private static void report(Run ours, Run tootctl, Map<String, String> rowsLeft) {
		System.out.println();
		System.out.println("| | ours (statuses-remove step) | tootctl's algorithm via JDBC |");
		System.out.println("| --- | --- | --- |");
		row("whole run, process start included", seconds(ours.elapsed()), seconds(tootctl.elapsed()));
		row("longest single statement", ours.get("longest_ms") + " ms", tootctl.get("longest_ms") + " ms");
		row("longest statement", "`" + ours.get("longest_sql") + "`", "`" + tootctl.get("longest_sql") + "`");
		row("statements issued", ours.get("statements"), tootctl.get("statements"));
		row("statuses removed / candidates", ours.get("statuses_removed") + " / " + ours.get("statuses_candidates"),
				tootctl.get("statuses_removed") + " / " + tootctl.get("statuses_candidates"));
		row("media_attachments removed", ours.get("media_removed"), tootctl.get("media_removed"));
		row("conversations removed", ours.get("conversations_removed"), tootctl.get("conversations_removed"));
		System.out.printf(Locale.ROOT, "%nRatio ours / tootctl: %.2f%n",
				(double) ours.elapsed().toMillis() / tootctl.elapsed().toMillis());
		rowsLeft.forEach((table, verdict) -> System.out.println("Rows left in " + table + ": " + verdict));
	}

	private static void row(String what, String ours, String tootctl) {
		System.out.println("| " + what + " | " + ours + " | " + tootctl + " |");
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	static String result(long statusesRemoved, long statusesCandidates, long mediaRemoved, long conversationsRemoved,
			StatementClock clock) {
		clock.heaviest(8).forEach((line) -> System.out.println("time spent: " + line));
		return RESULT + "statuses_removed=" + statusesRemoved + "\tstatuses_candidates=" + statusesCandidates
				+ "\tmedia_removed=" + mediaRemoved + "\tconversations_removed=" + conversationsRemoved + "\tstatements="
				+ clock.statements() + "\tlongest_ms=" + clock.longestMillis() + "\tlongest_sql=" + clock.longestSql();
	}

	private static Map<String, String> parse(String result) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String field : result.split("\t")) {
			int equals = field.indexOf('=');
			values.put(field.substring(0, equals), field.substring(equals + 1));
		}
		return values;
	}

	static HikariDataSource pool(String url, String user, int size) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(0);
		return new HikariDataSource(config);
	}

	private static String databaseUrl(String url, String database) {
		int slash = url.indexOf('/', "jdbc:postgresql://".length());
		int query = url.indexOf('?');
		return url.substring(0, slash) + "/" + database + ((query >= 0) ? url.substring(query) : "");
	}

	private static String realSchema(Path dump) {
		try {
			return String.join("\n", Files.readAllLines(dump, StandardCharsets.UTF_8)
				.stream()
				.filter((line) -> !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict"))
				.toList()) + "\nRESET search_path;\n";
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String resource(String path) {
		try {
			return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Run(String side, Duration elapsed, Map<String, String> values) {

		String get(String key) {
			return this.values.getOrDefault(key, "?");
		}

	}

}
