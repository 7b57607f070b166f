package dev.mastodonmaintenance.batch.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mastodonmaintenance.testing.TestRedis;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL of the fault matrix's own, never the machine's nor the one the other tests share: it
 * is shut down the way a crash or {@code pg_ctl stop -m immediate} does it (SIGQUIT to the postmaster: every
 * backend exits at once, nothing is checkpointed, the next start replays the WAL) and started again on the same
 * data directory and port. Commits are synchronous, as on a real server, so that what a client saw committed
 * survives the restart.
 */
final class MatrixPostgres implements AutoCloseable {

	private final Path dataDirectory;

	private final int port;

	private EmbeddedPostgres postgres;

	private int restarts;

	private MatrixPostgres(Path dataDirectory, int port) {
		this.dataDirectory = dataDirectory;
		this.port = port;
		this.postgres = start(dataDirectory, port);
	}

	/**
	 * Starts a new server with a fresh data directory.
	 * @param dataDirectory an empty directory of the test's
	 * @return the server
	 */
	static MatrixPostgres startIn(Path dataDirectory) {
		return new MatrixPostgres(dataDirectory, TestRedis.freePort());
	}

	private static EmbeddedPostgres start(Path dataDirectory, int port) {
		try {
			return EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(port)
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("max_connections", "100")
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the fault matrix's PostgreSQL in " + dataDirectory, ex);
		}
	}

	/**
	 * Shuts the server down immediately, as a crash does, and starts it again.
	 */
	synchronized void restartImmediately() {
		try {
			long pid = Long.parseLong(Files.readAllLines(this.dataDirectory.resolve("postmaster.pid"),
					StandardCharsets.UTF_8).get(0).strip());
			Process quit = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			if (quit.waitFor() != 0) {
				throw new IllegalStateException("kill -QUIT " + pid + " failed");
			}
			ProcessHandle postmaster = ProcessHandle.of(pid).orElse(null);
			if (postmaster != null) {
				postmaster.onExit().get(60, TimeUnit.SECONDS);
			}
			// zonky's stop finds no server and says so in its log; it releases its lock on the data directory
			this.postgres.close();
			this.postgres = start(this.dataDirectory, this.port);
			this.restarts++;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot restart the fault matrix's PostgreSQL", ex);
		}
	}

	int restarts() {
		return this.restarts;
	}

	/**
	 * Runs statements on the server's {@code postgres} database, outside any transaction.
	 * @param statements the statements, one by one
	 */
	void admin(String... statements) {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot run " + String.join("; ", statements), ex);
		}
	}

	String jdbcUrl(String database) {
		return this.postgres.getJdbcUrl("postgres", database);
	}

	/**
	 * A pool over one database, validating connections so that those a restart broke are replaced.
	 * @param database the database
	 * @param size the most connections
	 * @return the pool
	 */
	HikariDataSource pool(String database, int size) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl(database));
		config.setUsername("postgres");
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(0);
		return new HikariDataSource(config);
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

}
