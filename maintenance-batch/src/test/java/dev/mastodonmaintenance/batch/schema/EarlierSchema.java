package dev.mastodonmaintenance.batch.schema;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Our schema as an earlier release left it, for tests of what a later migration does to
 * its data.
 */
final class EarlierSchema {

	private EarlierSchema() {
	}

	/**
	 * Migrates our schema up to a version and no further.
	 * @param dataSource Mastodon's database
	 * @param version the last migration to apply
	 * @return the number of migrations applied
	 */
	static int migrateTo(DataSource dataSource, String version) {
		return Flyway.configure()
			.dataSource(dataSource)
			.schemas(MaintenanceSchema.DEFAULT_NAME)
			.defaultSchema(MaintenanceSchema.DEFAULT_NAME)
			.createSchemas(true)
			.table("flyway_schema_history")
			.locations("classpath:db/mastodon-maintenance")
			.javaMigrations(new V1__SpringBatchJobRepository())
			.target(version)
			.load()
			.migrate().migrationsExecuted;
	}

}
