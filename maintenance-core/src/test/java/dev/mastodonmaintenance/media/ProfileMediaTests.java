package dev.mastodonmaintenance.media;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.media.ProfileMedia.Target;
import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ProfileMedia} selects and clears what
 * {@code tootctl media remove --prune-profiles} and {@code --remove-headers} do
 * (docs/media.md).
 */
class ProfileMediaTests {

	private static MastodonDatabase db;

	private JdbcTemplate jdbc;

	private MastodonData data;

	private ProfileMedia profiles;

	private final LocalDateTime cutoff = daysAgo(7).withNano(0);

	private final LocalDateTime monthAgo = daysAgo(30);

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withFixture(ProfileMediaTests.class);
	}

	@BeforeEach
	void empty() {
		db.execute("TRUNCATE accounts, users, follows CASCADE");
		this.jdbc = db.jdbc();
		this.data = new MastodonData(db.dataSource());
		this.profiles = new ProfileMedia(this.jdbc, MastodonSchema.read(this.jdbc));
	}

	@Test
	void visitsRemoteAccountsWebfingeredAndUpdatedAtOrBeforeTheCutoff() {
		remote("atcutoff", this.cutoff, this.cutoff);
		remote("neverwebfingered", this.monthAgo, null);
		remote("updatedrecently", MastodonData.now(), this.monthAgo);
		remote("webfingeredrecently", this.monthAgo, MastodonData.now());
		this.data.localAccount("alice")
			.updatedAt(this.monthAgo)
			.lastWebfingeredAt(this.monthAgo)
			.avatar("ab12ab12ab12ab12.gif", 100)
			.insert();

		assertThat(this.profiles.visited(0, Long.MAX_VALUE, this.cutoff)).isEqualTo(1);
	}

	@Test
	void pruneProfilesTakesAvatarsAndHeaders() {
		long bob = remote("bob", this.monthAgo, this.monthAgo);

		List<ProfileImages> found = this.profiles.find(0, Long.MAX_VALUE, this.cutoff, Target.AVATARS_AND_HEADERS,
				false);

		assertThat(found).singleElement().satisfies((images) -> {
			assertThat(images.accountId()).isEqualTo(bob);
			assertThat(images.recordedBytes()).isEqualTo(300);
			assertThat(images.files()).extracting(ObjectToRemove::key)
				.containsExactly("cache/accounts/avatars/" + IdPartition.of(bob) + "/original/ab12ab12ab12ab12.gif",
						"cache/accounts/avatars/" + IdPartition.of(bob) + "/static/ab12ab12ab12ab12.png",
						"cache/accounts/headers/" + IdPartition.of(bob) + "/original/cd34cd34cd34cd34.jpeg");
		});
	}

	@Test
	void removeHeadersTakesHeadersOnlyAndSkipsAccountsWithoutOne() {
		long bob = remote("bob", this.monthAgo, this.monthAgo);
		long avatarOnly = this.data.remoteAccount("carol", "example.com")
			.updatedAt(this.monthAgo)
			.lastWebfingeredAt(this.monthAgo)
			.avatar("ef56ef56ef56ef56.png", 100)
			.insert()
			.id();

		assertThat(this.profiles.visited(0, Long.MAX_VALUE, this.cutoff)).isEqualTo(2);

		List<ProfileImages> cleared = this.profiles.clear(0, Long.MAX_VALUE, this.cutoff, Target.HEADERS, false);

		assertThat(cleared).singleElement().satisfies((images) -> {
			assertThat(images.accountId()).isEqualTo(bob);
			assertThat(images.avatar()).isNull();
			assertThat(images.recordedBytes()).isEqualTo(200);
		});
		assertThat(this.jdbc.queryForMap("SELECT * FROM accounts WHERE id = ?", bob))
			.containsEntry("header_file_name", null)
			.containsEntry("header_content_type", null)
			.containsEntry("header_file_size", null)
			.containsEntry("header_updated_at", null)
			.containsEntry("header_remote_url", "https://example.com/system/headers/cd34cd34cd34cd34.jpeg")
			.containsEntry("avatar_file_name", "ab12ab12ab12ab12.gif");
		assertThat(this.jdbc.queryForObject("SELECT avatar_file_name FROM accounts WHERE id = ?", String.class,
				avatarOnly))
			.isEqualTo("ef56ef56ef56ef56.png");
	}

	@Test
	void clearingAvatarsLeavesABlankHeaderAsItIs() {
		long bob = this.data.remoteAccount("bob", "example.com")
			.updatedAt(this.monthAgo)
			.lastWebfingeredAt(this.monthAgo)
			.avatar("ab12ab12ab12ab12.png", 100)
			.insert()
			.id();
		this.jdbc.update("UPDATE accounts SET header_content_type = 'image/png' WHERE id = ?", bob);

		this.profiles.clear(0, Long.MAX_VALUE, this.cutoff, Target.AVATARS_AND_HEADERS, false);

		Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM accounts WHERE id = ?", bob);
		assertThat(row).containsEntry("avatar_file_name", null)
			.containsEntry("avatar_remote_url", "https://example.com/system/avatars/ab12ab12ab12ab12.png")
			.containsEntry("header_content_type", "image/png");
		assertThat(((java.sql.Timestamp) row.get("updated_at")).toLocalDateTime()).isAfter(daysAgo(0.01));
	}

	@Test
	void accountsWithLocalFollowsAreSkippedUnlessFollowsAreIncluded() {
		Account alice = this.data.localAccount("alice").insert();
		long followed = remote("followed", this.monthAgo, this.monthAgo);
		long following = remote("following", this.monthAgo, this.monthAgo);
		long alone = remote("alone", this.monthAgo, this.monthAgo);
		this.data.follow(alice, new Account(followed, "followed", "example.com"));
		this.data.follow(new Account(following, "following", "example.com"), alice);

		assertThat(this.profiles.find(0, Long.MAX_VALUE, this.cutoff, Target.AVATARS_AND_HEADERS, false))
			.extracting(ProfileImages::accountId)
			.containsExactly(alone);
		assertThat(this.profiles.clear(0, Long.MAX_VALUE, this.cutoff, Target.AVATARS_AND_HEADERS, true))
			.extracting(ProfileImages::accountId)
			.containsExactlyInAnyOrder(followed, following, alone);
	}

	private long remote(String username, LocalDateTime updatedAt, LocalDateTime lastWebfingeredAt) {
		return this.data.remoteAccount(username, "example.com")
			.updatedAt(updatedAt)
			.lastWebfingeredAt(lastWebfingeredAt)
			.avatar("ab12ab12ab12ab12.gif", 100)
			.header("cd34cd34cd34cd34.jpeg", 200)
			.insert()
			.id();
	}

}
