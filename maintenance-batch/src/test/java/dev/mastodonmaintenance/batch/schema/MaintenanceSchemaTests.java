package dev.mastodonmaintenance.batch.schema;

import java.util.List;

import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Our schema is created once, in a schema of its own, and leaves Mastodon's
 * {@code public} schema and its migration history as they were.
 */
class MaintenanceSchemaTests {

	private static final String PUBLIC_OBJECTS = """
			SELECT c.relkind::text || ' ' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = 'public' ORDER BY 1
			""";

	@Test
	void migratesOnceIntoItsOwnSchemaAndLeavesPublicAlone() {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		JdbcTemplate jdbc = db.jdbc();
		List<String> publicBefore = jdbc.queryForList(PUBLIC_OBJECTS, String.class);
		List<String> migrationsBefore = jdbc.queryForList("SELECT version FROM schema_migrations ORDER BY 1",
				String.class);

		MaintenanceSchema schema = new MaintenanceSchema(db.dataSource(), "mastodon_maintenance");
		int first = schema.migrate();
		int second = new MaintenanceSchema(db.dataSource(), "mastodon_maintenance").migrate();

		assertThat(first).isEqualTo(9).isEqualTo(MaintenanceSchema.latestMigration());
		assertThat(second).isZero();
		assertThat(jdbc.queryForList(
				"SELECT table_name FROM information_schema.tables WHERE table_schema = 'mastodon_maintenance' ORDER BY 1",
				String.class))
			.containsExactly("batch_job_execution", "batch_job_execution_context", "batch_job_execution_params",
					"batch_job_instance", "batch_step_execution", "batch_step_execution_context", "deletion_manifest",
					"flyway_schema_history", "int_channel_message", "operator_action", "replied_statuses", "run_log");
		assertThat(jdbc.queryForList(PUBLIC_OBJECTS, String.class)).isEqualTo(publicBefore);
		assertThat(jdbc.queryForList("SELECT version FROM schema_migrations ORDER BY 1", String.class))
			.isEqualTo(migrationsBefore);
	}

	@Test
	void aSchemaWhoseHistoryLacksTheLatestMigrationOrShowsAFailureGoesToFlyway() {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		JdbcTemplate jdbc = db.jdbc();
		new MaintenanceSchema(db.dataSource(), "mastodon_maintenance").migrate();
		// undo the latest migration, V9 (the PostgreSQL partition channel)
		assertThat(MaintenanceSchema.latestMigration()).isEqualTo(9);
		jdbc.execute("DROP TABLE mastodon_maintenance.int_channel_message");
		jdbc.execute("DROP SEQUENCE mastodon_maintenance.int_message_seq");
		jdbc.update("DELETE FROM mastodon_maintenance.flyway_schema_history WHERE version = '9'");

		int applied = new MaintenanceSchema(db.dataSource(), "mastodon_maintenance").migrate();

		assertThat(applied).isOne();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM mastodon_maintenance.int_channel_message", Integer.class))
			.isZero();

		jdbc.update("UPDATE mastodon_maintenance.flyway_schema_history SET success = false WHERE version = '9'");

		assertThatExceptionOfType(FlywayException.class)
			.isThrownBy(() -> new MaintenanceSchema(db.dataSource(), "mastodon_maintenance").migrate());
	}

	@Test
	void usesTheConfiguredSchemaName() {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());

		MaintenanceSchema schema = new MaintenanceSchema(db.dataSource(), "ops_cleanup");
		schema.migrate();

		assertThat(schema.batchTablePrefix()).isEqualTo("ops_cleanup.BATCH_");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM ops_cleanup.batch_job_instance", Integer.class))
			.isZero();
	}

	@Test
	void refusesASchemaNameThatIsNotASimpleIdentifier() {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());

		assertThatIllegalArgumentException().isThrownBy(() -> new MaintenanceSchema(db.dataSource(), "x; DROP TABLE y"))
			.withMessageContaining("Invalid schema name");
		assertThatIllegalArgumentException().isThrownBy(() -> new MaintenanceSchema(db.dataSource(), "public"))
			.withMessageContaining("not Mastodon's 'public'");
	}

}
