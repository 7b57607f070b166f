package dev.mastodonmaintenance.operator.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo's PostgreSQL: an embedded server (zonky's binaries) whose data directory is
 * kept between runs, so that the executions of one run can be listed, inspected and
 * restarted by the next. Mastodon's tables are created from the schema resource the first
 * time.
 */
final class DemoDatabase implements AutoCloseable {

	/**
	 * The lock file the embedded server holds in its data directory while a process uses
	 * it.
	 */
	private static final String LOCK_FILE = "epg-lock";

	private final EmbeddedPostgres postgres;

	private final HikariDataSource dataSource;

	private final boolean created;

	private DemoDatabase(EmbeddedPostgres postgres, HikariDataSource dataSource, boolean created) {
		this.postgres = postgres;
		this.dataSource = dataSource;
		this.created = created;
	}

	/**
	 * Starts the demo database, creating Mastodon's tables on first use.
	 * @param dataDirectory PostgreSQL's data directory, kept between runs
	 * @param schema the DDL of Mastodon's tables
	 * @return the running database
	 */
	static DemoDatabase start(Path dataDirectory, Resource schema) {
		if (!schema.exists()) {
			throw new IllegalStateException("The demo needs the DDL of Mastodon's tables, " + schema.getDescription()
					+ ", which is not there; point mastodon.operator.demo.schema at it (a file: or classpath: location)");
		}
		EmbeddedPostgres postgres;
		try {
			stopOrphan(dataDirectory);
			postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).start();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Cannot start the demo PostgreSQL in " + dataDirectory + " (is another "
					+ "demo process, such as 'serve', using it? Stop it or set mastodon.operator.demo.directory to "
					+ "another directory): " + ex.getMessage(), ex);
		}
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		config.setUsername("postgres");
		config.setPassword("");
		config.setMaximumPoolSize(10);
		config.setPoolName("demo");
		HikariDataSource dataSource = new HikariDataSource(config);
		boolean created = !hasMastodonTables(dataSource);
		if (created) {
			execute(dataSource, sql(schema));
		}
		return new DemoDatabase(postgres, dataSource, created);
	}

	/**
	 * A demo process killed with {@code kill -9} leaves its PostgreSQL running on the
	 * data directory; unless a live demo process holds the directory's lock (the embedded
	 * server's {@code epg-lock}), that server is stopped.
	 */
	private static void stopOrphan(Path dataDirectory) throws IOException {
		Path lockFile = dataDirectory.resolve(LOCK_FILE);
		if (!Files.exists(lockFile)) {
			return;
		}
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
				FileLock lock = channel.tryLock()) {
			if (lock == null) {
				throw new IllegalStateException("the demo is in use by another process");
			}
			OrphanedServer.stop(dataDirectory.resolve("postmaster.pid"), "postgres");
		}
		catch (OverlappingFileLockException ex) {
			throw new IllegalStateException("the demo is in use by this process already", ex);
		}
	}

	private static boolean hasMastodonTables(DataSource dataSource) {
		return Boolean.TRUE.equals(new JdbcTemplate(dataSource)
			.queryForObject("SELECT to_regclass('public.media_attachments') IS NOT NULL", Boolean.class));
	}

	private static String sql(Resource schema) {
		try {
			// pg_dump 15.14+ wraps a dump in psql meta-commands that the JDBC driver
			// cannot run.
			return schema.getContentAsString(StandardCharsets.UTF_8)
				.lines()
				.filter((line) -> !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict"))
				.collect(Collectors.joining("\n"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + schema.getDescription(), ex);
		}
	}

	private static void execute(DataSource dataSource, String sql) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
			// a pg_dump script empties the search path of its session, and this
			// connection returns to the pool
			statement.execute("SET search_path TO DEFAULT");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create Mastodon's tables in the demo database: " + ex.getMessage(),
					ex);
		}
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * Whether Mastodon's tables were created by this start, rather than found from an
	 * earlier run.
	 * @return whether the database is new
	 */
	boolean created() {
		return this.created;
	}

	String jdbcUrl() {
		return this.postgres.getJdbcUrl("postgres", "postgres");
	}

	@Override
	public void close() throws IOException {
		this.dataSource.close();
		this.postgres.close();
	}

}
