package dev.mastodonmaintenance.operator.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The database Mastodon connects to, computed as its {@code config/database.yml} does in production:
 * {@code DB_HOST} ({@code localhost}), {@code DB_PORT} (5432), {@code DB_NAME} ({@code mastodon_production}),
 * {@code DB_USER} ({@code mastodon}), {@code DB_PASS}, {@code DB_SSLMODE} ({@code prefer}) and the other
 * {@code DB_SSL*}; a {@code DATABASE_URL} overrides each part it names, as Rails merges it.
 *
 * @param jdbcUrl the JDBC URL
 * @param username the user
 * @param password the password, empty when none
 */
record MastodonDatabaseSettings(String jdbcUrl, String username, String password) {

	/** libpq's connection parameters that the JDBC driver knows, with its name for each. */
	private static final Map<String, String> DRIVER_PARAMETERS = Map.of("sslmode", "sslmode", "sslrootcert",
			"sslrootcert", "sslcert", "sslcert", "sslkey", "sslkey", "sslpassword", "sslpassword", "connect_timeout",
			"connectTimeout", "application_name", "ApplicationName", "options", "options");

	/**
	 * Computes the database settings.
	 * @param variables Mastodon's variables
	 * @return the settings
	 * @throws IllegalArgumentException when {@code DATABASE_URL} or {@code DB_PORT} is malformed, or the host
	 * is a Unix socket directory
	 */
	static MastodonDatabaseSettings from(MastodonVariables variables) {
		String host = variables.get("DB_HOST", "localhost");
		String port = variables.get("DB_PORT", "5432");
		String name = variables.get("DB_NAME", "mastodon_production");
		String user = variables.get("DB_USER", "mastodon");
		String password = variables.get("DB_PASS", "");
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("sslmode", variables.get("DB_SSLMODE", "prefer"));
		putIfSet(parameters, "sslcert", variables.get("DB_SSLCERT"));
		putIfSet(parameters, "sslkey", variables.get("DB_SSLKEY"));
		putIfSet(parameters, "sslrootcert", variables.get("DB_SSLROOTCERT"));
		String url = variables.get("DATABASE_URL");
		if (url != null) {
			URI uri = parse(url);
			String[] userInfo = userInfo(uri);
			user = (userInfo[0] != null) ? userInfo[0] : user;
			password = (userInfo[1] != null) ? userInfo[1] : password;
			host = (uri.getHost() != null) ? uri.getHost() : host;
			port = (uri.getPort() != -1) ? String.valueOf(uri.getPort()) : port;
			String path = uri.getRawPath();
			if (path != null && path.length() > 1) {
				name = decode(path.substring(1));
			}
			Map<String, String> query = query(uri, url);
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
		if (host.startsWith("/")) {
			throw new IllegalArgumentException("Mastodon's database host " + host + " is a Unix socket directory, "
					+ "which the PostgreSQL JDBC driver cannot connect through: set DB_HOST=127.0.0.1 (with a password "
					+ "in DB_PASS if the server asks for one) or spring.datasource.url");
		}
		int portNumber = port(port);
		String jdbcParameters = parameters.entrySet()
			.stream()
			.map((entry) -> DRIVER_PARAMETERS.get(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		String jdbcHost = (host.contains(":") && !host.startsWith("[")) ? "[" + host + "]" : host;
		return new MastodonDatabaseSettings(
				"jdbc:postgresql://" + jdbcHost + ":" + portNumber + "/" + encode(name) + "?" + jdbcParameters, user,
				password);
	}

	private static URI parse(String url) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw malformed(url, ex.getMessage());
		}
		if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
			throw malformed(url, "the scheme must be postgres:// or postgresql://");
		}
		if (uri.getRawAuthority() != null && uri.getHost() == null) {
			throw malformed(url, "the host or port cannot be read");
		}
		return uri;
	}

	private static @Nullable String[] userInfo(URI uri) {
		String raw = uri.getRawUserInfo();
		if (raw == null) {
			return new String[2];
		}
		int colon = raw.indexOf(':');
		if (colon < 0) {
			return new String[] { decode(raw), null };
		}
		return new String[] { decode(raw.substring(0, colon)), decode(raw.substring(colon + 1)) };
	}

	private static Map<String, String> query(URI uri, String url) {
		Map<String, String> parameters = new LinkedHashMap<>();
		String raw = uri.getRawQuery();
		if (raw == null || raw.isEmpty()) {
			return parameters;
		}
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				throw malformed(url, "query parameter '" + pair + "' is not name=value");
			}
			parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
		}
		return parameters;
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
		throw new IllegalArgumentException("Mastodon's database port '" + port + "' (DB_PORT or DATABASE_URL) is "
				+ "not a port number");
	}

	private static void putIfSet(Map<String, String> parameters, String name, @Nullable String value) {
		if (value != null) {
			parameters.put(name, value);
		}
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// the value may be a password: the message does not repeat it
			throw new IllegalArgumentException("Malformed DATABASE_URL: a %-escape in it is invalid (" + ex.getMessage()
					+ ")", ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static IllegalArgumentException malformed(String url, @Nullable String problem) {
		return new IllegalArgumentException("Malformed DATABASE_URL '" + redact(url) + "': " + problem
				+ "; expected postgres://user:password@host:port/database?sslmode=require");
	}

	/** Keeps a password out of error messages and logs. */
	static String redact(String url) {
		return url.replaceAll("(://[^:/@]*:)[^@]*@", "$1****@");
	}

}
