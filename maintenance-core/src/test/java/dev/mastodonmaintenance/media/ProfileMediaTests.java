package dev.mastodonmaintenance.media;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.media.ProfileMedia.Target;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.storage.RecordedFile;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.MediaRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ProfileMedia} selects and clears what {@code tootctl media remove --prune-profiles} and
 * {@code --remove-headers} do (§5.3).
 */
class ProfileMediaTests {

	private static MastodonDatabase db;

	private JdbcTemplate jdbc;

	private MediaRows rows;

	private ProfileMedia profiles;

	private final LocalDateTime cutoff = MediaRows.now().minusDays(7).withNano(0);

	private final LocalDateTime monthAgo = this.cutoff.minusDays(23);

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withRealSchema(ProfileMediaTests.class, MastodonDatabase.realSchemaDump().orElseThrow());
	}

	@BeforeEach
	void empty() {
		this.jdbc = db.jdbc();
		this.rows = new MediaRows(this.jdbc);
		this.rows.truncate();
		this.profiles = new ProfileMedia(this.jdbc);
	}

	@Test
	void visitsRemoteAccountsWebfingeredAndUpdatedAtOrBeforeTheCutoff() {
		withImages(this.rows.account("remote.example", this.cutoff, this.cutoff));
		withImages(this.rows.account("remote.example", this.monthAgo, null));
		withImages(this.rows.account("remote.example", MediaRows.now(), this.monthAgo));
		withImages(this.rows.account("remote.example", this.monthAgo, MediaRows.now()));
		withImages(this.rows.account(null, this.monthAgo, this.monthAgo));

		assertThat(this.profiles.visited(0, Long.MAX_VALUE, this.cutoff)).isEqualTo(1);
	}

	@Test
	void pruneProfilesTakesAvatarsAndHeaders() {
		long bob = withImages(this.rows.account("remote.example", this.monthAgo, this.monthAgo));

		List<ProfileImages> found = this.profiles.find(0, Long.MAX_VALUE, this.cutoff, Target.AVATARS_AND_HEADERS, false);

		assertThat(found).singleElement().satisfies((images) -> {
			assertThat(images.accountId()).isEqualTo(bob);
			assertThat(images.recordedBytes()).isEqualTo(300);
			assertThat(images.files()).extracting(RecordedFile::key).containsExactly(
					"cache/accounts/avatars/" + IdPartition.of(bob) + "/original/ab12ab12ab12ab12.gif",
					"cache/accounts/avatars/" + IdPartition.of(bob) + "/static/ab12ab12ab12ab12.png",
					"cache/accounts/headers/" + IdPartition.of(bob) + "/original/cd34cd34cd34cd34.jpeg");
		});
	}

	@Test
	void removeHeadersTakesHeadersOnlyAndSkipsAccountsWithoutOne() {
		long bob = withImages(this.rows.account("remote.example", this.monthAgo, this.monthAgo));
		long avatarOnly = this.rows.account("remote.example", this.monthAgo, this.monthAgo);
		this.rows.avatar(avatarOnly, "ef56ef56ef56ef56.png", "image/png", 100);

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
			.containsEntry("header_remote_url", "https://remote.example/header/cd34cd34cd34cd34.jpeg")
			.containsEntry("avatar_file_name", "ab12ab12ab12ab12.gif");
		assertThat(this.jdbc.queryForObject("SELECT avatar_file_name FROM accounts WHERE id = ?", String.class,
				avatarOnly)).isEqualTo("ef56ef56ef56ef56.png");
	}

	@Test
	void clearingAvatarsLeavesABlankHeaderAsItIs() {
		long bob = this.rows.account("remote.example", this.monthAgo, this.monthAgo);
		this.rows.avatar(bob, "ab12ab12ab12ab12.png", "image/png", 100);
		this.jdbc.update("UPDATE accounts SET header_content_type = 'image/png' WHERE id = ?", bob);
		LocalDateTime before = MediaRows.now().minusSeconds(5);

		this.profiles.clear(0, Long.MAX_VALUE, this.cutoff, Target.AVATARS_AND_HEADERS, false);

		Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM accounts WHERE id = ?", bob);
		assertThat(row).containsEntry("avatar_file_name", null)
			.containsEntry("avatar_remote_url", "https://remote.example/avatar/ab12ab12ab12ab12.png")
			.containsEntry("header_content_type", "image/png");
		assertThat(((java.sql.Timestamp) row.get("updated_at")).toLocalDateTime()).isAfter(before);
	}

	@Test
	void accountsWithLocalFollowsAreSkippedUnlessFollowsAreIncluded() {
		long alice = this.rows.localAccount();
		long followed = withImages(this.rows.account("remote.example", this.monthAgo, this.monthAgo));
		long following = withImages(this.rows.account("remote.example", this.monthAgo, this.monthAgo));
		long alone = withImages(this.rows.account("remote.example", this.monthAgo, this.monthAgo));
		this.rows.follow(alice, followed);
		this.rows.follow(following, alice);

		assertThat(this.profiles.find(0, Long.MAX_VALUE, this.cutoff, Target.AVATARS_AND_HEADERS, false))
			.extracting(ProfileImages::accountId)
			.containsExactly(alone);
		assertThat(this.profiles.clear(0, Long.MAX_VALUE, this.cutoff, Target.AVATARS_AND_HEADERS, true))
			.extracting(ProfileImages::accountId)
			.containsExactlyInAnyOrder(followed, following, alone);
	}

	private long withImages(long accountId) {
		this.rows.avatar(accountId, "ab12ab12ab12ab12.gif", "image/gif", 100);
		this.rows.header(accountId, "cd34cd34cd34cd34.jpeg", "image/jpeg", 200);
		return accountId;
	}

}
