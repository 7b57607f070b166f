package dev.mastodonmaintenance.operator.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Mastodon's configuration variables as Mastodon itself sees them: the process
 * environment, then its {@code .env.production} file for what the environment does not
 * set (dotenv never overrides a variable that is already set).
 */
final class MastodonVariables {

	/** The variables whose presence says that a Mastodon database is configured. */
	private static final Set<String> DATABASE_VARIABLES = Set.of("DATABASE_URL", "DB_HOST", "DB_PORT", "DB_NAME",
			"DB_USER", "DB_PASS");

	private final Function<String, @Nullable String> environment;

	private final Map<String, String> file;

	private final @Nullable Path fileLocation;

	private MastodonVariables(Function<String, @Nullable String> environment, Map<String, String> file,
			@Nullable Path fileLocation) {
		this.environment = environment;
		this.file = file;
		this.fileLocation = fileLocation;
	}

	/**
	 * Mastodon's variables from the environment alone.
	 * @param environment the process environment
	 * @return the variables
	 */
	static MastodonVariables of(Function<String, @Nullable String> environment) {
		return new MastodonVariables(environment, Map.of(), null);
	}

	/**
	 * Mastodon's variables from the environment and its dotenv file.
	 * @param environment the process environment
	 * @param file the dotenv file, such as {@code /home/mastodon/live/.env.production}
	 * @return the variables
	 * @throws IllegalArgumentException when the file cannot be read or is malformed
	 */
	static MastodonVariables of(Function<String, @Nullable String> environment, Path file) {
		return new MastodonVariables(environment, DotenvFile.read(file, environment), file.toAbsolutePath());
	}

	/**
	 * A variable, as Mastodon reads it: blank counts as unset, as Rails'
	 * {@code ENV['X'].present?}.
	 * @param name the variable
	 * @return its value, or {@code null}
	 */
	@Nullable String get(String name) {
		String value = this.environment.apply(name);
		if (value == null) {
			value = this.file.get(name);
		}
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	/**
	 * A variable with Mastodon's default.
	 * @param name the variable
	 * @param fallback the default when unset
	 * @return the value
	 */
	String get(String name, String fallback) {
		String value = get(name);
		return (value != null) ? value : fallback;
	}

	/**
	 * A boolean variable as Mastodon tests it: {@code == 'true'}.
	 * @param name the variable
	 * @return whether it is {@code true}
	 */
	boolean isTrue(String name) {
		return "true".equals(get(name));
	}

	/**
	 * Whether any of the names is set.
	 * @param names variable names
	 * @return whether one is set
	 */
	boolean anySet(String... names) {
		for (String name : names) {
			if (get(name) != null) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether these variables describe a Mastodon server: a dotenv file was given or a
	 * database variable is set. Without either, Mastodon's defaults (a local database
	 * named {@code mastodon_production}) are not assumed.
	 * @return whether a Mastodon is configured
	 */
	boolean describeServer() {
		return this.fileLocation != null || DATABASE_VARIABLES.stream().anyMatch((name) -> get(name) != null);
	}

	/**
	 * The directory holding the dotenv file: Mastodon's {@code Rails.root}, when the file
	 * lies in it as installed ({@code /home/mastodon/live}).
	 * @return the directory, or {@code null} without a file
	 */
	@Nullable Path railsRoot() {
		return (this.fileLocation != null) ? this.fileLocation.getParent() : null;
	}

}
