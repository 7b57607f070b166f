package dev.mastodonmaintenance.batch.faults;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import ch.qos.logback.classic.Logger;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.faults.KillPoint.Action;
import dev.mastodonmaintenance.batch.faults.KillPoint.Trigger;
import dev.mastodonmaintenance.batch.schema.MaintenanceSchema;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.schema.MastodonRelease;
import dev.mastodonmaintenance.storage.S3Settings;
import dev.mastodonmaintenance.storage.S3Storage;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.RestartablePostgres;
import dev.mastodonmaintenance.testing.TestRedis;
import dev.mastodonmaintenance.testing.TestS3;
import io.lettuce.core.RedisClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix (issue 10): one fixed Mastodon instance with work in every level, run
 * once without interruption, then once per interruption point, each time from a copy of
 * the same database, bucket and Redis keys. At each point the job's JVM is killed
 * ({@code Runtime.halt} inside it, or SIGKILL from here at a point it signals), or
 * PostgreSQL itself is shut down immediately and started again; then the run is recovered
 * and restarted until it completes. Every end state must equal the uninterrupted run's:
 * Mastodon's rows (id and md5 of each whole row, per table), the stored objects, the
 * Redis keys and the manifest's removed set.
 * <p>
 * Runs on an embedded PostgreSQL of its own (so that it may restart it), with the real
 * Mastodon schema when it is beside the checkout and the project's fixture otherwise,
 * S3Mock and the embedded Redis. The scenario databases freeze PostgreSQL's {@code now()}
 * at the run's launch instant (a function of their own ahead of {@code pg_catalog} in the
 * search path), so that rows the job stamps with the clock ({@code updated_at} of touched
 * accounts, cleared cards and media) compare byte for byte.
 */
class FaultMatrixIT {

	static {
		// the matrix's own lines go to the console; the servers' and clients' chatter
		// does not
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		// zonky reports that it found no server to stop after each immediate shutdown
		((Logger) LoggerFactory.getLogger(EmbeddedPostgres.class)).setLevel(ch.qos.logback.classic.Level.OFF);
	}

	private static final String REDIS = TestRedis.url(9);

	private static final String CONTEXT_UPDATE = "UPDATE mastodon_maintenance.BATCH_STEP_EXECUTION_CONTEXT";

	private static final String ROWS_RECORDED = "INSERT INTO mastodon_maintenance.deletion_manifest (job_instance_id, "
			+ "job_execution_id, step_name, subject_kind, subject, row_ids";

