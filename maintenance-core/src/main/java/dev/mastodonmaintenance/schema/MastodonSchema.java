package dev.mastodonmaintenance.schema;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Mastodon's schema as one database holds it, read once: the highest
 * {@code schema_migrations} version, the release it belongs to, and the tables and
 * columns of the schema Mastodon's tables live in (the first of the search path). Each
 * level asks it whether a table or column exists before building its SQL, so that a rule
 * whose table or column is absent is skipped or replaced before the run rather than
 * failing halfway.
 */
public final class MastodonSchema {

	private static final String HAS_MIGRATIONS = "SELECT to_regclass('schema_migrations') IS NOT NULL";

	// index: schema_migrations_pkey (the max of a primary key is one probe of its index)
	private static final String VERSION = "SELECT max(version) FROM schema_migrations";

	private static final String COLUMNS = """
			SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()
			""";

	private final @Nullable String version;

	private final Map<String, Set<String>> columns;

	private MastodonSchema(@Nullable String version, Map<String, Set<String>> columns) {
		this.version = version;
		this.columns = columns;
	}

	/**
	 * Reads the schema of a Mastodon database.
	 * @param database the database
	 * @return what it holds
	 */
	public static MastodonSchema read(DataSource database) {
		return read(new JdbcTemplate(database));
	}

	/**
	 * Reads the schema of a Mastodon database.
	 * @param jdbc the database
	 * @return what it holds
	 */
	public static MastodonSchema read(JdbcTemplate jdbc) {
		String version = Boolean.TRUE.equals(jdbc.queryForObject(HAS_MIGRATIONS, Boolean.class))
				? jdbc.queryForObject(VERSION, String.class) : null;
		Map<String, Set<String>> columns = new HashMap<>();
		jdbc.query(COLUMNS, (rs) -> {
			columns.computeIfAbsent(rs.getString(1), (table) -> new HashSet<>()).add(rs.getString(2));
		});
		return new MastodonSchema(version, Map.copyOf(columns));
	}

	/**
	 * The highest version in {@code schema_migrations}.
	 * @return digits only, such as {@code 20260812154114}; empty when the table is absent
	 * or empty
	 */
	public Optional<String> version() {
		return Optional.ofNullable(this.version);
	}

	/**
	 * The release the schema version belongs to.
	 * @return the release; empty when the version is unknown, older than the oldest
	 * supported release or newer than the newest one known
	 */
	public Optional<MastodonRelease> release() {
		return (this.version != null) ? MastodonRelease.of(this.version) : Optional.empty();
	}

	/**
	 * How the schema version compares with the releases known.
	 * @return the match
	 */
	public Match match() {
		if (this.version == null) {
			return Match.UNKNOWN;
		}
		if (this.version.compareTo(MastodonRelease.newest().latestVersion()) > 0) {
			return Match.NEWER;
		}
		return release().isPresent() ? Match.KNOWN : Match.OLDER;
	}

	/**
	 * Whether a table exists.
	 * @param table the table's name
	 * @return whether it exists
	 */
	public boolean hasTable(String table) {
		return this.columns.containsKey(table);
	}

	/**
	 * Whether a column exists.
	 * @param table the table's name
	 * @param column the column's name
	 * @return whether the table has it
	 */
	public boolean hasColumn(String table, String column) {
		return this.columns.getOrDefault(table, Set.of()).contains(column);
	}

	/**
	 * The schema in words: {@code Mastodon 4.6 schema (2026_06_11_150940)}, or what is
	 * wrong with it.
	 * @return one line
	 */
	public String description() {
		String version = (this.version != null) ? shown(this.version) : "";
		MastodonRelease newest = MastodonRelease.newest();
		return switch (match()) {
			case KNOWN -> "Mastodon " + release().orElseThrow().displayName() + " schema (" + version + ")";
			case NEWER -> "Mastodon schema " + version + ", newer than the newest release known, "
					+ newest.displayName() + " (" + MastodonRelease.schemaRbStyle(newest.latestVersion()) + ")";
			case OLDER -> "Mastodon schema " + version + ", older than the oldest release supported, "
					+ MastodonRelease.oldest().firstPoint() + " ("
					+ MastodonRelease.schemaRbStyle(MastodonRelease.oldest().firstVersion()) + ")";
			case UNKNOWN -> "no Mastodon schema version (schema_migrations is absent or empty)";
		};
	}

	// Rails writes 14 digits; anything else would sort apart from its look-alike once
	// shown as schema.rb does, so it is shown as found
	private static String shown(String version) {
		return version.matches("\\d{14}") ? MastodonRelease.schemaRbStyle(version)
				: "version '" + version + "' (not Rails' 14 digits)";
	}

	@Override
	public String toString() {
		return description();
	}

	/**
	 * How a schema version compares with the releases known.
	 */
	public enum Match {

		/** Within the range of a release known. */
		KNOWN,

		/**
		 * Newer than the newest release known: that release may protect more than the
		 * levels know.
		 */
		NEWER,

		/**
		 * Older than the oldest release supported: tables the levels use may be missing.
		 */
		OLDER,

		/**
		 * No version: {@code schema_migrations} is absent or empty, so this may not be
		 * Mastodon's database.
		 */
		UNKNOWN

	}

}
