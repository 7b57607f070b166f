package dev.mastodonmaintenance.batch.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.mastodonmaintenance.storage.AttachmentKey;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.Conversation;
import dev.mastodonmaintenance.testing.MastodonData.Status;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;

/**
 * The fixed Mastodon instance of the fault matrix, small but with several chunks of work
 * in every level at the matrix's batch sizes: Rails cache keys beside keys that stay;
 * preview cards old and young; remote media old (their files go) and recent; orphan files
 * among the others in key order; remote accounts whose server says they are gone (with an
 * avatar, a status and a media file) or still there; old remote statuses, some favourited
 * or replied to by a local user (kept), in conversations that become orphaned; local
 * media left unattached long ago. Seeded once, in the database that every scenario's
 * database is copied from.
 */
final class MatrixInstance {

	private final MastodonData data;

	private final String remoteOrigin;

	private final Map<String, Integer> objects = new LinkedHashMap<>();

	private final Map<String, String> redis = new LinkedHashMap<>();

	private int files;

	private MatrixInstance(DataSource database, String remoteOrigin) {
		this.data = new MastodonData(database);
		this.remoteOrigin = remoteOrigin;
	}

	/**
	 * Seeds a database and says what goes beside it in storage and Redis.
	 * @param database a database with Mastodon's tables
	 * @param remoteOrigin the origin of the remote server the cull asks, such as
	 * {@code http://127.0.0.1:4567}
	 * @return the instance
	 */
	static MatrixInstance seed(DataSource database, String remoteOrigin) {
		MatrixInstance instance = new MatrixInstance(database, remoteOrigin);
		instance.seed();
		return instance;
	}

	/** The stored objects, key to size. */
	Map<String, Integer> objects() {
		return this.objects;
	}

	/** The Redis keys and values. */
	Map<String, String> redis() {
		return this.redis;
	}

	private void seed() {
		for (int i = 0; i < 30; i++) {
			this.redis.put("cache:v3:statuses/" + (1000 + i), "rendered " + i);
		}
		for (int i = 0; i < 4; i++) {
			this.redis.put("cache:views/accounts/" + i, "view " + i);
		}
		this.redis.put("feed:home:1", "kept");
		this.redis.put("sidekiq:queue:default", "kept");

		Account alice = this.data.localAccount("alice").insert();
		Account bob = this.data.localAccount("bob").insert();
		previewCards();
		List<Account> alive = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			alive.add(remote("alive" + i, 30));
		}
		Account recent = remote("recent", 1);
		goneAccounts();
		oldStatuses(alive, alice, bob);
		for (int i = 0; i < 2; i++) {
			Status status = this.data.status(recent).remote().createdAt(daysAgo(2 + i)).insert();
			remoteMedia(recent, status, 2 + i);
		}
		for (int i = 0; i < 8; i++) {
			String file = name("unattached", i, "jpeg");
			long id = this.data.media(alice)
				.file(file, "image/jpeg", 300 + i)
				.createdAt(daysAgo(100 + i))
				.insert()
				.id();
			store(AttachmentKey.of(false, "media_attachments", "files", id, "original", file));
			store(AttachmentKey.of(false, "media_attachments", "files", id, "small", file));
		}
		for (int i = 0; i < 10; i++) {
			// files of rows that do not exist, spread over the key space
			String model = (i % 2 == 0) ? "media_attachments/files" : "preview_cards/images";
			String[] path = model.split("/");
			store(AttachmentKey.of(i % 3 != 0, path[0], path[1], 900_000L + i * 37, "original",
					name("orphan", i, "png")));
		}
	}

	private void previewCards() {
		for (int i = 0; i < 16; i++) {
			String file = name("card", i, "jpeg");
			long id = this.data.previewCard("https://news.example/" + i)
				.image(file, 200 + i)
				.updatedAt(daysAgo((i % 8 == 7) ? 2 : 200 + i))
				.insert()
				.id();
			store(AttachmentKey.of(true, "preview_cards", "images", id, "original", file));
		}
	}

	private void goneAccounts() {
		for (int i = 0; i < 4; i++) {
			String avatar = name("avatar", i, "png");
			Account gone = this.data.remoteAccount("gone" + i, domain())
				.uri(this.remoteOrigin + "/users/gone" + i)
				.updatedAt(daysAgo(30))
				.lastWebfingeredAt(daysAgo(30))
				.avatar(avatar, 120 + i)
				.insert();
			store(AttachmentKey.of(true, "accounts", "avatars", gone.id(), "original", avatar));
			Status status = this.data.status(gone).remote().createdAt(daysAgo(3)).insert();
			remoteMedia(gone, status, 3);
		}
	}

	private void oldStatuses(List<Account> authors, Account alice, Account bob) {
		List<Conversation> conversations = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			conversations.add(this.data.conversation());
		}
		for (int i = 0; i < 28; i++) {
			Account author = authors.get(i % authors.size());
			MastodonData.StatusBuilder builder = this.data.status(author).remote().createdAt(daysAgo(100 + i * 5));
			if (i % 3 == 0) {
				builder.conversation(conversations.get((i / 3) % conversations.size()));
			}
			Status status = builder.insert();
			if (i % 7 == 3) {
				this.data.favourite(bob, status);
			}
			if (i % 9 == 4) {
				this.data.status(alice).replyTo(status).createdAt(daysAgo(99 + i * 5)).insert();
			}
			if (i % 4 == 0) {
				remoteMedia(author, status, 100 + i * 5);
			}
		}
	}

	private Account remote(String username, int quietDays) {
		return this.data.remoteAccount(username, domain())
			.uri(this.remoteOrigin + "/users/" + username)
			.updatedAt(daysAgo(quietDays))
			.lastWebfingeredAt(daysAgo(quietDays))
			.insert();
	}

	private void remoteMedia(Account account, Status status, int daysOld) {
		String file = name("media", this.files, "jpeg");
		String thumbnail = name("thumb", this.files, "png");
		long id = this.data.media(account)
			.remote("https://files.example/" + file)
			.file(file, "image/jpeg", 400)
			.thumbnail(thumbnail, "image/png", 40)
			.status(status)
			.createdAt(daysAgo(daysOld))
			.insert()
			.id();
		store(AttachmentKey.of(true, "media_attachments", "files", id, "original", file));
		store(AttachmentKey.of(true, "media_attachments", "files", id, "small", file));
		store(AttachmentKey.of(true, "media_attachments", "thumbnails", id, "original", thumbnail));
	}

	private String domain() {
		return this.remoteOrigin.substring(this.remoteOrigin.indexOf("//") + 2);
	}

	// a new file name as Paperclip makes them: 16 hex digits
	private String name(String kind, int i, String extension) {
		this.files++;
		return String.format("%08x%04x%04x.%s", kind.hashCode(), i, this.files, extension);
	}

	private void store(String key) {
		this.objects.put(key, 64 + this.objects.size() % 50);
	}

}