	/**
	 * The points, over all six steps: 25 kills, then 5 PostgreSQL restarts; then 6 kills
	 * and 1 restart of PostgreSQL in partitioned runs.
	 */
	static final List<KillPoint> POINTS = List.of(
			KillPoint.afterSql("cache-clear: keys unlinked, checkpoint not committed", Level.CACHE_CLEAR,
					CONTEXT_UPDATE, 2, Action.HALT),
			KillPoint.afterSql("cache-clear: fourth chunk not committed", Level.CACHE_CLEAR, CONTEXT_UPDATE, 4,
					Action.KILL),
			KillPoint.afterSql("preview-cards-remove: images cleared, chunk not committed", Level.PREVIEW_CARDS_REMOVE,
					"UPDATE preview_cards AS card", 2, Action.HALT),
			KillPoint.storage("preview-cards-remove: chunk committed, its objects not deleted",
					Level.PREVIEW_CARDS_REMOVE, Trigger.BEFORE_DELETE, 1, Action.KILL),
			KillPoint.storage("preview-cards-remove: inside a DeleteObjects batch", Level.PREVIEW_CARDS_REMOVE,
					Trigger.AFTER_DELETE_OBJECTS, 1, Action.HALT),
			KillPoint.storage("preview-cards-remove: objects deleted, manifest not settled", Level.PREVIEW_CARDS_REMOVE,
					Trigger.AFTER_DELETE, 2, Action.HALT),
			KillPoint.afterSql("media-remove: files cleared, chunk not committed", Level.MEDIA_REMOVE,
					"UPDATE media_attachments AS media", 2, Action.KILL),
			KillPoint.storage("media-remove: chunk committed, its objects not deleted", Level.MEDIA_REMOVE,
					Trigger.BEFORE_DELETE, 2, Action.HALT),
			KillPoint.storage("media-remove: inside a DeleteObjects batch", Level.MEDIA_REMOVE,
					Trigger.BEFORE_DELETE_OBJECTS, 2, Action.HALT),
			KillPoint.storage("media-remove: objects deleted, manifest not settled", Level.MEDIA_REMOVE,
					Trigger.AFTER_DELETE, 1, Action.KILL),
			KillPoint.storage("media-remove-orphans: page committed, its orphans not deleted",
					Level.MEDIA_REMOVE_ORPHANS, Trigger.BEFORE_DELETE, 1, Action.HALT),
			KillPoint.storage("media-remove-orphans: a page's orphans removed, the next page's not",
					Level.MEDIA_REMOVE_ORPHANS, Trigger.BEFORE_DELETE, 2, Action.KILL),
			KillPoint.storage("media-remove-orphans: inside the orphans' DeleteObjects batch",
					Level.MEDIA_REMOVE_ORPHANS, Trigger.AFTER_DELETE_OBJECTS, 1, Action.KILL),
			KillPoint.storage("media-remove-orphans: orphans removed, the chunk that settles them not committed",
					Level.MEDIA_REMOVE_ORPHANS, Trigger.AFTER_DELETE, 1, Action.HALT),
			KillPoint.afterSql("accounts-cull: gone account deleted, chunk not committed", Level.ACCOUNTS_CULL,
					"DELETE FROM accounts a WHERE a.id = ?", 2, Action.HALT),
			KillPoint.afterSql("accounts-cull: answering accounts touched, chunk not committed", Level.ACCOUNTS_CULL,
					"UPDATE accounts SET updated_at", 1, Action.KILL),
			KillPoint.storage("accounts-cull: accounts deleted, their files not", Level.ACCOUNTS_CULL,
					Trigger.BEFORE_DELETE, 1, Action.HALT),
			KillPoint.storage("accounts-cull: inside a DeleteObjects batch", Level.ACCOUNTS_CULL,
					Trigger.AFTER_DELETE_OBJECTS, 2, Action.HALT),
			KillPoint.afterSql("statuses-remove statuses: a window recorded, not committed", Level.STATUSES_REMOVE,
					ROWS_RECORDED, 3, Action.HALT),
			KillPoint.afterSql("statuses-remove statuses: windows committed, checkpoint not", Level.STATUSES_REMOVE,
					CONTEXT_UPDATE, 2, Action.KILL),
			KillPoint.afterSql("statuses-remove statuses: one window committed, the other in flight",
					Level.STATUSES_REMOVE, ROWS_RECORDED, 6, Action.KILL),
			KillPoint.afterSql("statuses-remove media: a window's rows deleted, not committed", Level.STATUSES_REMOVE,
					"DELETE FROM media_attachments m", 2, Action.HALT),
			KillPoint.storage("statuses-remove media: a window committed, its files not deleted", Level.STATUSES_REMOVE,
					Trigger.BEFORE_DELETE, 1, Action.KILL),
			KillPoint.afterSql("statuses-remove conversations: deleted, chunk not committed", Level.STATUSES_REMOVE,
					"DELETE FROM conversations c", 2, Action.HALT),
			KillPoint.afterSql("statuses-remove conversations: a later chunk", Level.STATUSES_REMOVE,
					"DELETE FROM conversations c", 4, Action.KILL),
			KillPoint.afterSql("PostgreSQL restarted: preview-cards-remove inside a chunk", Level.PREVIEW_CARDS_REMOVE,
					"UPDATE preview_cards AS card", 3, Action.RESTART_POSTGRES),
			KillPoint.storage("PostgreSQL restarted: media-remove while objects are deleted", Level.MEDIA_REMOVE,
					Trigger.BEFORE_DELETE, 1, Action.RESTART_POSTGRES),
			KillPoint.afterSql("PostgreSQL restarted: accounts-cull deleting an account", Level.ACCOUNTS_CULL,
					"DELETE FROM accounts a WHERE a.id = ?", 1, Action.RESTART_POSTGRES),
			KillPoint.afterSql("PostgreSQL restarted: statuses-remove inside a window", Level.STATUSES_REMOVE,
					ROWS_RECORDED, 2, Action.RESTART_POSTGRES),
			KillPoint.afterSql("PostgreSQL restarted: statuses-remove conversations", Level.STATUSES_REMOVE,
					"DELETE FROM conversations c", 1, Action.RESTART_POSTGRES),
			// the same in runs whose levels are cut in partitions, two running at once:
			// the restart re-runs the partitions that did not complete
			KillPoint
				.afterSql("preview-cards-remove: images cleared, chunk not committed", Level.PREVIEW_CARDS_REMOVE,
						"UPDATE preview_cards AS card", 3, Action.HALT)
				.inPartitionedRun(),
			KillPoint
				.storage("media-remove: chunk committed, its objects not deleted", Level.MEDIA_REMOVE,
						Trigger.BEFORE_DELETE, 2, Action.KILL)
				.inPartitionedRun(),
			KillPoint
				.storage("media-remove-orphans: a page's orphans removed, the next page's not",
						Level.MEDIA_REMOVE_ORPHANS, Trigger.BEFORE_DELETE, 2, Action.HALT)
				.inPartitionedRun(),
			KillPoint
				.afterSql("accounts-cull: gone account deleted, chunk not committed", Level.ACCOUNTS_CULL,
						"DELETE FROM accounts a WHERE a.id = ?", 2, Action.KILL)
				.inPartitionedRun(),
			KillPoint
				.afterSql("statuses-remove statuses: a window recorded, not committed", Level.STATUSES_REMOVE,
						ROWS_RECORDED, 3, Action.HALT)
				.inPartitionedRun(),
			KillPoint
				.afterSql("statuses-remove conversations: after the partitions", Level.STATUSES_REMOVE,
						"DELETE FROM conversations c", 2, Action.KILL)
				.inPartitionedRun(),
			KillPoint
				.afterSql("PostgreSQL restarted: media-remove inside a partition's chunk", Level.MEDIA_REMOVE,
						"UPDATE media_attachments AS media", 2, Action.RESTART_POSTGRES)
				.inPartitionedRun());

