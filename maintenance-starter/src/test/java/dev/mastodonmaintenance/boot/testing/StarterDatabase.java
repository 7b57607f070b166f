package dev.mastodonmaintenance.boot.testing;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.springframework.core.io.ClassPathResource;

/**
 * A Mastodon database for one test class: the project's fixture when this build has it,
 * else the real Mastodon schema dump beside the checkout.
 */
public final class StarterDatabase {

	private StarterDatabase() {
	}

	/**
	 * A new database with Mastodon's tables.
	 * @param testClass the test class, which names the database
	 * @return the database
	 */
	public static MastodonDatabase create(Class<?> testClass) {
		if (new ClassPathResource("mastodon/fixture.sql").exists()) {
			return MastodonDatabase.withFixture(testClass);
		}
		Path dump = MastodonDatabase.realSchemaDump()
			.orElseThrow(() -> new IllegalStateException("Neither mastodon/fixture.sql on the test classpath nor "
					+ "shared/mastodon/schema.sql beside the checkout"));
		MastodonDatabase database = MastodonDatabase.withRealSchema(testClass, dump);
		// the dump empties the search_path of the pooled session that loaded it: start
		// afresh
		((HikariDataSource) database.dataSource()).getHikariPoolMXBean().softEvictConnections();
		return database;
	}

	/**
	 * Inserts preview cards with ids from 1 to {@code count}, updated long ago.
	 * @param database the database
	 * @param count how many
	 */
	public static void previewCards(MastodonDatabase database, int count) {
		database.jdbc()
			.update("INSERT INTO preview_cards (id, url, created_at, updated_at) SELECT g, 'https://example.com/' || g, "
					+ "now() - interval '400 days', now() - interval '400 days' FROM generate_series(1, ?) AS g",
					count);
	}

	/**
	 * The Spring properties pointing a context at a database.
	 * @param database the database
	 * @return {@code spring.datasource.*} properties
	 */
	public static String[] dataSourceProperties(MastodonDatabase database) {
		return new String[] { "spring.datasource.url=" + database.jdbcUrl(),
				"spring.datasource.username=" + database.user(), "spring.datasource.password=" + database.password(),
				"spring.datasource.hikari.maximum-pool-size=6" };
	}

}
