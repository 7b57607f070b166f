package dev.mastodonmaintenance.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh database holding Mastodon's tables, for one test class: either the project's
 * own fixture ({@code mastodon/fixture.sql}) or a real Mastodon schema dump of those that
 * live beside the checkout in {@code shared/mastodon/}.
 */
public final class MastodonDatabase {

	private final TestPostgres.CreatedDatabase database;

	private MastodonDatabase(TestPostgres.CreatedDatabase database) {
		this.database = database;
	}

	/**
	 * A new database with the project's fixture loaded.
	 * @param testClass the test class, which names the database
	 * @return the database
	 */
	public static MastodonDatabase withFixture(Class<?> testClass) {
		MastodonDatabase db = new MastodonDatabase(TestPostgres.get().createDatabase(testClass.getSimpleName()));
		db.execute(fixtureSql());
		return db;
	}

	/**
	 * A database created elsewhere than on the test JVM's server, with the project's
	 * fixture loaded.
	 * @param database the empty database
	 * @return the database
	 */
	static MastodonDatabase withFixture(TestPostgres.CreatedDatabase database) {
		MastodonDatabase db = new MastodonDatabase(database);
		db.execute(fixtureSql());
		return db;
	}

	/**
	 * A new database with the real Mastodon schema dump loaded.
	 * @param testClass the test class, which names the database
	 * @param schemaSql the dump
	 * @return the database
	 */
	public static MastodonDatabase withRealSchema(Class<?> testClass, Path schemaSql) {
		MastodonDatabase db = new MastodonDatabase(TestPostgres.get().createDatabase(testClass.getSimpleName()));
		db.execute(realSchemaSql(schemaSql));
		return db;
	}

	/**
	 * Finds {@code shared/mastodon/schema.sql} (Mastodon 4.7) beside the repository this
	 * build runs in, walking up from the working directory.
	 * @return the dump, when present
	 */
	public static Optional<Path> realSchemaDump() {
		return realSchemaDump("schema.sql");
	}

	/**
	 * Finds a dump of {@code shared/mastodon/} beside the repository this build runs in,
	 * walking up from the working directory: {@code schema.sql} (4.7.0),
	 * {@code schema-4.6.5.sql}, {@code schema-4.5.11.sql}, {@code schema-4.4.7.sql}.
	 * @param fileName the dump's file name
	 * @return the dump, when present
	 */
	public static Optional<Path> realSchemaDump(String fileName) {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			Path candidate = dir.resolve("shared/mastodon").resolve(fileName);
			if (Files.isRegularFile(candidate)) {
				return Optional.of(candidate);
			}
			dir = dir.getParent();
		}
		return Optional.empty();
	}

	/**
	 * The project's fixture, as a script.
	 * @return the fixture's SQL
	 */
	public static String fixtureSql() {
		try {
			return new ClassPathResource("mastodon/fixture.sql").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The real Mastodon schema dump, as a script the JDBC driver runs.
	 * @param schemaSql the dump
	 * @return its SQL
	 */
	public static String realSchemaSql(Path schemaSql) {
		try {
			// pg_dump 15.14+ wraps the dump in psql meta-commands that the JDBC driver
			// cannot run.
			return Files.readAllLines(schemaSql, StandardCharsets.UTF_8)
				.stream()
				.filter((line) -> !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict"))
				// the dump empties the session's search_path; the pooled connection must
				// not keep that
				.collect(Collectors.joining("\n", "", "\nRESET search_path;\n"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs a multi-statement SQL script.
	 * @param sql the script
	 */
	public void execute(String sql) {
		try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot run SQL script on " + this.database.name() + ": " + ex.getMessage(),
					ex);
		}
	}

	public DataSource dataSource() {
		return this.database.dataSource();
	}

	public JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource());
	}

	public String jdbcUrl() {
		return this.database.jdbcUrl();
	}

	public String user() {
		return this.database.user();
	}

	public String password() {
		return this.database.password();
	}

	public String name() {
		return this.database.name();
	}

}
