package dev.mastodonmaintenance.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL server of a test JVM, chosen in this order:
 * <ol>
 * <li>a server named by {@code MAINTENANCE_TEST_PG_URL} (a JDBC URL of a database the
 * user may {@code CREATE DATABASE} from), with {@code MAINTENANCE_TEST_PG_USER} /
 * {@code MAINTENANCE_TEST_PG_PASSWORD};</li>
 * <li>Testcontainers' {@code postgres:17-alpine} when
 * {@code MAINTENANCE_TEST_DOCKER=true} and Docker answers;</li>
 * <li>an embedded PostgreSQL 17 from zonky's binaries, which needs nothing
 * installed.</li>
 * </ol>
 * Each test class gets a database of its own from {@link #createDatabase(String)}.
 */
public final class TestPostgres {

	private static final AtomicInteger databases = new AtomicInteger();

	private static TestPostgres instance;

	private final String baseUrl;

	private final String user;

	private final String password;

	private final String description;

	private TestPostgres(String baseUrl, String user, String password, String description) {
		this.baseUrl = baseUrl;
		this.user = user;
		this.password = password;
		this.description = description;
	}

	/**
	 * The server of this JVM, started on first use.
	 * @return the server
	 */
	public static synchronized TestPostgres get() {
		if (instance == null) {
			instance = start();
		}
		return instance;
	}

	private static TestPostgres start() {
		String url = System.getenv("MAINTENANCE_TEST_PG_URL");
		if (url != null && !url.isBlank()) {
			return new TestPostgres(url, env("MAINTENANCE_TEST_PG_USER", "postgres"),
					env("MAINTENANCE_TEST_PG_PASSWORD", ""), "server at " + url);
		}
		if ("true".equals(System.getenv("MAINTENANCE_TEST_DOCKER"))
				&& DockerClientFactory.instance().isDockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			return new TestPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
					"Testcontainers postgres:17-alpine");
		}
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
			return new TestPostgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "",
					"embedded PostgreSQL (zonky)");
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Cannot start the embedded PostgreSQL (zonky; as root it needs "
					+ "unprivileged user namespaces: try 'unshare -U id'). Point the tests at a server instead "
					+ "with MAINTENANCE_TEST_PG_URL=jdbc:postgresql://host:5432/postgres "
					+ "(and MAINTENANCE_TEST_PG_USER / MAINTENANCE_TEST_PG_PASSWORD), or set "
					+ "MAINTENANCE_TEST_DOCKER=true where Docker runs.", ex);
		}
	}

	private static void close(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			// the JVM is exiting; the temporary cluster goes with it
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

	/**
	 * Creates an empty database.
	 * @param prefix a readable prefix for its name
	 * @return a pooled data source for it
	 */
	public CreatedDatabase createDatabase(String prefix) {
		String name = (prefix.toLowerCase().replaceAll("[^a-z0-9]", "_") + "_" + databases.incrementAndGet());
		try (HikariDataSource admin = dataSource(this.baseUrl, 1);
				Connection connection = admin.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name);
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create test database " + name + " on " + this.description, ex);
		}
		String url = urlOf(name);
		return new CreatedDatabase(name, url, this.user, this.password, dataSource(url, 8));
	}

	private String urlOf(String database) {
		int slash = this.baseUrl.indexOf('/', "jdbc:postgresql://".length());
		int query = this.baseUrl.indexOf('?');
		String server = this.baseUrl.substring(0, slash);
		return server + "/" + database + ((query >= 0) ? this.baseUrl.substring(query) : "");
	}

	private HikariDataSource dataSource(String url, int size) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(this.user);
		config.setPassword(this.password);
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(0);
		return new HikariDataSource(config);
	}

	/**
	 * A database created for one test class.
	 *
	 * @param name the database name
	 * @param jdbcUrl its JDBC URL
	 * @param user the user
	 * @param password the password
	 * @param dataSource a pool over it
	 */
	public record CreatedDatabase(String name, String jdbcUrl, String user, String password, DataSource dataSource) {
	}

}
