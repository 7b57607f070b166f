package dev.mastodonmaintenance.operator.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The database is found as Mastodon's {@code database.yml} finds it: {@code DB_*} with
 * Mastodon's defaults, {@code DATABASE_URL} overriding what it names, SSL settings
 * carried over; malformed values are refused.
 */
class MastodonDatabaseSettingsTests {

	private static MastodonDatabaseSettings settings(Map<String, String> variables) {
		return MastodonDatabaseSettings.from(MastodonVariables.of(variables::get));
	}

	@Test
	void mastodonDefaultsWhenOnlyTheHostIsSet() {
		MastodonDatabaseSettings settings = settings(Map.of("DB_HOST", "db.internal"));

		assertThat(settings.jdbcUrl())
			.isEqualTo("jdbc:postgresql://db.internal:5432/mastodon_production?sslmode=prefer");
		assertThat(settings.username()).isEqualTo("mastodon");
		assertThat(settings.password()).isEmpty();
	}

	@Test
	void dbVariables() {
		MastodonDatabaseSettings settings = settings(
				Map.of("DB_HOST", "10.0.0.5", "DB_PORT", "6432", "DB_NAME", "social", "DB_USER", "social", "DB_PASS",
						"s3cr&t", "DB_SSLMODE", "verify-full", "DB_SSLROOTCERT", "/etc/ssl/pg-ca.pem"));

		assertThat(settings.jdbcUrl()).isEqualTo(
				"jdbc:postgresql://10.0.0.5:6432/social?sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Fpg-ca.pem");
		assertThat(settings.username()).isEqualTo("social");
		assertThat(settings.password()).isEqualTo("s3cr&t");
	}

