package dev.mastodonmaintenance.schema;

import java.nio.file.Path;
import java.util.Optional;

import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What {@link MastodonSchema} reads from a database: the highest
 * {@code schema_migrations} version, the release it names, and which tables and columns
 * exist.
 */
class MastodonSchemaTests {

	@Test
	void theFixtureIsMastodon47() {
		MastodonSchema schema = MastodonSchema.read(MastodonDatabase.withFixture(getClass()).dataSource());

		assertThat(schema.version()).contains("20260812154114");
		assertThat(schema.release()).contains(MastodonRelease.V4_7);
		assertThat(schema.match()).isEqualTo(MastodonSchema.Match.KNOWN);
		assertThat(schema.description()).isEqualTo("Mastodon 4.7 schema (2026_08_12_154114)");
		assertThat(schema.hasTable("collections")).isTrue();
		assertThat(schema.hasColumn("media_attachments", "thumbnail_storage_schema_version")).isTrue();
		assertThat(schema.hasColumn("media_attachments", "no_such_column")).isFalse();
		assertThat(schema.hasTable("no_such_table")).isFalse();
	}

	@Test
	void theHighestVersionDecides() {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		db.jdbc().update("INSERT INTO schema_migrations (version) VALUES ('20250101000000'), ('20270104120000')");

		MastodonSchema schema = MastodonSchema.read(db.dataSource());

		assertThat(schema.match()).isEqualTo(MastodonSchema.Match.NEWER);
		assertThat(schema.release()).isEmpty();
		assertThat(schema.description()).isEqualTo(
				"Mastodon schema 2027_01_04_120000, newer than the newest release " + "known, 4.7 (2026_08_12_154114)");
	}

	@Test
	void aVersionRailsWouldNotWriteIsShownAsFound() {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		// sorts above 4.7's 20260812154114 only because '_' sorts above digits
		db.jdbc().update("INSERT INTO schema_migrations (version) VALUES ('2026_08_12_154114')");

		MastodonSchema schema = MastodonSchema.read(db.dataSource());

		assertThat(schema.match()).isEqualTo(MastodonSchema.Match.NEWER);
		assertThat(schema.description())
			.isEqualTo("Mastodon schema version '2026_08_12_154114' (not Rails' 14 digits), newer than the newest "
					+ "release known, 4.7 (2026_08_12_154114)");
	}

	@Test
	void anOlderSchemaIsNamedAsSuch() {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		db.jdbc().update("UPDATE schema_migrations SET version = '20250428095029'");

		MastodonSchema schema = MastodonSchema.read(db.dataSource());

		assertThat(schema.match()).isEqualTo(MastodonSchema.Match.OLDER);
		assertThat(schema.description()).isEqualTo("Mastodon schema 2025_04_28_095029, older than the oldest release "
				+ "supported, 4.4.4 (2025_09_12_082651)");
	}

	@Test
	void withoutSchemaMigrationsNoVersionIsKnown() {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		db.jdbc().update("DELETE FROM schema_migrations");
		assertThat(MastodonSchema.read(db.dataSource()).match()).isEqualTo(MastodonSchema.Match.UNKNOWN);

		db.jdbc().execute("DROP TABLE schema_migrations");
		MastodonSchema schema = MastodonSchema.read(db.dataSource());

		assertThat(schema.version()).isEmpty();
		assertThat(schema.match()).isEqualTo(MastodonSchema.Match.UNKNOWN);
		assertThat(schema.description()).isEqualTo("no Mastodon schema version (schema_migrations is absent or empty)");
	}

	@Test
	void mastodon44LacksTheThumbnailVersionAndCollections() {
		Optional<Path> dump = MastodonDatabase.realSchemaDump("schema-4.4.7.sql");
		assumeTrue(dump.isPresent(), "No shared/mastodon/schema-4.4.7.sql beside the checkout");
		MastodonDatabase db = MastodonDatabase.withRealSchema(getClass(), dump.get());
		db.jdbc().update("INSERT INTO schema_migrations (version) VALUES ('20251007142305')");

		MastodonSchema schema = MastodonSchema.read(db.dataSource());

		assertThat(schema.description()).isEqualTo("Mastodon 4.4 schema (2025_10_07_142305)");
		assertThat(schema.hasColumn("media_attachments", "thumbnail_storage_schema_version")).isFalse();
		assertThat(schema.hasColumn("media_attachments", "file_storage_schema_version")).isTrue();
		assertThat(schema.hasTable("collections")).isFalse();
		assertThat(schema.hasTable("quotes")).isTrue();
	}

}
