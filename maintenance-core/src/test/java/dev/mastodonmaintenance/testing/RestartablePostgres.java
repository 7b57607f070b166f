package dev.mastodonmaintenance.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL of one test's own, which the test may crash and start again as
 * an operator's server restarts: {@link #crash()} is {@code pg_ctl stop -m immediate}
 * (SIGQUIT to the postmaster: every session ends at once, nothing is checkpointed),
 * {@link #start()} brings the same data directory up again on the same port, through
 * crash recovery. Never the machine's own server, nor the shared test server.
 */
public final class RestartablePostgres implements AutoCloseable {

	private final Path dataDirectory;

	private final int port;

	private EmbeddedPostgres postgres;

	private RestartablePostgres(EmbeddedPostgres postgres) {
		this.postgres = postgres;
		this.port = postgres.getPort();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW data_directory")) {
			result.next();
			this.dataDirectory = Path.of(result.getString(1));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Starts a new server, on a free port and a new data directory of zonky's choosing.
	 * @return the running server
	 */
	public static RestartablePostgres create() {
		try {
			// the data directory must outlive a crash: this class deletes it on close
			return new RestartablePostgres(durable(EmbeddedPostgres.builder()).setCleanDataDirectory(false).start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Zonky turns durability off for speed, so a crash would lose transactions the client
	 * saw committed, which no real server does: a crash here must lose only what had not
	 * committed.
	 */
	private static EmbeddedPostgres.Builder durable(EmbeddedPostgres.Builder builder) {
		// crash recovery on a busy machine takes longer than zonky's 10 s
		return builder.setPGStartupWait(Duration.ofSeconds(60))
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on");
	}

	/**
	 * Creates a database with the project's Mastodon fixture.
	 * @param testClass the test class, which names the database
	 * @param poolSize the size of its connection pool
	 * @return the database
	 */
	public MastodonDatabase withFixture(Class<?> testClass, int poolSize) {
		String name = testClass.getSimpleName().toLowerCase();
		try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + name, ex);
		}
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url(name));
		config.setUsername("postgres");
		config.setPassword("");
		config.setMaximumPoolSize(poolSize);
		config.setMinimumIdle(0);
		config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
		return MastodonDatabase.withFixture(
				new TestPostgres.CreatedDatabase(name, url(name), "postgres", "", new HikariDataSource(config)));
	}

	/**
	 * The JDBC URL of a database of this server.
	 * @param database the database
	 * @return the URL
	 */
	public String url(String database) {
		return "jdbc:postgresql://localhost:" + this.port + "/" + database;
	}

	/**
	 * Stops the server as {@code pg_ctl stop -m immediate} does: SIGQUIT to the
	 * postmaster, which ends every session without a checkpoint. Returns once it has
	 * exited.
	 */
	public synchronized void crash() {
		try {
			long pid = Long.parseLong(Files.readAllLines(this.dataDirectory.resolve("postmaster.pid")).get(0).strip());
			Process kill = new ProcessBuilder(List.of("kill", "-QUIT", Long.toString(pid))).inheritIO().start();
			kill.waitFor(10, TimeUnit.SECONDS);
			ProcessHandle.of(pid).ifPresent((postmaster) -> postmaster.onExit().join());
			// releases zonky's lock of the data directory; its own stop finds nothing to
			// stop
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Starts the crashed server again, on the same data directory and port; returns once
	 * it accepts connections.
	 */
	public synchronized void start() {
		try {
			this.postgres = durable(EmbeddedPostgres.builder()).setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(this.port)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public synchronized void close() throws IOException {
		this.postgres.close();
		try (var paths = Files.walk(this.dataDirectory)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

}
