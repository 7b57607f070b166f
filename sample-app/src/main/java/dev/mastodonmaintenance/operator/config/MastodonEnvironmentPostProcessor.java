package dev.mastodonmaintenance.operator.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mastodonmaintenance.operator.demo.DemoInstance;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Configures the tool the way Mastodon is configured: from Mastodon's environment
 * variables and, when its path is given
 * ({@code --mastodon-env=/home/mastodon/live/.env.production} or
 * {@code MASTODON_ENV_FILE}), Mastodon's dotenv file. The result is added with the lowest
 * precedence, so any Spring property given explicitly (command line, {@code SPRING_*}
 * variables, {@code application.properties}) wins.
 * <p>
 * With {@value #DEMO} set (the command line's {@code --demo}), the tool runs on a demo
 * instance and Mastodon's variables are not read, so that a demo never touches a real
 * Redis or storage named in the environment. With neither a demo nor a Mastodon
 * configured (no file, no database variable, no {@code spring.datasource.url}), the
 * application refuses to start, saying what to give: a job that silently ran on nothing
 * would look like success. The packaged tool has no demo (its embedded servers are left
 * out of its jar) and refuses {@code --demo}, saying how to configure Mastodon.
 */
public class MastodonEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The property, or command-line option, naming Mastodon's dotenv file. */
	public static final String ENV_FILE_PROPERTY = "mastodon-env";

	/** The environment variable naming Mastodon's dotenv file. */
	public static final String ENV_FILE_VARIABLE = "MASTODON_ENV_FILE";

	/** Set to {@code true} to run the tool on its demo instance. */
	public static final String DEMO = "mastodon.operator.demo.enabled";

	/**
	 * Where the demo keeps its database and media between runs, by default in the user's
	 * XDG data directory.
	 */
	public static final String DEMO_DIRECTORY = "mastodon.operator.demo.directory";

	/**
	 * The loopback port of the demo's embedded Redis, absent when the demo runs without
	 * Redis.
	 */
	public static final String DEMO_REDIS_PORT = "mastodon.operator.demo.redis-port";

	/** The name of the property source holding Mastodon's configuration. */
	public static final String SOURCE_NAME = "mastodonEnvironment";

	/** The demo's database server, which the packaged tool leaves out. */
	private static final String DEMO_DATABASE_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

	@Override
	public int getOrder() {
		// after the config data (application.properties) has been loaded, so that its
		// explicit values are seen
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> system = systemEnvironment(environment);
		if (environment.getProperty(DEMO, Boolean.class, false)) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, demo(environment, system)));
			return;
		}
		String file = environment.getProperty(ENV_FILE_PROPERTY);
		if (file == null || file.isBlank()) {
			file = (String) system.get(ENV_FILE_VARIABLE);
		}
		MastodonVariables variables = (file != null && !file.isBlank())
				? MastodonVariables.of((name) -> variable(system, name), Path.of(file.trim()))
				: MastodonVariables.of((name) -> variable(system, name));
		Map<String, Object> properties;
		if (variables.describeServer()) {
			properties = MastodonProperties.of(variables, true);
		}
		else if (environment.containsProperty("spring.datasource.url")) {
			properties = MastodonProperties.of(variables, false);
		}
		else {
			throw new IllegalStateException(
					"No Mastodon is configured: give its .env.production with --mastodon-env=FILE " + "or "
							+ ENV_FILE_VARIABLE
							+ ", or Mastodon's variables DATABASE_URL or DB_HOST, DB_NAME, DB_USER..."
							+ "; to try the tool on a demo instance instead, add --demo");
		}
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, properties));
	}

	private static Map<String, Object> demo(ConfigurableEnvironment environment, Map<String, Object> system) {
		if (!ClassUtils.isPresent(DEMO_DATABASE_CLASS, MastodonEnvironmentPostProcessor.class.getClassLoader())) {
			throw new IllegalStateException("The demo is not part of this installation (the packaged tool leaves out "
					+ "its embedded PostgreSQL and Redis; it runs from sample-app.jar built from source). Point the "
					+ "tool at Mastodon with --mastodon-env=/home/mastodon/live/.env.production, MASTODON_ENV_FILE, "
					+ "DATABASE_URL or DB_HOST/DB_NAME/DB_USER");
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		String configured = environment.getProperty(DEMO_DIRECTORY);
		Path directory = ((configured != null) ? Path.of(configured)
				: DemoInstance.defaultDirectory((name) -> variable(system, name)))
			.toAbsolutePath()
			.normalize();
		properties.put(DEMO_DIRECTORY, directory.toString());
		properties.put("mastodon.maintenance.console.notice", "DEMO DATABASE (--demo): this console works on a "
				+ "synthetic demo instance kept in " + directory + ", not on a Mastodon.");
		properties.put(MastodonProperties.PREFIX + "storage.type", "filesystem");
		properties.put(MastodonProperties.PREFIX + "storage.root", directory.resolve("media").toString());
		// the demo's remote server listens on loopback, which accounts cull may reach
		// only when allowed
		properties.put(MastodonProperties.PREFIX + "allowed-private-addresses", "127.0.0.1/32");
		if (environment.getProperty("mastodon.operator.demo.redis", Boolean.class, true)) {
			int port = freePort();
			properties.put(DEMO_REDIS_PORT, port);
			properties.put(MastodonProperties.PREFIX + "cache-redis-url", "redis://127.0.0.1:" + port + "/0");
		}
		return properties;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot find a free port for the demo's Redis", ex);
		}
	}

	private static Map<String, Object> systemEnvironment(ConfigurableEnvironment environment) {
		PropertySource<?> variables = environment.getPropertySources()
			.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		Object source = (variables != null) ? variables.getSource() : null;
		@SuppressWarnings("unchecked")
		Map<String, Object> map = (source instanceof Map<?, ?>) ? (Map<String, Object>) source : Map.of();
		return map;
	}

	private static @Nullable String variable(Map<String, Object> system, String name) {
		Object value = system.get(name);
		return (value != null) ? value.toString() : null;
	}

}
