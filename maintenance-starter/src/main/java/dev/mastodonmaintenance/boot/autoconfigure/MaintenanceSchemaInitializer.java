package dev.mastodonmaintenance.boot.autoconfigure;

import javax.sql.DataSource;

import dev.mastodonmaintenance.batch.schema.MaintenanceSchema;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates or upgrades our schema when the application starts, with our own migrations
 * (not a {@code Flyway} bean, which would switch off the application's own Flyway
 * set-up). Registered as a database initializer, so that beans depending on database
 * initialization wait for it.
 */
public class MaintenanceSchemaInitializer implements InitializingBean {

	private static final Log logger = LogFactory.getLog(MaintenanceSchemaInitializer.class);

	private final MaintenanceSchema schema;

	private final DataSource dataSource;

	private final boolean migrate;

	/**
	 * Creates the initializer.
	 * @param dataSource Mastodon's database
	 * @param schema our schema's name
	 * @param migrate whether to migrate; {@code false} when the schema is managed
	 * elsewhere
	 */
	public MaintenanceSchemaInitializer(DataSource dataSource, String schema, boolean migrate) {
		this.schema = new MaintenanceSchema(dataSource, schema);
		this.dataSource = dataSource;
		this.migrate = migrate;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.migrate) {
			int applied = this.schema.migrate();
			if (applied > 0) {
				logger.info("Applied " + applied + " migration(s) to schema " + this.schema.name());
			}
		}
	}

	/**
	 * The schema.
	 * @return the schema
	 */
	public MaintenanceSchema schema() {
		return this.schema;
	}

	/**
	 * Mastodon's database, which holds the schema.
	 * @return the data source
	 */
	public DataSource dataSource() {
		return this.dataSource;
	}

}
