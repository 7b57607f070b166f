package dev.mastodonmaintenance.operator.packaged;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A PostgreSQL server as Mastodon's standard install has it: listening on a Unix socket
 * only, with {@code local all all peer} as its whole {@code pg_hba.conf}, so that a
 * client is let in as the role whose name is its operating system user's, without a
 * password.
 * <p>
 * The server runs zonky's PostgreSQL 17 binaries (extracted from their jar under
 * {@code target/}) as the operating system user {@code nobody}; its bootstrap superuser
 * is {@code root}, the user the tests run as (they need root to start processes as other
 * users). Unlike zonky's own start under {@code unshare -U}, where every client is seen
 * as {@code nobody}, this server sees each client's real user.
 */
final class PeerAuthenticatedPostgres implements AutoCloseable {

	static final String SERVER_USER = "nobody";

	private final Path base;

	private final Path socketDirectory;

	private final int port;

	private final Process process;

	private PeerAuthenticatedPostgres(Path base, Path socketDirectory, int port, Process process) {
		this.base = base;
		this.socketDirectory = socketDirectory;
		this.port = port;
		this.process = process;
	}

	/**
	 * Initialises and starts a server in a fresh temporary directory.
	 * @param hbaLines {@code pg_hba.conf} lines read before {@code local all all peer}
	 * @return the running server
	 */
	static PeerAuthenticatedPostgres start(String... hbaLines) throws Exception {
		Path bin = binaries();
		Path base = Files.createTempDirectory("peer-postgres");
		Path data = base.resolve("data");
		Path sockets = base.resolve("sockets");
		Files.createDirectories(data);
		Files.createDirectories(sockets);
		OperatingSystem.run("chown", "-R", SERVER_USER, base.toString());
		OperatingSystem.run("chmod", "755", base.toString(), sockets.toString());
		OperatingSystem.run("chmod", "700", data.toString());
		OperatingSystem.runAs(SERVER_USER, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "root",
				"--auth-local=peer", "--auth-host=reject", "-E", "UTF8", "--no-sync", "--no-instructions");
		// peer over the socket, nothing else (unless told)
		Files.writeString(data.resolve("pg_hba.conf"), String.join("\n", hbaLines) + "\nlocal all all peer\n");
		int port = freePort();
		List<String> command = new ArrayList<>(OperatingSystem.as(SERVER_USER));
		command.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", String.valueOf(port),
				"-k", sockets.toString(), "-c", "listen_addresses=", "-c", "fsync=off"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(base.resolve("postgres.log").toFile())
			.start();
		PeerAuthenticatedPostgres server = new PeerAuthenticatedPostgres(base, sockets, port, process);
		Runtime.getRuntime().addShutdownHook(new Thread(server::close));
		server.awaitReady(base.resolve("postgres.log"));
		return server;
	}

	/**
	 * zonky's binaries for this platform, extracted once per build (in Java: xz may not
	 * be installed).
	 */
	private static Path binaries() throws IOException, InterruptedException {
		Path directory = Path.of("target/peer-postgres-binaries").toAbsolutePath();
		if (!Files.isExecutable(directory.resolve("bin/postgres"))) {
			try (InputStream in = PeerAuthenticatedPostgres.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
				if (in == null) {
					throw new IllegalStateException(
							"zonky's PostgreSQL binaries for linux-amd64 are not on the classpath");
				}
				extract(new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(in))), directory);
			}
		}
		// the server user must reach the binaries through every parent directory
		OperatingSystem.run("chmod", "-R", "a+rX", directory.toString());
		return directory.resolve("bin");
	}

	private static void extract(TarArchiveInputStream tar, Path directory) throws IOException {
		TarArchiveEntry entry;
		while ((entry = tar.getNextEntry()) != null) {
			Path target = directory.resolve(entry.getName()).normalize();
			if (!target.startsWith(directory)) {
				throw new IllegalStateException("Archive entry outside its directory: " + entry.getName());
			}
			if (entry.isDirectory()) {
				Files.createDirectories(target);
				continue;
			}
			Files.createDirectories(target.getParent());
			Files.deleteIfExists(target);
			if (entry.isSymbolicLink()) {
				Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
				continue;
			}
			Files.copy(tar, target);
			if ((entry.getMode() & 0100) != 0) {
				target.toFile().setExecutable(true, false);
			}
		}
	}

	private void awaitReady(Path log) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		SQLException last = null;
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("PostgreSQL exited:\n" + Files.readString(log));
			}
			if (Files.exists(this.socketDirectory.resolve(".s.PGSQL." + this.port))) {
				try (Connection connection = connect("postgres")) {
					return;
				}
				catch (SQLException ex) {
					last = ex;
				}
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("PostgreSQL did not accept connections:\n" + Files.readString(log), last);
	}

	/**
	 * A connection over the socket as {@code root}, the superuser, through the same
	 * socket factory as the tool.
	 * @param database the database
	 * @return the connection
	 */
	Connection connect(String database) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", "root");
		properties.setProperty("socketFactory", "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg");
		properties.setProperty("socketFactoryArg", this.socketDirectory.resolve(".s.PGSQL." + this.port).toString());
		properties.setProperty("sslmode", "disable");
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + this.port + "/" + database, properties);
	}

	/**
	 * A data source over one connection as {@code root}, which may take another role with
	 * {@code SET ROLE}.
	 * @param database the database
	 * @return the data source
	 */
	SingleConnectionDataSource dataSource(String database) throws SQLException {
		return new SingleConnectionDataSource(connect(database), true);
	}

	/**
	 * Runs statements as the superuser, each in auto-commit.
	 * @param database the database
	 * @param statements the statements
	 */
	void execute(String database, String... statements) throws SQLException {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	Path socketDirectory() {
		return this.socketDirectory;
	}

	int port() {
		return this.port;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			// SIGTERM: PostgreSQL's smart shutdown
			this.process.destroy();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		OperatingSystem.deleteQuietly(this.base);
	}

}
