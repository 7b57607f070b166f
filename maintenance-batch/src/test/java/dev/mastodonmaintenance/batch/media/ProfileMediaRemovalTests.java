package dev.mastodonmaintenance.batch.media;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.MediaDatabase;
import dev.mastodonmaintenance.batch.testing.MediaStore;
import dev.mastodonmaintenance.batch.testing.MediaStore.Backend;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code media-remove} with {@code prune-profiles} or {@code remove-headers} (Mastodon's
 * spec cases and more): avatars and headers of remote accounts last webfingered and
 * updated a month ago go; accounts never webfingered, followed locally, or without a
 * header for {@code remove-headers} keep theirs, the latter still counted as visited.
 */
class ProfileMediaRemovalTests {

	@RegisterExtension
	static final MediaDatabase db = new MediaDatabase();

	@TempDir
	Path root;

	private final JdbcTemplate jdbc = db.jdbc();

	private final MastodonData data = db.data();

	private final LocalDateTime monthAgo = daysAgo(30);

	@ParameterizedTest
	@EnumSource(Backend.class)
	void pruneProfilesRemovesAvatarsAndHeaders(Backend backend) throws Exception {
		long bob = withImages("bob", this.monthAgo);
		try (MediaStore store = MediaStore.open(backend, this.root, "")) {
			store.writeAll(10, keys(bob));
			JobHarness harness = harness(store);

			JobExecution execution = harness.run("levels=media-remove", "media-remove.prune-profiles=true");

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(summary(harness, execution))
				.contains("Visited 1 accounts and removed profile media totaling 300 Bytes");
			assertThat(
					this.jdbc.queryForMap("SELECT avatar_file_name, header_file_name FROM accounts WHERE id = ?", bob))
				.containsEntry("avatar_file_name", null)
				.containsEntry("header_file_name", null);
			assertThat(store.keys()).isEmpty();
		}
	}

	@Test
	void removeHeadersKeepsAvatarsAndCountsAccountsWithoutAHeader() throws Exception {
		long bob = withImages("bob", this.monthAgo);
		long avatarOnly = this.data.remoteAccount("carol", "example.com")
			.updatedAt(this.monthAgo)
			.lastWebfingeredAt(this.monthAgo)
			.avatar("ef56ef56ef56ef56.png", 100)
			.insert()
			.id();
		try (MediaStore store = MediaStore.open(Backend.FILESYSTEM, this.root, "")) {
			store.writeAll(10, keys(bob));
			store.write(avatar(avatarOnly, "original", "ef56ef56ef56ef56.png"), 10);
			JobHarness harness = harness(store);

			JobExecution execution = harness.run("levels=media-remove", "media-remove.remove-headers=true");

			assertThat(summary(harness, execution))
				.contains("Visited 2 accounts and removed profile media totaling 200 Bytes");
			assertThat(
					this.jdbc.queryForMap("SELECT avatar_file_name, header_file_name FROM accounts WHERE id = ?", bob))
				.containsEntry("avatar_file_name", "ab12ab12ab12ab12.gif")
				.containsEntry("header_file_name", null);
			assertThat(store.keys()).containsExactlyInAnyOrder(avatar(bob, "original", "ab12ab12ab12ab12.gif"),
					avatar(bob, "static", "ab12ab12ab12ab12.png"),
					avatar(avatarOnly, "original", "ef56ef56ef56ef56.png"));
		}
	}

	@Test
	void accountsFollowedLocallyOrNeverWebfingeredKeepTheirImagesUnlessFollowsAreIncluded() throws Exception {
		Account alice = this.data.localAccount("alice").insert();
		long followed = withImages("followed", this.monthAgo);
		this.data.follow(alice, new Account(followed, "followed", "example.com"));
		long neverWebfingered = withImages("never", null);
		try (MediaStore store = MediaStore.open(Backend.FILESYSTEM, this.root, "")) {
			store.writeAll(10, keys(followed));
			store.writeAll(10, keys(neverWebfingered));
			JobHarness harness = harness(store);

			JobExecution first = harness.run("levels=media-remove", "media-remove.prune-profiles=true");

			assertThat(summary(harness, first))
				.contains("Visited 1 accounts and removed profile media totaling 0 Bytes");
			assertThat(store.keys()).hasSize(6);

			JobExecution second = harness.run("levels=media-remove", "media-remove.prune-profiles=true",
					"media-remove.include-follows=true");

			assertThat(summary(harness, second))
				.contains("Visited 1 accounts and removed profile media totaling 300 Bytes");
			assertThat(store.keys()).containsExactlyInAnyOrderElementsOf(keys(neverWebfingered));
		}
	}

	private JobHarness harness(MediaStore store) {
		return db.harness(store.storage(), null);
	}

	private static String summary(JobHarness harness, JobExecution execution) {
		return harness.step(execution, Level.MEDIA_REMOVE).getExitStatus().getExitDescription();
	}

	private long withImages(String username, LocalDateTime lastWebfingeredAt) {
		return this.data.remoteAccount(username, "example.com")
			.updatedAt(this.monthAgo)
			.lastWebfingeredAt(lastWebfingeredAt)
			.avatar("ab12ab12ab12ab12.gif", 100)
			.header("cd34cd34cd34cd34.jpeg", 200)
			.insert()
			.id();
	}

	private static List<String> keys(long accountId) {
		return List.of(avatar(accountId, "original", "ab12ab12ab12ab12.gif"),
				avatar(accountId, "static", "ab12ab12ab12ab12.png"),
				"cache/accounts/headers/" + IdPartition.of(accountId) + "/original/cd34cd34cd34cd34.jpeg");
	}

	private static String avatar(long accountId, String style, String fileName) {
		return "cache/accounts/avatars/" + IdPartition.of(accountId) + "/" + style + "/" + fileName;
	}

}
