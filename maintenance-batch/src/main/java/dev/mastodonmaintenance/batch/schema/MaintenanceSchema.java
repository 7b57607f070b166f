package dev.mastodonmaintenance.batch.schema;

import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

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
	 * Creates or upgrades the schema. Running it again when up to date changes nothing.
	 * @return the number of migrations applied
	 */
	public int migrate() {
		MigrateResult result = Flyway.configure()
			.dataSource(this.dataSource)
			.schemas(this.name)
			.defaultSchema(this.name)
			.createSchemas(true)
			.table("flyway_schema_history")
			.locations("classpath:db/mastodon-maintenance")
			.javaMigrations(new V1__SpringBatchJobRepository())
			.load()
			.migrate();
		return result.migrationsExecuted;
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
