package dev.mastodonmaintenance.operator.config;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The database Mastodon connects to, computed as its {@code config/database.yml} does in
 * production: {@code DB_HOST} ({@code localhost}), {@code DB_PORT} (5432),
 * {@code DB_NAME} ({@code mastodon_production}), {@code DB_USER} ({@code mastodon}),
 * {@code DB_PASS}, {@code DB_SSLMODE} ({@code prefer}) and the other {@code DB_SSL*},
 * else libpq's {@code PGSSLCERT}, {@code PGSSLKEY}, {@code PGSSLROOTCERT}; a
 * {@code DATABASE_URL} overrides each part it names, as Rails merges it, its query
 * parameters ({@code host}, {@code port}, {@code sslmode}...) last, as libpq reads them.
 * <p>
 * A host that is a directory ({@code DB_HOST=/var/run/postgresql}, Mastodon's standard
 * install, or {@code ?host=/var/run/postgresql}, or
 * {@code postgres://mastodon@%2Fvar%2Frun%2Fpostgresql/db}) is where PostgreSQL's Unix
 * socket {@code .s.PGSQL.<port>} lies: the driver connects through it with junixsocket,
 * so that {@code peer} authentication (no password; the operating system user is the
 * role) works as it does for Mastodon. As libpq, SSL is not used on a Unix socket
 * whatever {@code sslmode} says.
 *
 * @param jdbcUrl the JDBC URL
 * @param username the user
 * @param password the password, empty when none
 * @param socket the Unix socket connected through, or {@code null} over TCP
 */
record MastodonDatabaseSettings(String jdbcUrl, String username, String password, @Nullable Path socket) {

	/**
	 * libpq's connection parameters that the JDBC driver knows, with its name for each.
	 */
	private static final Map<String, String> DRIVER_PARAMETERS = Map.of("sslmode", "sslmode", "sslrootcert",
			"sslrootcert", "sslcert", "sslcert", "sslkey", "sslkey", "sslpassword", "sslpassword", "connect_timeout",
			"connectTimeout", "application_name", "ApplicationName", "options", "options");

	private static final List<String> SSL_PARAMETERS = List.of("sslmode", "sslrootcert", "sslcert", "sslkey",
			"sslpassword");

	/** libpq's {@code sslmode} values, which the JDBC driver shares. */
	private static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
			"verify-full");

	/** junixsocket's socket factory taking the socket's path as its argument. */
	private static final String UNIX_SOCKET_FACTORY = "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg";

	/**
	 * Computes the database settings.
	 * @param variables Mastodon's variables
	 * @return the settings
	 * @throws IllegalArgumentException when {@code DATABASE_URL}, {@code DB_PORT} or
	 * {@code DB_SSLMODE} is malformed; the message never repeats a password
	 */
	static MastodonDatabaseSettings from(MastodonVariables variables) {
		String host = variables.get("DB_HOST", "localhost");
		String port = variables.get("DB_PORT", "5432");
		String name = variables.get("DB_NAME", "mastodon_production");
		String user = variables.get("DB_USER", "mastodon");
		String password = variables.get("DB_PASS", "");
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("sslmode", variables.get("DB_SSLMODE", "prefer"));
		// libpq reads PGSSLCERT & co. from the environment when the connection does not
		// name them, as Mastodon's
		// database.yml does not; PGSSLMODE it never sees, database.yml always naming
		// sslmode
		putIfSet(parameters, "sslcert", variables.get("DB_SSLCERT", variables.get("PGSSLCERT", "")));
		putIfSet(parameters, "sslkey", variables.get("DB_SSLKEY", variables.get("PGSSLKEY", "")));
		putIfSet(parameters, "sslrootcert", variables.get("DB_SSLROOTCERT", variables.get("PGSSLROOTCERT", "")));
		String url = variables.get("DATABASE_URL");
		if (url != null) {
			DatabaseUrl parsed = DatabaseUrl.parse(url);
			user = (parsed.user() != null) ? parsed.user() : user;
			password = (parsed.password() != null) ? parsed.password() : password;
			host = (parsed.host() != null) ? parsed.host() : host;
			port = (parsed.port() != null) ? parsed.port() : port;
			name = (parsed.database() != null) ? parsed.database() : name;
			Map<String, String> query = parsed.query();
			host = query.getOrDefault("host", host);
			port = query.getOrDefault("port", port);
			user = query.getOrDefault("user", user);
			password = query.getOrDefault("password", password);
			name = query.getOrDefault("dbname", name);
			query.forEach((key, value) -> {
				if (DRIVER_PARAMETERS.containsKey(key)) {
					parameters.put(key, value);
				}
			});
		}
		int portNumber = port(port);
		String sslmode = parameters.get("sslmode");
		if (!SSL_MODES.contains(sslmode)) {
			throw new IllegalArgumentException("Mastodon's database sslmode '" + sslmode + "' (DB_SSLMODE or "
					+ "DATABASE_URL's sslmode) is not one of " + String.join(", ", SSL_MODES));
		}
		String address;
		Path socket = null;
		if (host.startsWith("/")) {
			String directory = host.endsWith("/") && host.length() > 1 ? host.substring(0, host.length() - 1) : host;
			SSL_PARAMETERS.forEach(parameters::remove);
			parameters.put("sslmode", "disable");
			parameters.put("socketFactory", UNIX_SOCKET_FACTORY);
			socket = Path.of(directory, ".s.PGSQL." + portNumber);
			parameters.put("socketFactoryArg", socket.toString());
			// the host name is not used to connect, only to name the server in the
			// driver's messages
			address = "localhost";
		}
		else {
			address = (host.contains(":") && !host.startsWith("[")) ? "[" + host + "]" : host;
		}
		String jdbcParameters = parameters.entrySet()
			.stream()
			.map((entry) -> DRIVER_PARAMETERS.getOrDefault(entry.getKey(), entry.getKey()) + "="
					+ encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		return new MastodonDatabaseSettings(
				"jdbc:postgresql://" + address + ":" + portNumber + "/" + encode(name) + "?" + jdbcParameters, user,
				password, socket);
	}

	/**
	 * Checks that the Unix socket, if one is used, exists: the driver would only say "No
	 * such file or directory", without naming it.
	 * @throws IllegalArgumentException naming the socket and the variables that chose it
	 */
	void checkSocketExists() {
		if (this.socket != null && !Files.exists(this.socket)) {
			throw new IllegalArgumentException("No PostgreSQL socket " + this.socket + " (DB_HOST or DATABASE_URL's "
					+ "host names its directory, DB_PORT its number): is PostgreSQL running and listening there?");
		}
	}

	private static int port(String port) {
		try {
			int number = Integer.parseInt(port.trim());
			if (number > 0 && number < 65536) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(
				"Mastodon's database port '" + port + "' (DB_PORT or DATABASE_URL) is " + "not a port number");
	}

	private static void putIfSet(Map<String, String> parameters, String name, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			parameters.put(name, value);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * The parts of a {@code DATABASE_URL},
	 * {@code postgres://user:password@host:port/database?name=value}, each
	 * percent-decoded, {@code null} when absent. Read by hand rather than by
	 * {@link java.net.URI}, which rejects a host such as
	 * {@code %2Fvar%2Frun%2Fpostgresql} and repeats the whole input, password included,
	 * in its messages.
	 */
	private record DatabaseUrl(@Nullable String user, @Nullable String password, @Nullable String host,
			@Nullable String port, @Nullable String database, Map<String, String> query) {

		static DatabaseUrl parse(String url) {
			String scheme = url.startsWith("postgres://") ? "postgres://"
					: url.startsWith("postgresql://") ? "postgresql://" : null;
			if (scheme == null) {
				throw malformed(url, "the scheme must be postgres:// or postgresql://");
			}
			if (url.chars().anyMatch(Character::isWhitespace)) {
				throw malformed(url, "it contains a space; write a space in the password as %20");
			}
			String rest = url.substring(scheme.length());
			int hash = rest.indexOf('#');
			rest = (hash >= 0) ? rest.substring(0, hash) : rest;
			int question = rest.indexOf('?');
			String rawQuery = (question >= 0) ? rest.substring(question + 1) : "";
			rest = (question >= 0) ? rest.substring(0, question) : rest;
			// a password may hold '@', '/' or ':' unescaped: the user information runs to
			// the last '@'
			int at = rest.lastIndexOf('@');
			String userInfo = (at >= 0) ? rest.substring(0, at) : null;
			rest = rest.substring(at + 1);
			int slash = rest.indexOf('/');
			String hostPort = (slash >= 0) ? rest.substring(0, slash) : rest;
			String path = (slash >= 0) ? rest.substring(slash + 1) : "";
			String user = null;
			String password = null;
			if (userInfo != null) {
				int colon = userInfo.indexOf(':');
				user = decode(url, (colon >= 0) ? userInfo.substring(0, colon) : userInfo, "user name");
				password = (colon >= 0) ? decode(url, userInfo.substring(colon + 1), "password") : null;
			}
			String host;
			String port = null;
			if (hostPort.startsWith("[")) {
				int close = hostPort.indexOf(']');
				if (close < 0) {
					throw malformed(url, "the IPv6 host has no closing ']'");
				}
				host = hostPort.substring(1, close);
				String after = hostPort.substring(close + 1);
				if (!after.isEmpty() && !after.startsWith(":")) {
					throw malformed(url, "unexpected text after the IPv6 host");
				}
				port = after.isEmpty() ? null : after.substring(1);
			}
			else {
				int colon = hostPort.lastIndexOf(':');
				host = decode(url, (colon >= 0) ? hostPort.substring(0, colon) : hostPort, "host");
				port = (colon >= 0) ? hostPort.substring(colon + 1) : null;
			}
			if (port != null && !port.matches("\\d{1,5}")) {
				throw malformed(url, "the port is not a number");
			}
			if (!host.startsWith("/") && !host.isEmpty() && !host.matches("[\\p{L}\\p{N}.\\-_:]+")) {
				throw malformed(url, "the host cannot be read");
			}
			String database = path.isEmpty() ? null : decode(url, path, "database name");
			return new DatabaseUrl(user, password, host.isEmpty() ? null : host,
					(port != null && port.isEmpty()) ? null : port, database, query(url, rawQuery));
		}

		private static Map<String, String> query(String url, String raw) {
			Map<String, String> parameters = new LinkedHashMap<>();
			if (raw.isEmpty()) {
				return parameters;
			}
			String[] pairs = raw.split("&");
			for (int i = 0; i < pairs.length; i++) {
				int equals = pairs[i].indexOf('=');
				if (equals <= 0) {
					// the pair itself is not shown: it may be a misplaced password
					throw malformed(url, "query parameter " + (i + 1) + " is not name=value");
				}
				String name = decode(url, pairs[i].substring(0, equals), "query parameter " + (i + 1));
				parameters.put(name, decode(url, pairs[i].substring(equals + 1), "value of " + name));
			}
			return parameters;
		}

		private static String decode(String url, String value, String part) {
			try {
				return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				// neither the decoder's message nor the exception is kept: they repeat
				// the text, maybe a password
				throw malformed(url, "the " + part + " holds an invalid %-escape (write a % itself as %25)");
			}
		}

		private static IllegalArgumentException malformed(String url, String problem) {
			return new IllegalArgumentException("Malformed DATABASE_URL '" + SecretRedaction.url(url) + "': " + problem
					+ "; expected postgres://user:password@host:port/database?sslmode=require");
		}

	}

}
