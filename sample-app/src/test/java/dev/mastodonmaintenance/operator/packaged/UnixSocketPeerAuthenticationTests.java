package dev.mastodonmaintenance.operator.packaged;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mastodon's standard install connects to PostgreSQL through its Unix socket with peer
 * authentication: {@code DB_HOST=/var/run/postgresql}, no password, the operating system
 * user {@code mastodon} being the role. The packaged tool, run as that user with that
 * configuration, connects the same way (creating its schema, owned by that role);
 * {@code DB_PORT} picks the socket file; another user is refused by the server, and told
 * whom to run as.
 */
class UnixSocketPeerAuthenticationTests {

	private static PeerAuthenticatedPostgres postgres;

	private static Path workingDirectory;

	@BeforeAll
	static void server() throws Exception {
		PackagedTool.slimJar();
		OperatingSystem.assumeRoot();
		OperatingSystem.ensureMastodonUser();
		postgres = PeerAuthenticatedPostgres.start();
		postgres.execute("postgres", "CREATE ROLE mastodon LOGIN",
				"CREATE DATABASE mastodon_production OWNER mastodon");
		workingDirectory = OperatingSystem.directoryOf(OperatingSystem.MASTODON_USER, "socket-tool");
	}

	@AfterAll
	static void stop() {
		if (postgres != null) {
			postgres.close();
		}
	}

	@BeforeEach
	void noSchemaYet() throws Exception {
		postgres.execute("mastodon_production", "DROP SCHEMA IF EXISTS mastodon_maintenance CASCADE");
	}

	@Test
	void dbHostThatIsADirectoryConnectsThroughTheSocketAsTheOperatingSystemUser() throws Exception {
		PackagedTool tool = PackagedTool.run(OperatingSystem.MASTODON_USER, workingDirectory,
				Map.of("DB_HOST", postgres.socketDirectory().toString(), "DB_PORT", String.valueOf(postgres.port())),
				"executions");

		assertThat(tool.status()).as(tool.toString()).isZero();
		assertThat(schemaOwner()).isEqualTo("mastodon");
	}

	@Test
	void databaseUrlWithTheSocketDirectoryAsHostParameter() throws Exception {
		PackagedTool tool = PackagedTool.run(OperatingSystem.MASTODON_USER, workingDirectory,
				Map.of("DATABASE_URL", "postgresql:///mastodon_production?host=" + postgres.socketDirectory() + "&port="
						+ postgres.port() + "&sslmode=require"),
				"executions");

		assertThat(tool.status()).as(tool.toString()).isZero();
		assertThat(schemaOwner()).isEqualTo("mastodon");
	}

	@Test
	void databaseUrlWithThePercentEncodedSocketDirectoryAsHost() throws Exception {
		String host = postgres.socketDirectory().toString().replace("/", "%2F");
		PackagedTool tool = PackagedTool.run(OperatingSystem.MASTODON_USER, workingDirectory,
				Map.of("DATABASE_URL", "postgres://mastodon@" + host + ":" + postgres.port() + "/mastodon_production"),
				"executions");

		assertThat(tool.status()).as(tool.toString()).isZero();
		assertThat(schemaOwner()).isEqualTo("mastodon");
	}

	@Test
	void anotherOperatingSystemUserIsRefusedByPeerAuthentication() throws Exception {
		Path directory = OperatingSystem.directoryOf(PeerAuthenticatedPostgres.SERVER_USER, "socket-tool");

		PackagedTool tool = PackagedTool.run(PeerAuthenticatedPostgres.SERVER_USER, directory,
				Map.of("DB_HOST", postgres.socketDirectory().toString(), "DB_PORT", String.valueOf(postgres.port())),
				"executions");

		assertThat(tool.status()).as(tool.toString()).isNotZero();
		assertThat(tool.err()).as(tool.toString())
			.contains("Peer authentication failed for user \"mastodon\"")
			.contains("run the command as that user, as tootctl is run (sudo -u mastodon mastodon-maintenance ...)");
		assertThat(schemaOwner()).isNull();
	}

	@Test
	void dbPortNamesTheSocketFile() throws Exception {
		PackagedTool tool = PackagedTool.run(
				OperatingSystem.MASTODON_USER, workingDirectory, Map.of("DB_HOST",
						postgres.socketDirectory().toString(), "DB_PORT", String.valueOf(postgres.port() + 1)),
				"executions");

		assertThat(tool.status()).as(tool.toString()).isNotZero();
		assertThat(tool.out() + tool.err()).as(tool.toString()).contains(".s.PGSQL." + (postgres.port() + 1));
		assertThat(schemaOwner()).isNull();
	}

	private static String schemaOwner() throws Exception {
		SingleConnectionDataSource dataSource = postgres.dataSource("mastodon_production");
		try {
			return new JdbcTemplate(dataSource).query(
					"SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'mastodon_maintenance'",
					(rs) -> rs.next() ? rs.getString(1) : null);
		}
		finally {
			dataSource.destroy();
		}
	}

}
