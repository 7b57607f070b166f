package dev.mastodonmaintenance.batch.schema;

import java.nio.charset.StandardCharsets;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;

/**
 * Creates Spring Batch's job repository tables from the PostgreSQL script that
 * spring-batch-core ships, so the tables are exactly those the repository expects. Flyway
 * runs it with the search path set to our schema, so they land there.
 */
final class V1__SpringBatchJobRepository extends BaseJavaMigration {

	static final String SCRIPT = "org/springframework/batch/core/schema-postgresql.sql";

	@Override
	public void migrate(Context context) throws Exception {
		String script = new ClassPathResource(SCRIPT).getContentAsString(StandardCharsets.UTF_8);
		try (Statement statement = context.getConnection().createStatement()) {
			statement.execute(script);
		}
	}

}
