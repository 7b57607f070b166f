package dev.mastodonmaintenance.batch.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark, not a test: our {@code statuses remove} as an operator runs it against
 * tootctl's statements as tootctl issues them, each on its own fresh copy of a generated
 * Mastodon instance, on a PostgreSQL server (the local one by default).
 * <ul>
 * <li>ours: the packaged operator program,
 * {@code java -jar sample-app.jar statuses remove --days 90
 * --batch-size 1000}, configured by Mastodon's {@code DB_*} variables and an empty
 * {@code PAPERCLIP_ROOT_PATH}; timed from process start to exit. Its phases are read from
 * its own log lines (their timestamps, with logging levels given as system properties)
 * and from the step's start and end in our schema;</li>
 * <li>tootctl: its statements run by {@code psql} on one connection in auto-commit
 * ({@link TootctlScript}), timed from process start to exit, each statement by psql's
 * {@code \timing}.</li>
 * </ul>
 * Each round runs both sides on copies made right before (so that neither pays for the
 * other's writes), in alternating order, with autovacuum off on the copies, while an
 * {@link ActivitySampler} watches the copy and, with {@code bench.probe=true}, a
 * {@link LoadProbe} plays Mastodon's traffic on it. The rows left in {@code statuses},
 * {@code media_attachments} and {@code conversations} (those that existed before the run)
 * must be the same as tootctl's at the same instant.
 * <p>
 * Settings (system properties): {@code bench.host} ({@code 127.0.0.1}),
 * {@code bench.port} (5432), {@code bench.user} ({@code postgres}, no password),
 * {@code bench.statuses} (1000000), {@code bench.rounds} (3), {@code bench.first-round}
 * (1: odd rounds run ours first, even rounds tootctl first; 2 makes a single round
 * tootctl's first), {@code bench.reuse} ({@code true} keeps an existing template
 * database), {@code bench.database} ({@code dbwork_bench}: the prefix of the databases
 * created), {@code bench.jar} ({@code sample-app/target/sample-app.jar}),
 * {@code bench.launcher} (unset: ours is {@code java -jar} of {@code bench.jar}; a path,
 * such as the Debian package's {@code /usr/bin/mastodon-maintenance}: ours is that
 * launcher, with the JVM options in {@code JAVA_OPTS}, after one dry run of it on the
 * template as the first run that makes its class-data sharing archive),
 * {@code bench.jvm-options} (added to ours' {@code java}, for trying start-up options),
 * {@code bench.migrated} ({@code false}: our schema is not in the copies, ours migrates
 * it as on its first run; {@code true}: the template holds it, migrated by our program),
 * {@code bench.probe} ({@code false}), {@code bench.autovacuum} ({@code tables}: off on
 * the copies' tables; {@code system}: {@code ALTER SYSTEM SET autovacuum = off} during
 * the benchmark, restored after). How to run it:
 * {@code docs/benchmarks/statuses-remove.md}.
 */
public final class StatusesRemoveBenchmark {

	private static final String MASTODON_SCHEMA_VERSION = "20260812154114";

	private static final List<String> TABLES = List.of("statuses", "media_attachments", "conversations");

	private static final List<String> OUR_PHASES = List.of("start-up (JVM, Spring, Flyway, launch)", "statuses",
			"analyze statuses", "media", "conversations", "analyze conversations", "after the step (job end, exit)");

	// GNU time, when installed, reports each side's CPU time and peak resident memory
	private static final Path TIME = Path.of("/usr/bin/time");

	private static final String CPU = "BENCH-CPU ";

	private static final String STEP_START = "step start";

	private static final String STEP_END = "step end";

	private final String host = System.getProperty("bench.host", "127.0.0.1");

	private final String port = System.getProperty("bench.port", "5432");

	private final String user = System.getProperty("bench.user", "postgres");

	private final String prefix = System.getProperty("bench.database", "dbwork_bench");

	private final Path jar = Path.of(System.getProperty("bench.jar", "sample-app/target/sample-app.jar"));

	private final String jvmOptions = System.getProperty("bench.jvm-options", "");

	private final String launcher = System.getProperty("bench.launcher", "");

	private final boolean probe = Boolean.getBoolean("bench.probe");

	private final boolean systemAutovacuum = "system".equals(System.getProperty("bench.autovacuum", "tables"));

	private final boolean migrated = Boolean.getBoolean("bench.migrated");

	private final String template = this.prefix + "_template";

	private final List<Double> ratios = new ArrayList<>();

	// tootctl's media phase per record in issue 14's measurement (16.0 s for 56,471): its
	// machine's commit latency
	private static final double ISSUE_14_MEDIA_MICROS = 283;

	private final List<Double> normalizedRatios = new ArrayList<>();

	private StatusesRemoveBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		new StatusesRemoveBenchmark().run(Integer.getInteger("bench.statuses", 1_000_000),
				Integer.getInteger("bench.rounds", 3), Integer.getInteger("bench.first-round", 1),
				Boolean.getBoolean("bench.reuse"));
	}

	private void run(int statuses, int rounds, int firstRound, boolean reuse) throws Exception {
		if (this.launcher.isEmpty() && !Files.isRegularFile(this.jar)) {
			throw new IllegalStateException("No " + this.jar.toAbsolutePath() + ": package sample-app first");
		}
		try (HikariDataSource admin = pool("postgres")) {
			JdbcTemplate server = new JdbcTemplate(admin);
			System.out.println("PostgreSQL: " + server.queryForObject("SELECT version()", String.class));
			System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
					+ System.getProperty("java.version") + ", load average " + loadAverage());
			boolean exists = Boolean.TRUE.equals(server.queryForObject(
					"SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ?)", Boolean.class, this.template));
			if (!reuse || !exists) {
				generate(server, statuses);
			}
			prepareTemplate();
			firstLauncherRun();
			ourSchema();
			String autovacuum = null;
			if (this.systemAutovacuum) {
				autovacuum = autovacuumOff(server);
			}
			try {
				for (int round = firstRound; round < firstRound + rounds; round++) {
					round(server, round);
				}
			}
			finally {
				if (this.systemAutovacuum) {
					restoreAutovacuum(server, autovacuum);
				}
				for (String side : List.of("ours", "tootctl", "reference")) {
					server.execute("DROP DATABASE IF EXISTS " + this.prefix + "_" + side);
				}
			}
			List<Double> sorted = this.ratios.stream().sorted().toList();
			int middle = sorted.size() / 2;
			if (!sorted.isEmpty()) {
				double median = (sorted.size() % 2 == 1) ? sorted.get(middle)
						: (sorted.get(middle - 1) + sorted.get(middle)) / 2;
				System.out.printf(Locale.ROOT, "%nRatios ours / tootctl: %s; median %.2f%n", this.ratios, median);
			}
			List<Double> normalized = this.normalizedRatios.stream().sorted().toList();
			if (!normalized.isEmpty()) {
				int half = normalized.size() / 2;
				double median = (normalized.size() % 2 == 1) ? normalized.get(half)
						: (normalized.get(half - 1) + normalized.get(half)) / 2;
				System.out.printf(Locale.ROOT,
						"Ratios with tootctl's media phase at issue 14's %.0f us per record: %s; median %.2f%n",
						ISSUE_14_MEDIA_MICROS, this.normalizedRatios, median);
			}
			System.out.println("Load average at the end " + loadAverage() + ". Template kept: " + this.template
					+ " (DROP DATABASE " + this.template + " when done; -Dbench.reuse=true uses it again)");
		}
	}

	private void round(JdbcTemplate server, int round) throws Exception {
		List<String> order = (round % 2 == 1) ? List.of("ours", "tootctl") : List.of("tootctl", "ours");
		System.out
			.println("\nRound " + round + " (" + String.join(" then ", order) + "), load average " + loadAverage());
		Map<String, Run> runs = new LinkedHashMap<>();
		Instant oursAt = null;
		for (String side : order) {
			copy(server, side);
			if (side.equals("ours")) {
				runs.put(side, ours());
				oursAt = runAt(database("ours"));
			}
			else {
				// tootctl's Time.now; the instant of ours when it ran first, so that both
				// have the same cut-offs
				Instant now = (oursAt != null) ? oursAt : Instant.now().truncatedTo(ChronoUnit.MILLIS);
				runs.put(side, tootctl(database(side), now, true));
			}
		}
		String compareWith = "tootctl";
		if (!runs.get("tootctl").at().equals(oursAt)) {
			// tootctl ran first: its result at ours' instant, untimed, for the comparison
			copy(server, "reference");
			tootctl(database("reference"), oursAt, false);
			compareWith = "reference";
		}
		report(runs.get("ours"), runs.get("tootctl"), compare(compareWith));
	}

	private void generate(JdbcTemplate server, int statuses) throws Exception {
		System.out.println("Generating " + this.template + " with " + statuses + " statuses...");
		long start = System.nanoTime();
		server.execute("DROP DATABASE IF EXISTS " + this.template);
		server.execute("CREATE DATABASE " + this.template);
		String schema = MastodonDatabase.realSchemaDump()
			.map(StatusesRemoveBenchmark::realSchema)
			.orElseGet(() -> resource("mastodon/fixture.sql"));
		try (HikariDataSource template = pool(this.template);
				Connection connection = template.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(schema);
			statement.execute("SELECT set_config('bench.statuses', '" + statuses + "', false)");
			statement.execute(resource("benchmark/statuses-remove-data.sql"));
			statement.execute("VACUUM ANALYZE");
		}
		System.out.printf(Locale.ROOT, "Generated in %.0f s%n", (System.nanoTime() - start) / 1e9);
	}

	// Mastodon's schema version, which our program requires before it deletes anything
	// (the real schema's dump
	// has no rows), and autovacuum off on every table of the copies.
	private void prepareTemplate() {
		try (HikariDataSource template = pool(this.template)) {
			JdbcTemplate jdbc = new JdbcTemplate(template);
			jdbc.update("INSERT INTO schema_migrations (version) SELECT ? WHERE NOT EXISTS "
					+ "(SELECT 1 FROM schema_migrations)", MASTODON_SCHEMA_VERSION);
			if (!this.systemAutovacuum) {
				jdbc.queryForList(
						"SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n "
								+ "ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public'",
						String.class)
					.forEach((table) -> jdbc.execute("ALTER TABLE " + table
							+ " SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)"));
			}
			System.out.println(this.template + ": " + jdbc.queryForObject("SELECT count(*) FROM statuses", Long.class)
					+ " statuses, "
					+ jdbc.queryForObject("SELECT pg_size_pretty(pg_database_size(current_database()))", String.class));
		}
	}

	// Our schema in the template, migrated by our program itself (bench.migrated: the
	// steady state of an instance
	// where it has run before), or not at all (its first run, as the independent
	// measurement had it).
	private void ourSchema() throws Exception {
		if (!this.migrated) {
			try (HikariDataSource template = pool(this.template)) {
				new JdbcTemplate(template).execute("DROP SCHEMA IF EXISTS mastodon_maintenance CASCADE");
			}
			return;
		}
		ProcessBuilder builder = ourProgram(List.of(), List.of("executions")).redirectErrorStream(true);
		mastodonEnvironment(builder.environment(), this.template, Path.of(System.getProperty("java.io.tmpdir")));
		unwatched("migrating " + this.template, builder, (line) -> false);
	}

	// An installed launcher's first run makes its class-data sharing archive, which every
	// measured run then maps: a dry run on the template, as an operator's first run
	// would be. The schema of ours it leaves there goes in ourSchema(), unless
	// bench.migrated.
	private void firstLauncherRun() throws Exception {
		if (this.launcher.isEmpty()) {
			return;
		}
		Path root = Files.createTempDirectory("bench-paperclip");
		try {
			ProcessBuilder builder = ourProgram(List.of(),
					List.of("statuses", "remove", "--days", "90", "--batch-size", "1000", "--dry-run"))
				.redirectErrorStream(true);
			mastodonEnvironment(builder.environment(), this.template, root);
			Run run = unwatched("first run of " + this.launcher, builder, (line) -> false);
			System.out.println("First run of " + this.launcher + " (a dry run on " + this.template + "): "
					+ Math.round(run.wallMillis() / 1000) + " s");
		}
		finally {
			Files.delete(root);
		}
	}

	// Ours as the operator starts it: java -jar of the jar, or the installed launcher,
	// which takes JVM options from JAVA_OPTS
	private ProcessBuilder ourProgram(List<String> jvmOptions, List<String> arguments) {
		List<String> command = new ArrayList<>();
		if (this.launcher.isEmpty()) {
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(jvmOptions);
			command.addAll(List.of("-jar", this.jar.toString()));
			command.addAll(arguments);
			return new ProcessBuilder(command);
		}
		command.add(this.launcher);
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("JAVA_OPTS", String.join(" ", jvmOptions));
		return builder;
	}

	private static String autovacuumOff(JdbcTemplate server) {
		String previous = server
			.queryForList("SELECT setting FROM pg_file_settings WHERE name = 'autovacuum' "
					+ "AND sourcefile LIKE '%postgresql.auto.conf' AND applied", String.class)
			.stream()
			.findFirst()
			.orElse(null);
		server.execute("ALTER SYSTEM SET autovacuum = off");
		server.execute("SELECT pg_reload_conf()");
		System.out.println("autovacuum off (ALTER SYSTEM), was " + ((previous != null) ? previous : "unset"));
		return previous;
	}

	private static void restoreAutovacuum(JdbcTemplate server, String previous) {
		server.execute((previous != null) ? "ALTER SYSTEM SET autovacuum = '" + previous + "'"
				: "ALTER SYSTEM RESET autovacuum");
		server.execute("SELECT pg_reload_conf()");
		System.out.println("autovacuum restored");
	}

	// A fresh copy, written out to disk before the run starts, so that neither side pays
	// for the other's
	// writes or for flushing its own copy.
	private void copy(JdbcTemplate server, String side) throws IOException, InterruptedException {
		server.execute("DROP DATABASE IF EXISTS " + database(side));
		server.execute("CREATE DATABASE " + database(side) + " TEMPLATE " + this.template);
		server.execute("CHECKPOINT");
		new ProcessBuilder("sync").inheritIO().start().waitFor();
	}

	private Run ours() throws Exception {
		Path root = Files.createTempDirectory("bench-paperclip");
		Path gcLog = Files.createTempFile("bench-gc", ".log");
		List<String> options = new ArrayList<>();
		options.add(GcLog.option(gcLog));
		if (!this.jvmOptions.isBlank()) {
			options.addAll(List.of(this.jvmOptions.trim().split("\\s+")));
		}
		// the lines whose timestamps mark the phases; nothing per statement or per window
		options.addAll(List.of("-Dlogging.level.dev.mastodonmaintenance.batch.statuses=INFO",
				"-Dlogging.level.org.flywaydb.core.internal.command=INFO"));
		ProcessBuilder builder = ourProgram(options,
				List.of("statuses", "remove", "--days", "90", "--batch-size", "1000"))
			.redirectErrorStream(true);
		mastodonEnvironment(builder.environment(), database("ours"), root);
		Map<String, Instant> marks = new LinkedHashMap<>();
		Run run;
		try {
			run = watched("ours", builder, (line) -> {
				OurLog.mark(line, marks);
				return line.contains("o.f.core.internal.command.");
			});
		}
		finally {
			Files.delete(root);
		}
		run.notes().add(GcLog.summary(gcLog));
		Files.delete(gcLog);
		try (HikariDataSource ours = pool(database("ours"))) {
			Map<String, Object> step = new JdbcTemplate(ours)
				.queryForMap("SELECT start_time, end_time, status FROM mastodon_maintenance.batch_step_execution "
						+ "WHERE step_name = 'statuses-remove'");
			if (!"COMPLETED".equals(step.get("status"))) {
				throw new IllegalStateException("statuses-remove ended " + step.get("status"));
			}
			marks.put(STEP_START, ((Timestamp) step.get("start_time")).toInstant());
			marks.put(STEP_END, ((Timestamp) step.get("end_time")).toInstant());
		}
		List<Instant> bounds = new ArrayList<>(List.of(run.start(), marks.get(STEP_START)));
		for (String phase : List.of("STATUSES", "STATUSES_STATISTICS", "MEDIA", "CONVERSATIONS")) {
			bounds.add(marks.get(phase));
		}
		bounds.add(marks.get(STEP_END));
		bounds.add(run.end());
		for (int i = 0; i < OUR_PHASES.size(); i++) {
			Instant from = bounds.get(i);
			Instant to = bounds.get(i + 1);
			run.phases().put(OUR_PHASES.get(i), (from != null && to != null) ? millis(from, to) : Double.NaN);
		}
		if (marks.containsKey(OurLog.FLYWAY_STARTED) && marks.containsKey(OurLog.FLYWAY_DONE)) {
			run.notes()
				.add(String.format(Locale.ROOT,
						"start-up: %.2f s to Flyway's start, Flyway %.2f s, %.2f s from "
								+ "Flyway's end to the step's start",
						millis(run.start(), marks.get(OurLog.FLYWAY_STARTED)) / 1000,
						millis(marks.get(OurLog.FLYWAY_STARTED), marks.get(OurLog.FLYWAY_DONE)) / 1000,
						millis(marks.get(OurLog.FLYWAY_DONE), marks.get(STEP_START)) / 1000));
		}
		return run;
	}

	// Mastodon's configuration is the benchmark's alone, whatever the shell running it
	// has set
	private void mastodonEnvironment(Map<String, String> env, String database, Path paperclipRoot) {
		env.keySet()
			.removeIf((name) -> name.startsWith("DB_") || name.equals("DATABASE_URL") || name.startsWith("REDIS_")
					|| name.startsWith("CACHE_REDIS_") || name.startsWith("S3_") || name.startsWith("PAPERCLIP_")
					|| name.startsWith("MASTODON_") || name.equals("JAVA_TOOL_OPTIONS")
					|| name.equals("JDK_JAVA_OPTIONS"));
		env.put("DB_HOST", this.host);
		env.put("DB_PORT", this.port);
		env.put("DB_NAME", database);
		env.put("DB_USER", this.user);
		env.put("DB_PASS", "");
		env.put("PAPERCLIP_ROOT_PATH", paperclipRoot.toString());
	}

	private Run tootctl(String database, Instant now, boolean timed) throws Exception {
		Path script = Files.createTempFile("tootctl-statuses-remove", ".sql");
		Files.writeString(script, TootctlScript.script(now));
		ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", this.host, "-p",
				this.port, "-U", this.user, "-d", database, "-f", script.toString())
			.redirectErrorStream(true);
		TootctlScript.Output output = new TootctlScript.Output();
		Run run;
		try {
			run = timed ? watched("tootctl", builder, output::read) : unwatched("reference", builder, output::read);
		}
		finally {
			Files.delete(script);
		}
		for (String phase : TootctlScript.PHASES) {
			run.phases().put(phase, output.phaseMillis().getOrDefault(phase, 0.0));
		}
		run.phases()
			.put("psql and round trips (rest of the wall time)", run.wallMillis() - output.harnessMillis()
					- output.phaseMillis().values().stream().mapToDouble(Double::doubleValue).sum());
		run.notes()
			.add(String.format(Locale.ROOT,
					"%d statements; longest %.0f ms (%s); candidates: %s statuses, %s media, %s conversations; "
							+ "generating queries %.0f ms (not counted)",
					output.statements(), output.longestMillis(), output.longestPhase(),
					output.result("statuses_candidates"), output.result("media_candidates"),
					output.result("conversations_candidates"), output.harnessMillis()));
		// one commit per record: this is the machine's commit latency (WAL flush) more
		// than anything tootctl chose
		String media = output.result("media_candidates");
		if (media.matches("[1-9][0-9]*")) {
			double mediaMillis = output.phaseMillis().getOrDefault("media", 0.0);
			run.notes()
				.add(String.format(Locale.ROOT, "media: %.0f us per record (BEGIN, DELETE, COMMIT)",
						mediaMillis * 1000 / Long.parseLong(media)));
			// the media phase at issue 14's commit latency
			run.normalizedMillis(run.wallMillis() - output.harnessMillis() - mediaMillis
					+ Long.parseLong(media) * ISSUE_14_MEDIA_MICROS / 1000);
		}
		return run.at(now).excluding(output.harnessMillis());
	}

	// The side's process, with the sampler (and the probe) on its copy meanwhile.
	private Run watched(String side, ProcessBuilder builder, Predicate<String> ownLine) throws Exception {
		String url = jdbcUrl(database(side));
		LoadProbe load = this.probe ? new LoadProbe(url, this.user) : null;
		try (ActivitySampler sampler = new ActivitySampler(url, this.user, (load != null) ? load.pids() : Set.of())) {
			if (load != null) {
				load.start();
			}
			Run run = unwatched(side, builder, ownLine);
			if (load != null) {
				load.close();
				run.notes().addAll(load.summary().stream().map((line) -> "probe " + line).toList());
			}
			run.notes().add("longest statement seen running: " + sampler.longestStatement());
			run.notes().add("oldest transaction seen holding a lock: " + sampler.oldestLockHolders());
			run.notes()
				.add("longest lock wait seen: " + sampler.longestLockWait() + " (" + sampler.samples() + " samples)");
			run.longestStatementSeconds(sampler.longestStatementSeconds());
			run.oldestWriteLockSeconds(sampler.oldestWriteLockHolder());
			return run;
		}
		finally {
			if (load != null) {
				load.close();
			}
		}
	}

	private static Run unwatched(String side, ProcessBuilder builder, Predicate<String> ownLine) throws Exception {
		if (Files.isExecutable(TIME)) {
			List<String> command = new ArrayList<>(List.of(TIME.toString(), "-f", CPU + "%U %S %M"));
			command.addAll(builder.command());
			builder.command(command);
		}
		double[] usage = { Double.NaN, Double.NaN };
		Predicate<String> cpuLine = (line) -> {
			if (line.startsWith(CPU)) {
				String[] figures = line.substring(CPU.length()).split(" ");
				usage[0] = Double.parseDouble(figures[0]) + Double.parseDouble(figures[1]);
				usage[1] = Double.parseDouble(figures[2]) / 1024;
				return true;
			}
			return false;
		};
		Instant start = Instant.now();
		Process process = builder.start();
		List<String> output = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (!cpuLine.test(line) && !ownLine.test(line)) {
					output.add(line);
				}
			}
		}
		int exit = process.waitFor();
		Instant end = Instant.now();
		output.forEach((line) -> System.out.println(side + ": " + line));
		if (exit != 0) {
			throw new IllegalStateException(side + " failed with exit code " + exit);
		}
		Run run = new Run(side, start, end);
		run.notes().add(String.format(Locale.ROOT, "CPU time of the process (user + system): %.1f s", usage[0]));
		run.notes().add(String.format(Locale.ROOT, "peak resident memory of the process: %.0f MB", usage[1]));
		return run;
	}

	private Instant runAt(String database) {
		try (HikariDataSource ours = pool(database)) {
			return Instant.parse(new JdbcTemplate(ours)
				.queryForObject("SELECT parameter_value FROM mastodon_maintenance.batch_job_execution_params "
						+ "WHERE parameter_name = 'run.at'", String.class));
		}
	}

	// Rows left, on the ids that the template holds: the probe's own rows are not
	// compared.
	private Map<String, String> compare(String other) {
		Map<String, String> verdicts = new LinkedHashMap<>();
		try (HikariDataSource template = pool(this.template);
				HikariDataSource ours = pool(database("ours"));
				HikariDataSource theirs = pool(database(other))) {
			for (String table : TABLES) {
				long maxId = new JdbcTemplate(template).queryForObject("SELECT max(id) FROM " + table, Long.class);
				String sql = "SELECT count(*) || ' rows, ids md5 ' || md5(string_agg(id::text, ',' ORDER BY id)) FROM "
						+ table + " WHERE id <= " + maxId;
				String left = new JdbcTemplate(ours).queryForObject(sql, String.class);
				String right = new JdbcTemplate(theirs).queryForObject(sql, String.class);
				verdicts.put(table,
						(left.equals(right) ? "same: " + left : "DIFFERENT: ours " + left + ", " + other + " " + right)
								+ ((other.equals("tootctl")) ? ""
										: " (tootctl's statements at ours' instant, untimed)"));
			}
		}
		return verdicts;
	}

	private void report(Run ours, Run tootctl, Map<String, String> rowsLeft) {
		double ratio = ours.wallMillis() / tootctl.countedMillis();
		this.ratios.add(Math.round(ratio * 100) / 100.0);
		System.out.println();
		System.out.printf(Locale.ROOT,
				"| whole run | ours %.1f s (process wall time) | tootctl %.1f s (psql's wall time "
						+ "less its generating queries) | ratio %.2f |%n",
				ours.wallMillis() / 1000, tootctl.countedMillis() / 1000, ratio);
		if (!Double.isNaN(tootctl.normalizedMillis())) {
			double normalized = ours.wallMillis() / tootctl.normalizedMillis();
			this.normalizedRatios.add(Math.round(normalized * 100) / 100.0);
			System.out
				.printf(Locale.ROOT,
						"| with tootctl's media phase at %.0f us per record (issue 14's machine) | tootctl %.1f s | "
								+ "ratio %.2f |%n",
						ISSUE_14_MEDIA_MICROS, tootctl.normalizedMillis() / 1000, normalized);
		}
		System.out.println("\n| ours: phase | s |\n| --- | --- |");
		ours.phases().forEach((phase, ms) -> System.out.printf(Locale.ROOT, "| %s | %.2f |%n", phase, ms / 1000));
		System.out.println("\n| tootctl: phase (sum of its statements' times) | s |\n| --- | --- |");
		tootctl.phases().forEach((phase, ms) -> System.out.printf(Locale.ROOT, "| %s | %.2f |%n", phase, ms / 1000));
		System.out.println();
		ours.notes().forEach((note) -> System.out.println("ours: " + note));
		tootctl.notes().forEach((note) -> System.out.println("tootctl: " + note));
		System.out.printf(Locale.ROOT, "Longest statement: ours %.2f s, tootctl %.2f s (sampled); oldest transaction "
				+ "holding a write lock on statuses, conversations or media_attachments: ours %.2f s, tootctl %.2f s%n",
				ours.longestStatementSeconds(), tootctl.longestStatementSeconds(), ours.oldestWriteLockSeconds(),
				tootctl.oldestWriteLockSeconds());
		rowsLeft.forEach((table, verdict) -> System.out.println("Rows left in " + table + ": " + verdict));
	}

	private HikariDataSource pool(String database) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl(database));
		config.setUsername(this.user);
		config.setMaximumPoolSize(1);
		config.setMinimumIdle(0);
		return new HikariDataSource(config);
	}

	private String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	private String database(String side) {
		return this.prefix + "_" + side;
	}

	private static double millis(Instant from, Instant to) {
		return Duration.between(from, to).toNanos() / 1e6;
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	static String realSchema(Path dump) {
		try {
			return String.join("\n",
					Files.readAllLines(dump, StandardCharsets.UTF_8)
						.stream()
						.filter((line) -> !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict"))
						.toList())
					+ "\nRESET search_path;\n";
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

	/** One side's run: its wall time, its phases (ms) and what else was seen. */
	private static final class Run {

		private final String side;

		private final Instant start;

		private final Instant end;

		private final Map<String, Double> phases = new LinkedHashMap<>();

		private final List<String> notes = new ArrayList<>();

		private Instant at;

		private double excludedMillis;

		private double longestStatementSeconds;

		private double oldestWriteLockSeconds;

		private double normalizedMillis = Double.NaN;

		Run(String side, Instant start, Instant end) {
			this.side = side;
			this.start = start;
			this.end = end;
		}

		Instant start() {
			return this.start;
		}

		Instant end() {
			return this.end;
		}

		double wallMillis() {
			return millis(this.start, this.end);
		}

		// tootctl's wall time without the queries that generate its statements, which
		// tootctl does not run
		double countedMillis() {
			return wallMillis() - this.excludedMillis;
		}

		Map<String, Double> phases() {
			return this.phases;
		}

		List<String> notes() {
			return this.notes;
		}

		Instant at() {
			return this.at;
		}

		Run at(Instant at) {
			this.at = at;
			return this;
		}

		Run excluding(double millis) {
			this.excludedMillis = millis;
			return this;
		}

		// tootctl's counted time with its media phase at issue 14's commit latency
		double normalizedMillis() {
			return this.normalizedMillis;
		}

		void normalizedMillis(double millis) {
			this.normalizedMillis = millis;
		}

		double longestStatementSeconds() {
			return this.longestStatementSeconds;
		}

		void longestStatementSeconds(double seconds) {
			this.longestStatementSeconds = seconds;
		}

		double oldestWriteLockSeconds() {
			return this.oldestWriteLockSeconds;
		}

		void oldestWriteLockSeconds(double seconds) {
			this.oldestWriteLockSeconds = seconds;
		}

		@Override
		public String toString() {
			return this.side;
		}

	}

}