	@TempDir
	Path temp;

	@Test
	void everyInterruptedRunEndsAsTheUninterruptedRun() throws Exception {
		HttpServer remote = remoteServer();
		RedisClient redisClient = RedisClient.create(REDIS);
		try (RestartablePostgres postgres = RestartablePostgres.create();
				StatefulRedisConnection<String, String> redisConnection = redisClient.connect();
				Matrix matrix = new Matrix(postgres, redisConnection.sync(),
						"http://127.0.0.1:" + remote.getAddress().getPort(), this.temp)) {
			long seeded = System.nanoTime();
			Scenario reference = matrix.run("reference", null);
			progress("uninterrupted reference", String.join(" > ", reference.path()), seeded);
			assertThat(reference.restarts()).as("the uninterrupted run completes at once").isZero();
			matrix.assertWorkInEveryLevel(reference);
			assertThat(reference.state().removedTwice()).isEmpty();

			List<String> failures = new ArrayList<>();
			int identical = 0;
			int lost = 0;
			int twice = 0;
			for (KillPoint point : POINTS) {
				long started = System.nanoTime();
				try {
					Scenario scenario = matrix.run(point.name(), point);
					List<String> differences = new ArrayList<>(scenario.state().differencesFrom(reference.state()));
					lost += scenario.state().lostObjects(reference.state()).size();
					twice += scenario.state().removedTwice().size();
					scenario.state().removedTwice().forEach((line) -> differences.add("removed twice: " + line));
					long partitions = scenario.commits()
						.keySet()
						.stream()
						.filter((stepName) -> stepName.startsWith(point.step().partitionStepName() + ":"))
						.count();
					if (point.partitioned() && partitions < 2) {
						differences
							.add(point.step().stepName() + " ran in " + partitions + " partition(s), not 2 or more");
					}
					if (differences.isEmpty()) {
						identical++;
					}
					else {
						failures.add(point.name() + ": " + String.join("; ", differences));
					}
					progress(point.name(), String.join(" > ", scenario.path())
							+ (differences.isEmpty() ? ", identical" : ", DIFFERENT"), started);
				}
				catch (Exception | AssertionError ex) {
					failures.add(point.name() + ": " + ex);
					progress(point.name(), "FAILED: " + ex.getMessage(), started);
				}
			}
			System.out.println("fault matrix: " + POINTS.size() + " interruptions, " + identical
					+ " identical end states, " + lost + " objects lost, " + twice + " deleted twice");
			assertThat(failures).as("interruptions whose end state differs from the uninterrupted run's").isEmpty();
		}
		finally {
			redisClient.shutdown();
			remote.stop(0);
		}
	}