	@Test
	void libpqSslFilesFromTheEnvironmentButNotItsSslmodeWhichDatabaseYmlAlwaysSets() {
		MastodonDatabaseSettings settings = settings(
				Map.of("DB_HOST", "db", "PGSSLMODE", "require", "PGSSLROOTCERT", "/etc/ssl/root.crt", "PGSSLCERT",
						"/etc/ssl/client.crt", "DB_SSLKEY", "/etc/ssl/client.pk8", "PGSSLKEY", "/etc/ssl/ignored.key"));

		assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/mastodon_production?sslmode=prefer"
				+ "&sslcert=%2Fetc%2Fssl%2Fclient.crt&sslkey=%2Fetc%2Fssl%2Fclient.pk8&sslrootcert=%2Fetc%2Fssl%2Froot.crt");
	}

	@Test
	void databaseUrlWithSslmode() {
		MastodonDatabaseSettings settings = settings(Map.of("DATABASE_URL",
				"postgres://masto:p%40ss%3Aw0rd@pg.example.net:25060/defaultdb?sslmode=require"));

		assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://pg.example.net:25060/defaultdb?sslmode=require");
		assertThat(settings.username()).isEqualTo("masto");
		assertThat(settings.password()).isEqualTo("p@ss:w0rd");
	}

	@Test
	void databaseUrlPartsOverrideDbVariablesAndTheRestFillIn() {
		MastodonDatabaseSettings settings = settings(Map.of("DATABASE_URL", "postgresql://pg.example.net/live",
				"DB_USER", "mastodon_live", "DB_PASS", "from-db-pass", "DB_PORT", "5433", "DB_HOST", "ignored"));

		assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://pg.example.net:5433/live?sslmode=prefer");
		assertThat(settings.username()).isEqualTo("mastodon_live");
		assertThat(settings.password()).isEqualTo("from-db-pass");
	}

	@Test
	void ipv6Host() {
		MastodonDatabaseSettings settings = settings(Map.of("DATABASE_URL", "postgres://u:p@[::1]:5432/m"));

		assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/m?sslmode=prefer");
	}

	@Test
	void librariesParametersTheDriverDoesNotKnowAreLeftOut() {
		MastodonDatabaseSettings settings = settings(Map.of("DATABASE_URL",
				"postgres://u:p@h/m?pool=25&prepared_statements=false&connect_timeout=10&application_name=masto"));

		assertThat(settings.jdbcUrl())
			.isEqualTo("jdbc:postgresql://h:5432/m?sslmode=prefer&connectTimeout=10&ApplicationName=masto");
	}

	@Test
	void wrongSchemeIsRefusedWithoutShowingThePassword() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(Map.of("DATABASE_URL", "mysql://root:hunter2@db/mastodon")))
			.withMessage("Malformed DATABASE_URL 'mysql://root:****@db/mastodon': the scheme must be postgres:// or "
					+ "postgresql://; expected postgres://user:password@host:port/database?sslmode=require");
	}

	@Test
	void unparsableUrlIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(Map.of("DATABASE_URL", "postgres://u:p@host name/db")))
			.withMessageStartingWith("Malformed DATABASE_URL 'postgres://u:****@host name/db'");
	}

	@Test
	void badPortIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings(Map.of("DB_HOST", "h", "DB_PORT", "543two")))
			.withMessage("Mastodon's database port '543two' (DB_PORT or DATABASE_URL) is not a port number");
	}

	@Test
	void dbHostThatIsADirectoryConnectsThroughTheUnixSocketOfDbPort() {
		MastodonDatabaseSettings settings = settings(
				Map.of("DB_HOST", "/var/run/postgresql", "DB_PORT", "5433", "DB_SSLMODE", "require"));

		assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5433/mastodon_production?sslmode=disable"
				+ "&socketFactory=org.newsclub.net.unix.AFUNIXSocketFactory%24FactoryArg"
				+ "&socketFactoryArg=%2Fvar%2Frun%2Fpostgresql%2F.s.PGSQL.5433");
		assertThat(settings.socket()).hasToString("/var/run/postgresql/.s.PGSQL.5433");
		assertThat(settings.username()).isEqualTo("mastodon");
		assertThat(settings.password()).isEmpty();
	}

	@Test
	void databaseUrlHostParameterNamesTheSocketDirectory() {
		MastodonDatabaseSettings settings = settings(
				Map.of("DATABASE_URL", "postgresql:///mastodon_production?host=/var/run/postgresql"));

		assertThat(settings.socket()).hasToString("/var/run/postgresql/.s.PGSQL.5432");
		assertThat(settings.jdbcUrl())
			.startsWith("jdbc:postgresql://localhost:5432/mastodon_production?sslmode=disable&");
	}

	@Test
	void databaseUrlPercentEncodedHostNamesTheSocketDirectory() {
		MastodonDatabaseSettings settings = settings(
				Map.of("DATABASE_URL", "postgres://social@%2Fvar%2Frun%2Fpostgresql:5434/live"));

		assertThat(settings.socket()).hasToString("/var/run/postgresql/.s.PGSQL.5434");
		assertThat(settings.username()).isEqualTo("social");
		assertThat(settings.jdbcUrl()).startsWith("jdbc:postgresql://localhost:5434/live?");
	}

	@Test
	void tcpHostHasNoSocket() {
		assertThat(settings(Map.of("DB_HOST", "db")).socket()).isNull();
	}

	@Test
	void missingSocketIsNamed() {
		MastodonDatabaseSettings settings = settings(Map.of("DB_HOST", "/nonexistent/postgresql", "DB_PORT", "5999"));

		assertThatIllegalArgumentException().isThrownBy(settings::checkSocketExists)
			.withMessageStartingWith("No PostgreSQL socket /nonexistent/postgresql/.s.PGSQL.5999 ");
	}

	@Test
	void sslmodeOutsideLibpqsIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings(Map.of("DB_HOST", "h", "DB_SSLMODE", "on")))
			.withMessage("Mastodon's database sslmode 'on' (DB_SSLMODE or DATABASE_URL's sslmode) is not one of "
					+ "disable, allow, prefer, require, verify-ca, verify-full");
	}

	@Test
	void passwordWithAnUnescapedPercentIsRefusedWithoutRepeatingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(Map.of("DATABASE_URL", "postgres://mastodon:Sup3r%Secret@host/db")))
			.withMessage("Malformed DATABASE_URL 'postgres://mastodon:****@host/db': the password holds an invalid "
					+ "%-escape (write a % itself as %25); expected postgres://user:password@host:port/database"
					+ "?sslmode=require")
			.withNoCause();
	}

	@Test
	void passwordWithASpaceIsRefusedWithoutRepeatingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(Map.of("DATABASE_URL", "postgres://mastodon:my secret@host/db")))
			.withMessageStartingWith("Malformed DATABASE_URL 'postgres://mastodon:****@host/db': it contains a space")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("secret"));
	}

	@Test
	void unicodeAndReservedCharactersInThePasswordAreRead() {
		MastodonDatabaseSettings settings = settings(
				Map.of("DATABASE_URL", "postgres://mastodon:pä@ss/wörd@db.example.net/mastodon_production"));

		assertThat(settings.password()).isEqualTo("pä@ss/wörd");
		assertThat(settings.jdbcUrl()).startsWith("jdbc:postgresql://db.example.net:5432/mastodon_production?");
	}

	@Test
	void queryParameterWithoutValueIsRefusedWithoutRepeatingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(Map.of("DATABASE_URL", "postgres://mastodon@db/m?sslmode=require&hunter2")))
			.withMessageContaining("query parameter 2 is not name=value")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("hunter2"));
	}

}
