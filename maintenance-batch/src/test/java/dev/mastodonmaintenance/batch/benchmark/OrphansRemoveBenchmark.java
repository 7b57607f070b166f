package dev.mastodonmaintenance.batch.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.zaxxer.hikari.HikariDataSource;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.TestS3;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code media remove-orphans} over a bucket of N objects behind a fixed added latency
 * per S3 request, two ways on the same bucket and database: tootctl's
 * ({@link TootctlOrphans}, a child JVM: one listing cursor, one query per page, one
 * DeleteObject per orphan) and ours as an operator runs it (the packaged
 * {@code sample-app.jar media remove-orphans}, with Mastodon's variables), the latter
 * with each partition setting asked for, and as a manager whose partitions two worker
 * processes of ours run ({@link OurWorkers}). After each side the bucket's keys are
 * listed and compared with the keys that must be left; the orphans are then put back for
 * the next side. Not a test: see {@code docs/benchmarks/media-remove-orphans.md}.
 */
public final class OrphansRemoveBenchmark {

	static final String MASTODON_SCHEMA_VERSION = "20260812154114";

	static final long FIRST_ID = 112_000_000_000_000_000L;

	static final String BUCKET = "bench13-orphans";

	static final String MEASURE = "BENCH-MEASURE ";

	/** The worker processes of a {@code workers-N} side. */
	static final int WORKERS = 2;

	/** The queue or channel of a {@code workers-N} side's manager and workers. */
	static final String QUEUE = "bench13-orphans.partitions";

	/** Our program's connection pool, unless enlarged. */
	private static final int DEFAULT_POOL = 10;

	private static final String POOL_SIZE = "SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE";

	private final String host = System.getProperty("bench.host", "127.0.0.1");

	private final int port = Integer.getInteger("bench.port", 5432);

	private final String user = System.getProperty("bench.user", "postgres");

	private final String database = System.getProperty("bench.database", "bench13_orphans");

	private final Path jar = Path.of(System.getProperty("bench.jar", "sample-app/target/sample-app.jar"));

	private final int objects = Integer.getInteger("bench.objects", 1_000_000);

	private final int orphanPercent = Integer.getInteger("bench.orphan-percent", 2);

	private final long latencyMs = Long.getLong("bench.latency-ms", 20);

	private final int rounds = Integer.getInteger("bench.rounds", 1);

	private final List<String> sides = List.of(System.getProperty("bench.sides", "tootctl,ours-1").split(","));

	/** The options that give ours N partitions, {@code %d} standing for N. */
	private final String partitionOptions = System.getProperty("bench.partition-options",
			"--grid-size=%d --partitions=%d");

	/** RabbitMQ, for the {@code workers-N-amqp} sides. */
	private final String amqpUrl = System.getProperty("bench.amqp-url", "amqp://guest:guest@127.0.0.1:5672");

	/** The manager's and workers' poll interval; our program's default when not set. */
	private final @Nullable String pollInterval = System.getProperty("bench.poll-interval");

	private final int uploadThreads = Integer.getInteger("bench.upload-threads", 16);

	private final List<String> orphans = new ArrayList<>();

	/** Set when the objects are stored straight into the indexed server's index. */
	private IndexedS3Server direct;

	private String keptDigest;

	private long keptCount;

	private OrphansRemoveBenchmark() {
	}

	public static void main(String[] args) {
		// the S3 server's threads would keep the JVM alive after a failure
		int status = 1;
		try {
			new OrphansRemoveBenchmark().run();
			status = 0;
		}
		catch (Exception ex) {
			ex.printStackTrace();
		}
		System.exit(status);
	}

	private void run() throws Exception {
		if (!Files.isRegularFile(this.jar)) {
			throw new IllegalStateException("No " + this.jar.toAbsolutePath() + ": package sample-app first");
		}
		IndexedS3Server indexed = null;
		TestS3 s3;
		if (System.getProperty("bench.s3", "indexed").equals("s3proxy")) {
			s3 = S3ProxyServer.start();
		}
		else {
			indexed = new IndexedS3Server();
			s3 = TestS3.at(indexed.endpoint(), "benchmark", "benchmark");
			if (!Boolean.getBoolean("bench.put-by-request")) {
				this.direct = indexed;
			}
		}
		System.out.println("S3 server: " + ((indexed != null) ? "IndexedS3Server" : "S3Proxy") + " at " + s3.endpoint()
				+ ", " + this.latencyMs + " ms added per request by LatencyProxy");
		try (HikariDataSource admin = pool("postgres");
				LatencyProxy proxy = new LatencyProxy(s3.endpoint(), Duration.ofMillis(this.latencyMs))) {
			JdbcTemplate server = new JdbcTemplate(admin);
			System.out.println("PostgreSQL: " + server.queryForObject("SELECT version()", String.class));
			System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
					+ System.getProperty("java.version") + ", load average " + loadAverage());
			try {
				prepareDatabase(server);
				populate(s3);
				migrateOurSchema();
				Map<String, List<String>> figures = new LinkedHashMap<>();
				for (int round = 1; round <= this.rounds; round++) {
					List<String> order = new ArrayList<>(this.sides);
					if (round % 2 == 0) {
						java.util.Collections.reverse(order);
					}
					System.out.printf(Locale.ROOT, "%nRound %d (%s), load average %s%n", round,
							String.join(" then ", order), loadAverage());
					for (String side : order) {
						String line = side(side, s3, proxy.endpoint());
						figures.computeIfAbsent(side, (key) -> new ArrayList<>()).add(line);
						restoreOrphans(s3);
					}
				}
				moreRounds(s3, proxy.endpoint(), figures);
				System.out.println("\nAll rounds:");
				figures
					.forEach((side, lines) -> lines.forEach((line) -> System.out.println("  " + side + ": " + line)));
			}
			finally {
				server.execute("DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)");
				System.out.println("Dropped " + this.database + "; load average at the end " + loadAverage());
			}
		}
	}

	// With bench.control=FILE, after the rounds: each line "SIDE,SIDE..." written to FILE
	// is
	// one more round on the same bucket (so that a new build of ours can be measured
	// without
	// populating again); "end" ends.
	private void moreRounds(TestS3 s3, URI endpoint, Map<String, List<String>> figures) throws Exception {
		String control = System.getProperty("bench.control");
		if (control == null) {
			return;
		}
		Path file = Path.of(control);
		System.out.println("Waiting for rounds in " + file + " (\"end\" ends)");
		while (true) {
			if (!Files.isRegularFile(file)) {
				Thread.sleep(2000);
				continue;
			}
			String request = Files.readString(file).trim();
			Files.delete(file);
			if (request.equals("end")) {
				return;
			}
			System.out.printf(Locale.ROOT, "%nExtra round (%s), load average %s%n", request, loadAverage());
			for (String side : request.split(",")) {
				try {
					String line = side(side.trim(), s3, endpoint);
					figures.computeIfAbsent(side.trim(), (key) -> new ArrayList<>()).add(line);
				}
				catch (RuntimeException ex) {
					System.out.println("  " + side + " failed: " + ex.getMessage());
				}
				restoreOrphans(s3);
			}
			System.out.println("Waiting for rounds in " + file);
		}
	}

	// Mastodon 4.7's schema; one media_attachments row per pair of objects (original and
	// small), except the share of ids whose row is gone, whose two objects are orphans.
	private void prepareDatabase(JdbcTemplate server) throws Exception {
		long start = System.nanoTime();
		server.execute("DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)");
		server.execute("CREATE DATABASE " + this.database);
		String schema = MastodonDatabase.realSchemaDump()
			.map(StatusesRemoveBenchmark::realSchema)
			.orElseThrow(() -> new IllegalStateException(
					"Mastodon's schema dump (shared/mastodon/schema.sql) is " + "not beside the checkout"));
		try (HikariDataSource db = pool(this.database);
				Connection connection = db.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(schema);
			statement.execute("INSERT INTO schema_migrations (version) VALUES ('" + MASTODON_SCHEMA_VERSION + "')");
			statement.execute("INSERT INTO accounts (id, username, domain, created_at, updated_at) "
					+ "VALUES (1, 'alice', NULL, now(), now())");
			statement.execute("""
					INSERT INTO media_attachments (id, account_id, type, file_file_name, file_content_type,
					    file_file_size, file_updated_at, file_storage_schema_version, created_at, updated_at)
					SELECT %d + g * 1000, 1, 0, md5(g::text) || '.png', 'image/png', 8, now(), 1, now(), now()
					FROM generate_series(0, %d) AS g
					WHERE NOT (%s)""".formatted(FIRST_ID, this.objects / 2 - 1, orphanSql("g")));
			statement.execute("VACUUM ANALYZE media_attachments");
		}
		try (HikariDataSource db = pool(this.database)) {
			Long rows = new JdbcTemplate(db).queryForObject("SELECT count(*) FROM media_attachments", Long.class);
			System.out.printf(Locale.ROOT,
					"Database %s: %d media_attachments rows (%d%% of the %d ids gone) in %.0f s%n", this.database, rows,
					this.orphanPercent, this.objects / 2, (System.nanoTime() - start) / 1e9);
		}
	}

	// a spread-out, deterministic choice of the ids whose row is gone
	private String orphanSql(String g) {
		return "((" + g + "::bigint * 7919) % 100) < " + this.orphanPercent;
	}

	private boolean orphan(long g) {
		return ((g * 7919) % 100) < this.orphanPercent;
	}

	static String key(long g, String style) {
		long id = FIRST_ID + g * 1000;
		return "media_attachments/files/" + IdPartition.of(id) + "/" + style + "/" + md5(Long.toString(g)) + ".png";
	}

	private void populate(TestS3 s3) throws Exception {
		long start = System.nanoTime();
		S3Client client = s3.client();
		client.createBucket((request) -> request.bucket(BUCKET));
		MessageDigest kept = MessageDigest.getInstance("MD5");
		List<String> keptKeys = new ArrayList<>();
		List<String> all = new ArrayList<>(this.objects);
		for (long g = 0; g < this.objects / 2; g++) {
			for (String style : List.of("original", "small")) {
				String key = key(g, style);
				all.add(key);
				if (orphan(g)) {
					this.orphans.add(key);
				}
				else {
					keptKeys.add(key);
				}
			}
		}
		keptKeys.sort(null);
		keptKeys.forEach((key) -> kept.update((key + "\n").getBytes(StandardCharsets.UTF_8)));
		this.keptDigest = HexFormat.of().formatHex(kept.digest());
		this.keptCount = keptKeys.size();
		put(client, all);
		System.out.printf(Locale.ROOT, "Bucket %s: %d objects (%d orphans) %s in %.0f s%n", BUCKET, all.size(),
				this.orphans.size(), (this.direct != null) ? "stored in the server's index" : "put",
				(System.nanoTime() - start) / 1e9);
		check(s3, "after populating", all.size());
	}

	private void put(S3Client client, List<String> keys) throws Exception {
		if (this.direct != null) {
			keys.forEach((key) -> this.direct.store(BUCKET, key, 8));
			return;
		}
		byte[] body = "8 bytes.".getBytes(StandardCharsets.US_ASCII);
		ExecutorService pool = Executors.newFixedThreadPool(this.uploadThreads);
		try {
			int slice = Math.max(1, keys.size() / (this.uploadThreads * 4));
			List<Future<?>> puts = new ArrayList<>();
			for (int from = 0; from < keys.size(); from += slice) {
				List<String> part = keys.subList(from, Math.min(keys.size(), from + slice));
				puts.add(pool.submit(() -> part.forEach((key) -> client
					.putObject((request) -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(body)))));
			}
			for (Future<?> put : puts) {
				put.get();
			}
		}
		finally {
			pool.shutdown();
		}
	}

	private void restoreOrphans(TestS3 s3) throws Exception {
		long start = System.nanoTime();
		put(s3.client(), this.orphans);
		System.out.printf(Locale.ROOT, "  (orphans put back in %.0f s)%n", (System.nanoTime() - start) / 1e9);
	}

	// Lists the whole bucket (directly, not through the proxy); returns a verdict line.
	private String check(TestS3 s3, String when, long expected) throws Exception {
		MessageDigest digest = MessageDigest.getInstance("MD5");
		long count = 0;
		String after = null;
		while (true) {
			String startAfter = after;
			ListObjectsV2Response page = s3.client()
				.listObjectsV2((request) -> request.bucket(BUCKET).startAfter(startAfter).maxKeys(1000));
			if (page.contents().isEmpty()) {
				break;
			}
			for (S3Object object : page.contents()) {
				digest.update((object.key() + "\n").getBytes(StandardCharsets.UTF_8));
				count++;
			}
			after = page.contents().get(page.contents().size() - 1).key();
		}
		if (count != expected) {
			throw new IllegalStateException(when + ": " + count + " objects in the bucket, expected " + expected);
		}
		String verdict = count + " objects, keys md5 " + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
		System.out.println("  bucket " + when + ": " + verdict);
		return verdict;
	}

	private String side(String side, TestS3 s3, URI endpoint) throws Exception {
		String figures;
		if (side.equals("tootctl")) {
			figures = measure(side,
					List.of("-cp", System.getProperty("java.class.path"), TootctlOrphans.class.getName(),
							endpoint.toString(), BUCKET, "benchmark", "benchmark", jdbcUrl(), this.user),
					Map.of())
				.describe(this.objects);
		}
		else if (side.startsWith("ours-")) {
			int partitions = Integer.parseInt(side.substring("ours-".length()));
			Map<String, String> environment = ourEnvironment(endpoint);
			if (partitions + 2 > DEFAULT_POOL) {
				// each partition running holds a connection, plus the run lock's and the
				// watcher's: the operator enlarges the pool, as our program says when it
				// refuses to start
				environment.put(POOL_SIZE, Integer.toString(partitions + 4));
			}
			figures = measure(side, ourCommand(partitions, "media", "remove-orphans"), environment)
				.describe(this.objects);
		}
		else if (side.startsWith("workers-")) {
			figures = workersSide(side, endpoint);
		}
		else {
			throw new IllegalArgumentException(
					"Unknown side " + side + ": tootctl, ours-N, workers-N or workers-N-amqp (N partitions)");
		}
		String verdict = check(s3, "after " + side, this.keptCount);
		String line = String.format(Locale.ROOT, "%s; left: %s (expected md5 %s)", figures, verdict,
				this.keptDigest.substring(0, 12));
		System.out.println("  " + side + ": " + line);
		return line;
	}

	// workers-N (the PostgreSQL channel) or workers-N-amqp (RabbitMQ): ours as a manager
	// cutting the level into N partitions, run by WORKERS worker processes started
	// before it, each running N / WORKERS partitions at once, so that N run at once as
	// with ours-N. The manager's wall time is measured; the workers' peak RSS and CPU
	// time once they are stopped.
	private String workersSide(String side, URI endpoint) throws Exception {
		String spec = side.substring("workers-".length());
		boolean amqp = spec.endsWith("-amqp");
		String transport = amqp ? "amqp" : "jdbc";
		int gridSize = Integer.parseInt(amqp ? spec.substring(0, spec.length() - "-amqp".length()) : spec);
		int concurrency = (gridSize + WORKERS - 1) / WORKERS;
		Map<String, String> partitioning = new LinkedHashMap<>();
		partitioning.put("MASTODON_MAINTENANCE_PARTITIONING_TRANSPORT", transport);
		partitioning.put("MASTODON_MAINTENANCE_PARTITIONING_QUEUE", QUEUE);
		partitioning.put("MASTODON_MAINTENANCE_PARTITIONING_AMQPURL", this.amqpUrl);
		if (this.pollInterval != null) {
			partitioning.put("MASTODON_MAINTENANCE_PARTITIONING_POLLINTERVAL", this.pollInterval);
		}
		Map<String, String> workerEnvironment = ourEnvironment(endpoint);
		workerEnvironment.putAll(partitioning);
		workerEnvironment.put("MASTODON_MAINTENANCE_PARTITIONING_CONCURRENCY", Integer.toString(concurrency));
		if (concurrency * 3 > DEFAULT_POOL) {
			// each partition in hand holds its chunk's connection and its claim's, and
			// taking a request from the PostgreSQL channel one more for a moment
			// (docs/scaling.md)
			workerEnvironment.put(POOL_SIZE, Integer.toString(concurrency * 3 + 2));
		}
		Map<String, String> managerEnvironment = ourEnvironment(endpoint);
		managerEnvironment.putAll(partitioning);
		managerEnvironment.put("MASTODON_MAINTENANCE_PARTITIONING_MODE", "manager");
		// the manager is given ours-N's options: its --partitions is not used, and its
		// default pool is enough
		Path logs = Files.createTempDirectory("bench13-" + side + "-");
		try (OurWorkers workers = OurWorkers.start(WORKERS, timed(ourCommand(1, "worker")), workerEnvironment, logs)) {
			System.out.printf(Locale.ROOT, "  %s: %d workers taking partitions over %s, %d at once each (logs in %s)%n",
					side, WORKERS, transport, concurrency, logs);
			Measure manager = measure(side, ourCommand(gridSize, "media", "remove-orphans"), managerEnvironment);
			StringBuilder figures = new StringBuilder("manager " + manager.describe(this.objects));
			double cpu = manager.cpu();
			for (OurWorkers.Figures worker : workers.stop()) {
				figures.append(String.format(Locale.ROOT, "; %s: %d partitions, peak RSS %d MB, CPU %.1f s",
						worker.name(), worker.partitions(), worker.measure().rssKb() / 1024, worker.measure().cpu()));
				cpu += worker.measure().cpu();
			}
			return figures.append(String.format(Locale.ROOT, "; CPU of all %d processes %.1f s", WORKERS + 1, cpu))
				.toString();
		}
		finally {
			if (amqp) {
				deleteQueue();
			}
		}
	}

	// The queue outlives the workers (durable); the PostgreSQL channel's table goes with
	// the database.
	private void deleteQueue() throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(this.amqpUrl);
		try (com.rabbitmq.client.Connection connection = factory.newConnection();
				Channel channel = connection.createChannel()) {
			channel.queueDelete(QUEUE);
		}
	}

	// ours with N partitions (none for N = 1): java -jar sample-app.jar ARGUMENTS...
	private List<String> ourCommand(int partitions, String... arguments) {
		List<String> command = new ArrayList<>(List.of("-jar", this.jar.toString()));
		if (!System.getProperty("bench.s3", "indexed").equals("indexed")) {
			// S3Proxy stamps objects with the time they were put: ours' age guard would
			// keep them
			command.add(0, "-Dmastodon.maintenance.levels.media-remove-orphans.min-age=0s");
		}
		command.addAll(List.of(arguments));
		if (partitions > 1) {
			command.addAll(List.of(this.partitionOptions.replace("%d", Integer.toString(partitions)).split(" ")));
		}
		return command;
	}

	// Mastodon's variables, as an operator's ours reads them
	private Map<String, String> ourEnvironment(URI endpoint) {
		Map<String, String> environment = new LinkedHashMap<>(
				Map.of("DB_HOST", this.host, "DB_PORT", Integer.toString(this.port), "DB_NAME", this.database,
						"DB_USER", this.user, "DB_PASS", "", "S3_ENABLED", "true", "S3_BUCKET", BUCKET, "S3_ENDPOINT",
						endpoint.toString(), "AWS_ACCESS_KEY_ID", "benchmark", "AWS_SECRET_ACCESS_KEY", "benchmark"));
		environment.put("S3_REGION", "us-east-1");
		return environment;
	}

	// Runs a JVM under GNU time and prints what it printed (but the per-object lines).
	private Measure measure(String side, List<String> javaArguments, Map<String, String> environment) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(timed(javaArguments)).redirectErrorStream(true);
		builder.environment().putAll(environment);
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
		output.stream()
			.filter((line) -> !line.contains("Unrecognized file found") && !line.contains("Found and removed orphan"))
			.limit(60)
			.forEach((line) -> System.out.println("  " + side + "| " + line));
		if (exit != 0 || measured == null) {
			throw new IllegalStateException(side + " failed with exit code " + exit);
		}
		return Measure.parse(measured);
	}

	// a JVM under GNU time, which prints MEASURE and its figures as it exits
	private static List<String> timed(List<String> javaArguments) {
		List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", MEASURE + "%e %M %U %S",
				Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(javaArguments);
		return command;
	}

	private String jdbcUrl() {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.database;
	}

	// Our schema and job repository, migrated once before the rounds, as on an instance
	// where the program ran before.
	private void migrateOurSchema() throws Exception {
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", this.jar.toString(), "executions")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		builder.environment()
			.putAll(Map.of("DB_HOST", this.host, "DB_PORT", Integer.toString(this.port), "DB_NAME", this.database,
					"DB_USER", this.user, "DB_PASS", ""));
		if (builder.start().waitFor() != 0) {
			throw new IllegalStateException("Our program could not migrate its schema in " + this.database);
		}
	}

	private HikariDataSource pool(String name) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl("jdbc:postgresql://" + this.host + ":" + this.port + "/" + name);
		pool.setUsername(this.user);
		pool.setMaximumPoolSize(2);
		return pool;
	}

	/**
	 * What GNU time says of one process ({@code %e %M %U %S}).
	 *
	 * @param seconds its wall time
	 * @param rssKb its peak RSS, in KB
	 * @param cpu its CPU time, user and system, in seconds
	 */
	record Measure(double seconds, long rssKb, double cpu) {

		static Measure parse(String figures) {
			String[] values = figures.trim().split(" ");
			return new Measure(Double.parseDouble(values[0]), Long.parseLong(values[1]),
					Double.parseDouble(values[2]) + Double.parseDouble(values[3]));
		}

		String describe(long objects) {
			return String.format(Locale.ROOT, "%.1f s, %.0f objects/s, peak RSS %d MB, CPU %.1f s", this.seconds,
					objects / this.seconds, this.rssKb / 1024, this.cpu);
		}

	}

	static String md5(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (java.io.IOException ex) {
			return "unknown";
		}
	}

}
