package dev.mastodonmaintenance.schema;

import java.util.Optional;

/**
 * The Mastodon releases the clean-up knows, oldest first, each with the
 * {@code schema_migrations} versions it spans. A schema version names a range rather than
 * a point: point releases add migrations, so a release runs from the version its first
 * supported point release ends with (its {@code .0}, but 4.4.4 for 4.4) up to the next
 * release's. The versions are those of each release's {@code db/schema.rb} at its "Bump
 * version" commit.
 */
public enum MastodonRelease {

	/**
	 * 4.4 from 4.4.4 ({@code 2025_09_12_082651}) to 4.4.7 ({@code 2025_10_07_142305}).
	 * 4.4.0 to 4.4.3 lack {@code index_statuses_on_conversation_id}, which
	 * statuses-remove finds orphaned conversations by (their tootctl built one for the
	 * run, which this job never does).
	 */
	V4_4("4.4", "4.4.4", "20250912082651", "4.4.7", "20251007142305"),

	/**
	 * 4.5: 4.5.0 ends with {@code 2025_10_23_210145}, 4.5.11 with
	 * {@code 2026_05_05_155103}.
	 */
	V4_5("4.5", "4.5.0", "20251023210145", "4.5.11", "20260505155103"),

	/**
	 * 4.6: 4.6.0 ends with {@code 2026_06_11_150940}, 4.6.5 with
	 * {@code 2026_08_05_130216}.
	 */
	V4_6("4.6", "4.6.0", "20260611150940", "4.6.5", "20260805130216"),

	/** 4.7: 4.7.0 ends with {@code 2026_08_12_154114}, the newest version known. */
	V4_7("4.7", "4.7.0", "20260812154114", "4.7.0", "20260812154114");

	private final String name;

	private final String firstPoint;

	private final String firstVersion;

	private final String latestPoint;

	private final String latestVersion;

	MastodonRelease(String name, String firstPoint, String firstVersion, String latestPoint, String latestVersion) {
		this.name = name;
		this.firstPoint = firstPoint;
		this.firstVersion = firstVersion;
		this.latestPoint = latestPoint;
		this.latestVersion = latestVersion;
	}

	/**
	 * The newest release known.
	 * @return the release
	 */
	public static MastodonRelease newest() {
		return values()[values().length - 1];
	}

	/**
	 * The oldest release supported.
	 * @return the release
	 */
	public static MastodonRelease oldest() {
		return values()[0];
	}

	/**
	 * The release a schema version belongs to: the newest release whose first supported
	 * version is at or below it.
	 * @param version a {@code schema_migrations} version, digits only
	 * ({@code 20260812154114})
	 * @return the release, empty when the version is older than the oldest release or
	 * newer than the newest version known
	 */
	public static Optional<MastodonRelease> of(String version) {
		if (version.compareTo(newest().latestVersion) > 0) {
			return Optional.empty();
		}
		MastodonRelease found = null;
		for (MastodonRelease release : values()) {
			if (version.compareTo(release.firstVersion) >= 0) {
				found = release;
			}
		}
		return Optional.ofNullable(found);
	}

	/**
	 * The release's name, such as {@code 4.7}.
	 * @return the name
	 */
	public String displayName() {
		return this.name;
	}

	/**
	 * The first point release supported, such as {@code 4.5.0}.
	 * @return the point release
	 */
	public String firstPoint() {
		return this.firstPoint;
	}

	/**
	 * The version the first supported point release ends with, where the release's range
	 * starts.
	 * @return digits only
	 */
	public String firstVersion() {
		return this.firstVersion;
	}

	/**
	 * The latest point release known, such as {@code 4.4.7}.
	 * @return the point release
	 */
	public String latestPoint() {
		return this.latestPoint;
	}

	/**
	 * The version the latest known point release ends with.
	 * @return digits only
	 */
	public String latestVersion() {
		return this.latestVersion;
	}

	/**
	 * A version as Mastodon's {@code db/schema.rb} writes it: {@code 2026_08_12_154114}.
	 * @param version digits, usually fourteen
	 * @return the version with underscores, or as given when it is not fourteen digits
	 */
	public static String schemaRbStyle(String version) {
		if (!version.matches("\\d{14}")) {
			return version;
		}
		return version.substring(0, 4) + "_" + version.substring(4, 6) + "_" + version.substring(6, 8) + "_"
				+ version.substring(8);
	}

}
