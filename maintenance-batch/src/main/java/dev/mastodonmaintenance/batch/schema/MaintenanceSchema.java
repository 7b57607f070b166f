package dev.mastodonmaintenance.batch.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The schema of ours inside Mastodon's database ({@code mastodon_maintenance} by
 * default): Spring Batch's job repository and our deletion manifest, created and upgraded
 * by our own Flyway migrations with their own history table in that schema. Mastodon's
 * {@code public} schema and its {@code schema_migrations} are never touched. Deliberately
 * not a {@link Flyway} bean: a host application's own Flyway set-up stays as it is.
 */
public final class MaintenanceSchema {

	/** The schema used unless configured otherwise. */
	public static final String DEFAULT_NAME = "mastodon_maintenance";

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private static final String LOCATION = "db/mastodon-maintenance";

	private static final Pattern SQL_MIGRATION = Pattern.compile("V([0-9]+)__.*\\.sql");

	// V1__SpringBatchJobRepository, the one Java migration
	private static final int LATEST_JAVA_MIGRATION = 1;

	private final DataSource dataSource;

	private final String name;

	/**
	 * Describes our schema in a database.
	 * @param dataSource Mastodon's database
	 * @param name the schema name: lower-case letters, digits and underscores
	 */
	public MaintenanceSchema(DataSource dataSource, String name) {
		if (!IDENTIFIER.matcher(name).matches() || "public".equals(name)) {
			throw new IllegalArgumentException("Invalid schema name '" + name
					+ "': use lower-case letters, digits and underscores, and not Mastodon's 'public'");
		}
		this.dataSource = dataSource;
		this.name = name;
	}

	/**
	 * Creates or upgrades the schema. Running it again when up to date changes nothing:
	 * Flyway is not even started when the history already holds the latest migration and
	 * no failed one (starting it, its plugins and its scan of the migrations, took about
	 * half a second of each command's start; docs/benchmarks/statuses-remove.md), so an
	 * applied migration edited since is not detected then.
	 * @return the number of migrations applied
	 */
	public int migrate() {
		if (current()) {
			return 0;
		}
		MigrateResult result = Flyway.configure()
			.dataSource(this.dataSource)
			.schemas(this.name)
			.defaultSchema(this.name)
			.createSchemas(true)
			.table("flyway_schema_history")
			.locations("classpath:" + LOCATION)
			.javaMigrations(new V1__SpringBatchJobRepository())
			.load()
			.migrate();
		return result.migrationsExecuted;
	}

	// Whether Flyway's history shows every migration of ours applied, the latest last.
	private boolean current() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		String history = this.name + ".flyway_schema_history";
		if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, history))) {
			return false;
		}
		Integer latest = jdbc
			.queryForObject("SELECT CASE WHEN bool_and(success) THEN max(CASE WHEN version ~ '^[0-9]+$' "
					+ "THEN version::int END) END FROM " + history, Integer.class);
		return latest != null && latest == latestMigration();
	}

	/**
	 * The version of the latest migration of ours on the class path.
	 * @return the version
	 */
	static int latestMigration() {
		try {
			int latest = LATEST_JAVA_MIGRATION;
			for (Resource resource : new PathMatchingResourcePatternResolver(MaintenanceSchema.class.getClassLoader())
				.getResources("classpath*:" + LOCATION + "/V*__*.sql")) {
				Matcher version = SQL_MIGRATION.matcher(String.valueOf(resource.getFilename()));
				if (version.matches()) {
					latest = Math.max(latest, Integer.parseInt(version.group(1)));
				}
			}
			return latest;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The schema name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The table prefix for Spring Batch's JDBC job repository, such as
	 * {@code mastodon_maintenance.BATCH_}.
	 * @return the prefix
	 */
	public String batchTablePrefix() {
		return this.name + ".BATCH_";
	}

}
