package dev.mastodonmaintenance.batch.testing;

import java.util.List;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database of a media test class, registered as a static extension: Mastodon's
 * fixture created once for the class, and emptied of its accounts and all that hangs off
 * them (statuses, media, follows) before each test, which then writes the rows it needs.
 */
public final class MediaDatabase implements BeforeAllCallback, BeforeEachCallback {

	private @Nullable MastodonDatabase db;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.db = MastodonDatabase.withFixture(context.getRequiredTestClass());
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		db().execute("TRUNCATE accounts, users, follows, statuses, media_attachments CASCADE");
	}

	/**
	 * The database.
	 * @return the database
	 */
	public MastodonDatabase db() {
		if (this.db == null) {
			throw new IllegalStateException("MediaDatabase must be registered as a static extension");
		}
		return this.db;
	}

	public JdbcTemplate jdbc() {
		return db().jdbc();
	}

	/**
	 * A writer of Mastodon rows into the database.
	 * @return the writer
	 */
	public MastodonData data() {
		return new MastodonData(db().dataSource());
	}

	/**
	 * The job on this database, with a storage and an optional cache Redis.
	 * @param storage the media storage, {@code null} for none
	 * @param cacheRedisUrl the cache Redis, {@code null} for none
	 * @return the harness
	 */
	public JobHarness harness(@Nullable MediaStorage storage, @Nullable String cacheRedisUrl) {
		return JobHarness.on(new MastodonResources(db().dataSource(), storage, cacheRedisUrl, List.of()));
	}

}