	private static void progress(String scenario, String outcome, long started) {
		String line = String.format("fault matrix: %-75s %s (%.1f s)%n", scenario, outcome,
				(System.nanoTime() - started) / 1e9);
		System.out.print(line);
	}

	/**
	 * The cull's remote server: accounts named gone… are gone (410), the others answer.
	 */
	private static HttpServer remoteServer() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/users/", (exchange) -> {
			String name = exchange.getRequestURI().getPath().substring("/users/".length());
			exchange.sendResponseHeaders(name.startsWith("gone") ? 410 : 200, -1);
			exchange.close();
		});
		server.setExecutor(Executors.newFixedThreadPool(2));
		server.start();
		return server;
	}

	/**
	 * What one scenario ended with.
	 *
	 * @param state the end state
	 * @param restarts how many restarts it took to complete
	 * @param path the statuses the run went through
	 * @param commits the chunks each step committed, over all its executions
	 */
	record Scenario(EndState state, int restarts, List<String> path, Map<String, Integer> commits) {
	}

	/**
	 * The instance, seeded once, and the means to run a scenario on a fresh copy of it.
	 */
	private static final class Matrix implements AutoCloseable {

		private final RestartablePostgres postgres;

		private final RedisCommands<String, String> redis;

		private final Path temp;

		private final Path hooks;

		private final MatrixInstance instance;

		private final Instant runAt;

		private int scenarios;

		// S3Mock stores one object at a time slowly, several at once sooner
		private final ExecutorService uploads = Executors.newFixedThreadPool(6);

		Matrix(RestartablePostgres postgres, RedisCommands<String, String> redis, String remoteOrigin, Path temp)
				throws IOException {
			this.postgres = postgres;
			this.redis = redis;
			this.temp = temp;
			// the instance's rows are dated from now; the run is launched later, so that
			// every stored object,
			// written as each scenario starts, is older than the orphans' minimum age (1
			// hour) at launch
			this.runAt = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
			admin("CREATE DATABASE matrix_seed");
			try (HikariDataSource seed = pool("matrix_seed", 2)) {
				execute(seed, mastodonSchema());
				new MaintenanceSchema(seed, MaintenanceSchema.DEFAULT_NAME).migrate();
				execute(seed, "CREATE SCHEMA matrix_clock; CREATE FUNCTION matrix_clock.now() RETURNS timestamptz "
						+ "LANGUAGE sql STABLE AS $$ SELECT '" + this.runAt + "'::timestamptz $$");
				this.instance = MatrixInstance.seed(seed, remoteOrigin);
			}
			this.hooks = temp.resolve("child-hooks");
			Path interceptors = this.hooks.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
			Files.createDirectories(interceptors.getParent());
			Files.writeString(interceptors, MatrixRun.DeleteObjectsHook.class.getName() + "\n");
		}

		private static String mastodonSchema() {
			Optional<Path> dump = MastodonDatabase.realSchemaDump();
			if (dump.isEmpty() && "true".equals(System.getenv("CI"))) {
				throw new AssertionError("CI must run the fault matrix on the real Mastodon schema, but "
						+ "shared/mastodon/schema.sql was not found beside the checkout");
			}
			// the dump holds no data: a fresh install of 4.7 records its schema.rb
			// version, which the job checks
			return dump
				.map((path) -> MastodonDatabase.realSchemaSql(path)
						+ "\nINSERT INTO schema_migrations (version) VALUES ('" + MastodonRelease.V4_7.latestVersion()
						+ "');\n")
				.orElseGet(MastodonDatabase::fixtureSql);
		}

		Scenario run(String name, KillPoint point) throws Exception {
			int number = ++this.scenarios;
			String database = "matrix_" + number;
			admin("CREATE DATABASE " + database + " TEMPLATE matrix_seed",
					"ALTER DATABASE " + database + " SET search_path = matrix_clock, pg_catalog, public");
			TestS3 s3 = TestS3.get();
			String bucket = s3.createBucket(FaultMatrixIT.class);
			List<Future<?>> puts = new ArrayList<>();
			this.instance.objects()
				.forEach((key, size) -> puts.add(this.uploads.submit(() -> s3.put(bucket, key, new byte[size]))));
			for (Future<?> put : puts) {
				put.get();
			}
			this.redis.flushdb();
			this.instance.redis().forEach(this.redis::set);
			S3Settings settings = s3Settings(bucket);

			List<String> path = new ArrayList<>();
			path.add(runChild(number, name, database, settings, point));
			int restarts = 0;
			try (HikariDataSource pool = pool(database, 10); S3Storage storage = new S3Storage(settings)) {
				JobHarness harness = JobHarness
					.on(new MastodonResources(pool, storage, REDIS, FaultMatrix.ALLOWED_PRIVATE));
				JdbcTemplate jdbc = new JdbcTemplate(pool);
				Long id = jdbc.queryForObject(
						"SELECT max(job_execution_id) FROM mastodon_maintenance.batch_job_execution", Long.class);
				JobExecution execution = harness.repository().getJobExecution(id);
				while (execution.getStatus() != BatchStatus.COMPLETED) {
					path.add(execution.getStatus().name());
					assertThat(restarts).as(name + ": restarts, after " + path).isLessThan(4);
					switch (execution.getStatus()) {
						case STARTING, STARTED, STOPPING -> execution = harness.operator().recover(execution);
						case FAILED, STOPPED -> {
							execution = harness.restart(execution);
							restarts++;
						}
						default -> throw new AssertionError(name + ": the interrupted run ended "
								+ execution.getStatus() + ", which can be neither recovered nor restarted");
					}
				}
				path.add("COMPLETED");
				EndState state = EndState.of(jdbc, bucket, this.redis);
				Map<String, Integer> commits = new TreeMap<>();
				jdbc.query(
						"SELECT step_name, sum(commit_count) FROM mastodon_maintenance.batch_step_execution GROUP BY 1",
						(row) -> {
							commits.put(row.getString(1), row.getInt(2));
						});
				if (point != null) {
					admin("DROP DATABASE " + database + " WITH (FORCE)");
				}
				return new Scenario(state, restarts, path, commits);
			}
		}

		private S3Settings s3Settings(String bucket) {
			S3Settings test = TestS3.get().settings(bucket, "");
			return FaultMatrix.s3Settings(test.endpoint().toString(), bucket, test.accessKeyId(),
					test.secretAccessKey());
		}

		/**
		 * Runs the job in a child JVM until it ends or is interrupted at the point; says
		 * what happened.
		 */
		private String runChild(int number, String name, String database, S3Settings settings, KillPoint point)
				throws Exception {
			Path log = this.temp.resolve("child-" + number + ".log");
			Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp",
					this.hooks + File.pathSeparator + System.getProperty("java.class.path"), MatrixRun.class.getName(),
					this.postgres.url(database), settings.endpoint().toString(), settings.bucket(), REDIS,
					this.runAt.toString(), (point != null) ? point.encode() : "none", settings.accessKeyId(),
					settings.secretAccessKey())
				.redirectErrorStream(true)
				.start();
			// a child that neither ends nor reaches its point is stopped, and the
			// scenario fails below
			CompletableFuture.delayedExecutor(180, TimeUnit.SECONDS).execute(() -> child.toHandle().destroyForcibly());
			String ended = null;
			boolean reached = false;
			try (BufferedReader output = new BufferedReader(
					new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
					PrintWriter logWriter = new PrintWriter(Files.newBufferedWriter(log));
					OutputStream input = child.getOutputStream()) {
				for (String line = output.readLine(); line != null; line = output.readLine()) {
					logWriter.println(line);
					if (line.startsWith(MatrixRun.POINT)) {
						reached = true;
						if (point.action() == Action.KILL) {
							kill9(child);
						}
						else if (point.action() == Action.RESTART_POSTGRES) {
							this.postgres.crash();
							this.postgres.start();
							input.write('\n');
							input.flush();
						}
					}
					else if (line.startsWith(MatrixRun.END)) {
						ended = line.substring(MatrixRun.END.length());
					}
				}
			}
			if (!child.waitFor(120, TimeUnit.SECONDS)) {
				child.destroyForcibly();
				throw new AssertionError(name + ": the child JVM did not end; see " + log);
			}
			if (point == null || !reached) {
				if (ended == null) {
					throw new AssertionError(
							name + ": the child JVM exited with " + child.exitValue() + "; see " + log);
				}
				if (point != null) {
					throw new AssertionError(
							name + ": the run never reached its point (it ended " + ended + "); see " + log);
				}
				return "ran";
			}
			return switch (point.action()) {
				case HALT -> "halted";
				case KILL -> "kill -9";
				case RESTART_POSTGRES -> {
					if (ended == null) {
						throw new AssertionError(name + ": the run did not end after PostgreSQL restarted (exit "
								+ child.exitValue() + "); see " + log);
					}
					yield "PostgreSQL restarted, the run ended " + ended;
				}
			};
		}

		@Override
		public void close() {
			this.uploads.shutdown();
		}

		/**
		 * Runs statements on the server's {@code postgres} database, outside any
		 * transaction.
		 */
		private void admin(String... statements) {
			try (Connection connection = DriverManager.getConnection(this.postgres.url("postgres"), "postgres", "");
					Statement statement = connection.createStatement()) {
				for (String sql : statements) {
					statement.execute(sql);
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot run " + String.join("; ", statements), ex);
			}
		}

		private HikariDataSource pool(String database, int size) {
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl(this.postgres.url(database));
			config.setUsername("postgres");
			config.setMaximumPoolSize(size);
			config.setMinimumIdle(0);
			return new HikariDataSource(config);
		}

		private static void kill9(Process child) throws IOException, InterruptedException {
			Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -9 " + child.pid() + " failed");
			}
		}

		/** The reference run must have done several chunks of work in every level. */
		void assertWorkInEveryLevel(Scenario reference) {
			EndState state = reference.state();
			assertThat(state.redis()).containsOnlyKeys("feed:home:1", "sidekiq:queue:default");
			assertThat(reference.commits()).as("chunks per step")
				.hasSize(Level.values().length)
				.allSatisfy((step, commits) -> assertThat(commits).as(step).isGreaterThanOrEqualTo(3));
			for (Level level : Level.values()) {
				if (level != Level.CACHE_CLEAR) {
					assertThat(state.removed()).as("what " + level.stepName() + " removed")
						.anyMatch((line) -> line.startsWith("removed " + level.stepName() + " "));
				}
			}
		}

		private static void execute(DataSource dataSource, String sql) {
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
