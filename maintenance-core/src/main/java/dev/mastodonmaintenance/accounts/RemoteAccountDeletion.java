package dev.mastodonmaintenance.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

import dev.mastodonmaintenance.media.MediaAttachmentFiles;
import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.statuses.MediaAttachmentRows;
import dev.mastodonmaintenance.statuses.RemovableStatuses;
import dev.mastodonmaintenance.statuses.StatusDeletion;
import dev.mastodonmaintenance.storage.MastodonAttachment;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import dev.mastodonmaintenance.storage.RecordedAttachment;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What Mastodon's {@code DeleteAccountService} does in the database to a remote account
 * with {@code reserve_username: false} ({@code accounts cull}), in its order and in
 * bounded chunks, so that the final {@code DELETE} of the row has almost nothing left to
 * cascade; the parts, and what is not done, are listed in docs/database-levels.md. Files
 * are not removed here: each chunk hands back the keys of the files its rows named, for
 * the caller to remove after the commit.
 */
public class RemoteAccountDeletion {

	// Associations without side effects, deleted in chunks. Both sides of a relationship
	// go, so that the
	// final cascade stays small. index: the one named
	private static final List<Part> ASSOCIATIONS = List.of(
			new Part("account_notes", "account_id", "index_account_notes_on_account_id_and_target_account_id"),
			new Part("account_pins", "account_id", "index_account_pins_on_account_id_and_target_account_id"),
			new Part("account_aliases", "account_id", "index_account_aliases_on_account_id_and_uri"),
			new Part("blocks", "account_id", "index_blocks_on_account_id_and_target_account_id"),
			new Part("blocks", "target_account_id", "index_blocks_on_target_account_id"),
			new Part("conversation_mutes", "account_id", "index_conversation_mutes_on_account_id_and_conversation_id"),
			new Part("account_conversations", "account_id", "index_unique_conversations"),
			new Part("custom_filters", "account_id", "index_custom_filters_on_account_id"),
			new Part("account_domain_blocks", "account_id", "index_account_domain_blocks_on_account_id_and_domain"),
			new Part("featured_tags", "account_id", "index_featured_tags_on_account_id_and_tag_id"),
			new Part("follow_requests", "account_id", "index_follow_requests_on_account_id_and_target_account_id"),
			// (an index new in Mastodon 4.6: on 4.4 and 4.5 this part reads
			// follow_requests, a small table, whole)
			new Part("follow_requests", "target_account_id",
					"index_follow_requests_on_target_account_id_and_account_id"),
			new Part("list_accounts", "account_id", "index_list_accounts_on_account_id_and_list_id"),
			new Part("account_migrations", "account_id", "index_account_migrations_on_account_id"),
			new Part("mutes", "account_id", "index_mutes_on_account_id_and_target_account_id"),
			new Part("mutes", "target_account_id", "index_mutes_on_target_account_id"),
			new Part("notifications", "account_id", "index_notifications_on_account_id_and_id_and_type"),
			new Part("lists", "account_id", "index_lists_on_account_id"),
			new Part("report_notes", "account_id", "index_report_notes_on_account_id"),
			new Part("scheduled_statuses", "account_id", "index_scheduled_statuses_on_account_id"),
			new Part("status_pins", "account_id", "index_status_pins_on_account_id_and_status_id"),
			new Part("tag_follows", "account_id", "index_tag_follows_on_account_id_and_tag_id"),
			new Part("reports", "account_id", "index_reports_on_account_id"),
			new Part("account_moderation_notes", "target_account_id",
					"index_account_moderation_notes_on_target_account_id"),
			new Part("reports", "target_account_id", "index_reports_on_target_account_id"),
			new Part("severed_relationships", "local_account_id",
					"index_severed_relationships_on_local_account_and_event"),
			new Part("severed_relationships", "remote_account_id", "index_severed_relationships_on_remote_account_id"),
			// collections and their items reference accounts without ON DELETE: they must
			// go before the row
			// (both tables are new in Mastodon 4.5; skipped where they do not exist)
			new Part("collections", "account_id", "index_collections_on_account_id"),
			new Part("collection_items", "account_id", "index_collection_items_on_account_id_and_collection_id"),
			new Part("fasp_follow_recommendations", "requesting_account_id",
					"index_fasp_follow_recommendations_on_requesting_account_id"),
			new Part("fasp_follow_recommendations", "recommended_account_id",
					"index_fasp_follow_recommendations_on_recommended_account_id"),
			new Part("poll_votes", "account_id", "index_poll_votes_on_account_id"));

	private static final String DELETE_PART = """
			DELETE FROM %1$s WHERE id IN (SELECT id FROM %1$s WHERE %2$s = ? LIMIT ?) -- index: %3$s
			""";

	// The references that the account row would set to NULL, done a chunk at a time.
	private static final String UNLINK_REPLIES = """
			UPDATE statuses SET in_reply_to_account_id = NULL
			WHERE id IN (SELECT id FROM statuses WHERE in_reply_to_account_id = ? LIMIT ?)
			-- index: index_statuses_on_in_reply_to_account_id
			""";

	private static final String UNLINK_QUOTES = """
			UPDATE quotes SET quoted_account_id = NULL
			WHERE id IN (SELECT id FROM quotes WHERE quoted_account_id = ? LIMIT ?)
			-- index: index_quotes_on_quoted_account_id
			""";

	// Favourite#destroy's counter, as DeleteAccountService#purge_favourites! does it: one
	// less per favourite,
	// floored at 0, updated_at left alone. index: index_favourites_on_account_id_and_id,
	// index_status_stats_on_status_id
	private static final String FAVOURITES = """
			WITH removed AS (
			  DELETE FROM favourites f
			  WHERE f.id IN (SELECT x.id FROM favourites x WHERE x.account_id = ? ORDER BY x.id LIMIT ?)
			  RETURNING f.status_id
			), counted AS (
			  UPDATE status_stats st SET favourites_count = GREATEST(0, st.favourites_count - 1)
			  WHERE st.status_id IN (SELECT status_id FROM removed)
			  RETURNING 1
			)
			SELECT status_id FROM removed
			""";

	// Follow#destroy's counters on the other side (the account's own stats go with it),
	// floored at 0 as
	// Account#decrement_count! does. %1$s is the account's column, %2$s the other side's,
	// %3$s the other side's
	// counter. index: %4$s, index_account_stats_on_account_id
	private static final String FOLLOWS = """
			WITH removed AS (
			  DELETE FROM follows f
			  WHERE f.id IN (SELECT x.id FROM follows x WHERE x.%1$s = ? LIMIT ?)
			  RETURNING f.%2$s AS other
			), counted AS (
			  UPDATE account_stats st SET %3$s = GREATEST(0, st.%3$s - r.n), updated_at = (now() AT TIME ZONE 'UTC')
			  FROM (SELECT other, count(*) AS n FROM removed GROUP BY other) r
			  WHERE st.account_id = r.other
			  RETURNING 1
			)
			SELECT count(*) FROM removed -- index: %4$s
			""";

	// A local account is never deleted here, whatever id is passed. index: accounts_pkey
	private static final String ACCOUNT = """
			DELETE FROM accounts a WHERE a.id = ? AND a.domain IS NOT NULL
			RETURNING a.id, %s
			""";

	// The accounts among those given that a purge would find empty in every part: one
	// lookup per part and account, as the purge's statements do (a scalar subquery, so
	// that the planner cannot turn it into a join that reads a large table whole).
	// %1$s: one NOTHING_IN per part, %2$s the avatar's and header's columns. index:
	// accounts_pkey and each part's own
	private static final String EMPTY_ACCOUNTS = """
			DELETE FROM accounts a WHERE a.id = ANY(?) AND a.domain IS NOT NULL
			%1$sRETURNING a.id, %2$s
			""";

	private static final String NOTHING_IN = """
			  AND NOT (SELECT EXISTS (SELECT FROM %1$s x WHERE x.%2$s = a.id)) -- index: %3$s
			""";

	private static final String DOMAIN = "SELECT domain FROM accounts WHERE id = ?";

	private final JdbcTemplate jdbc;

	private final RemovableStatuses statuses;

	private final MediaAttachmentRows media;

	private final int chunkSize;

	private final List<Stage> stages;

	private final String account;

	private final String emptyAccounts;

	/**
	 * Creates the deletion over a Mastodon database.
	 * @param jdbc the Mastodon database
	 * @param schema its schema: associations whose table it lacks are skipped
	 * @param chunkSize the most rows one statement deletes, at least 1
	 */
	public RemoteAccountDeletion(JdbcTemplate jdbc, MastodonSchema schema, int chunkSize) {
		if (chunkSize < 1) {
			throw new IllegalArgumentException("chunk size must be at least 1, was " + chunkSize);
		}
		this.jdbc = jdbc;
		this.statuses = new RemovableStatuses(jdbc);
		this.media = new MediaAttachmentRows(jdbc, schema);
		this.chunkSize = chunkSize;
		this.stages = stages(ASSOCIATIONS.stream().filter((part) -> schema.hasTable(part.table())).toList());
		String profile = RecordedAttachment.columns(MastodonAttachment.ACCOUNT_AVATAR, "a", schema) + ", "
				+ RecordedAttachment.columns(MastodonAttachment.ACCOUNT_HEADER, "a", schema);
		this.account = ACCOUNT.formatted(profile);
		this.emptyAccounts = EMPTY_ACCOUNTS.formatted(this.stages.stream()
			.map(Stage::part)
			.map((part) -> NOTHING_IN.formatted(part.table(), part.column(), part.index()))
			.collect(Collectors.joining()), profile);
	}

	/**
	 * Starts deleting one account. The deletion is idempotent: a purge interrupted
	 * anywhere can be started again from the beginning and finishes the job.
	 * @param accountId a remote account
	 * @return the purge, whose chunks the caller runs one transaction each
	 * @throws IllegalArgumentException when the account is local
	 */
	public AccountPurge start(long accountId) {
		List<@Nullable String> domains = this.jdbc.queryForList(DOMAIN, String.class, accountId);
		if (!domains.isEmpty() && domains.get(0) == null) {
			throw new IllegalArgumentException("Account " + accountId + " is local: only remote accounts are culled");
		}
		return new AccountPurge(accountId);
	}

	/**
	 * Deletes, in one statement, those of the given accounts that are remote and have no
	 * row left in any part a purge deletes or unlinks: a purge of such an account finds
	 * every part empty and deletes the row only, so the end state is the same, in one
	 * statement instead of one per part. The others (local, already gone, or with rows
	 * left) are left alone, for a purge each.
	 * @param accountIds at most the chunk size of accounts
	 * @return the accounts deleted and the files of their avatars and headers
	 */
	public DeletedAccounts deleteEmpty(List<Long> accountIds) {
		if (accountIds.size() > this.chunkSize) {
			throw new IllegalArgumentException(
					accountIds.size() + " accounts are more than the chunk size of " + this.chunkSize);
		}
		if (accountIds.isEmpty()) {
			return new DeletedAccounts(List.of(), List.of());
		}
		List<Long> ids = new ArrayList<>();
		List<String> fileKeys = new ArrayList<>();
		this.jdbc.query(this.emptyAccounts, (rs) -> {
			ids.add(rs.getLong("id"));
			fileKeys.addAll(profileKeys(rs, 0));
		}, (Object) accountIds.toArray(Long[]::new));
		return new DeletedAccounts(List.copyOf(ids), List.copyOf(fileKeys));
	}

	// What a purge does, in its order: every stage deletes (or unlinks) the rows of its
	// part whose column names the account, a chunk at a time.
	private List<Stage> stages(List<Part> associations) {
		List<Stage> stages = new ArrayList<>();
		stages.add(new Stage(new Part("statuses", "account_id", "index_statuses_on_account_id"), (accountId) -> {
			StatusDeletion deleted = this.statuses.deleteOfAccount(accountId, this.chunkSize);
			return new PurgeChunk("statuses", deleted.removed().size(), deleted.cascaded().size(), List.of(), List.of(),
					false);
		}));
		stages.add(part(new Part("mentions", "account_id", "index_mentions_on_account_id_and_status_id")));
		stages.add(new Stage(
				new Part("media_attachments", "account_id", "index_media_attachments_on_account_id_and_status_id"),
				(accountId) -> {
					List<MediaAttachmentFiles> files = this.media.deleteOfAccount(accountId, this.chunkSize);
					return new PurgeChunk("media_attachments", files.size(), 0,
							files.stream().flatMap((f) -> f.files().stream()).map(ObjectToRemove::key).toList(),
							List.of(), false);
				}));
		stages.add(part(new Part("polls", "account_id", "index_polls_on_account_id")));
		stages.add(part(new Part("notifications", "from_account_id", "index_notifications_on_from_account_id")));
		stages.add(part(new Part("notification_requests", "from_account_id",
				"index_notification_requests_on_from_account_id")));
		stages.add(new Stage(new Part("favourites", "account_id", "index_favourites_on_account_id_and_id"),
				(accountId) -> {
					List<Long> statusIds = this.jdbc.queryForList(FAVOURITES, Long.class, accountId, this.chunkSize);
					return new PurgeChunk("favourites", statusIds.size(), 0, List.of(), statusIds, false);
				}));
		stages.add(part(new Part("bookmarks", "account_id", "index_bookmarks_on_account_id_and_status_id")));
		stages.add(follows("account_id", "target_account_id", "followers_count",
				"index_follows_on_account_id_and_target_account_id"));
		stages.add(follows("target_account_id", "account_id", "following_count",
				"index_follows_on_target_account_id_and_account_id"));
		associations.forEach((association) -> stages.add(part(association)));
		stages.add(new Stage(new Part("statuses", "in_reply_to_account_id", "index_statuses_on_in_reply_to_account_id"),
				(accountId) -> new PurgeChunk("statuses.in_reply_to_account_id",
						this.jdbc.update(UNLINK_REPLIES, accountId, this.chunkSize), 0, List.of(), List.of(), false)));
		stages.add(new Stage(new Part("quotes", "quoted_account_id", "index_quotes_on_quoted_account_id"),
				(accountId) -> new PurgeChunk("quotes.quoted_account_id",
						this.jdbc.update(UNLINK_QUOTES, accountId, this.chunkSize), 0, List.of(), List.of(), false)));
		return List.copyOf(stages);
	}

	private Stage part(Part part) {
		String sql = DELETE_PART.formatted(part.table(), part.column(), part.index());
		return new Stage(part, (accountId) -> new PurgeChunk(part.table() + "." + part.column(),
				this.jdbc.update(sql, accountId, this.chunkSize), 0, List.of(), List.of(), false));
	}

	private Stage follows(String column, String other, String counter, String index) {
		String sql = FOLLOWS.formatted(column, other, counter, index);
		return new Stage(new Part("follows", column, index), (accountId) -> {
			Integer removed = this.jdbc.queryForObject(sql, Integer.class, accountId, this.chunkSize);
			return new PurgeChunk("follows." + column, (removed != null) ? removed : 0, 0, List.of(), List.of(), false);
		});
	}

	private PurgeChunk deleteAccount(long accountId) {
		List<List<String>> keys = this.jdbc.query(this.account, RemoteAccountDeletion::profileKeys, accountId);
		List<String> fileKeys = keys.isEmpty() ? List.of() : keys.get(0);
		return new PurgeChunk("accounts", keys.size(), 0, fileKeys, List.of(), true);
	}

	// A remote account's avatar and header, every style, as Paperclip deletes them after
	// the row.
	private static List<String> profileKeys(ResultSet rs, int row) throws SQLException {
		List<String> keys = new ArrayList<>();
		for (MastodonAttachment attachment : List.of(MastodonAttachment.ACCOUNT_AVATAR,
				MastodonAttachment.ACCOUNT_HEADER)) {
			RecordedAttachment recorded = RecordedAttachment.read(rs, attachment, false);
			if (recorded != null) {
				keys.addAll(recorded.files().keys());
			}
		}
		return keys;
	}

	/**
	 * The deletion of one account, a bounded chunk at a time. Not thread-safe.
	 */
	public final class AccountPurge {

		private final long accountId;

		private int current;

		private boolean finished;

		private AccountPurge(long accountId) {
			this.accountId = accountId;
		}

		/**
		 * Whether the account row is gone.
		 * @return {@code true} once the last chunk has run
		 */
		public boolean finished() {
			return this.finished;
		}

		/**
		 * Runs the next chunk: deletes at most the chunk size of rows of the first part
		 * that still has some, or the account row when none is left. Parts found empty on
		 * the way cost one index lookup each.
		 * @return what the chunk did
		 */
		public PurgeChunk next() {
			if (this.finished) {
				throw new IllegalStateException("Account " + this.accountId + " is already deleted");
			}
			List<Stage> stages = RemoteAccountDeletion.this.stages;
			while (this.current < stages.size()) {
				PurgeChunk chunk = stages.get(this.current).run().apply(this.accountId);
				if (chunk.rows() < RemoteAccountDeletion.this.chunkSize) {
					this.current++;
				}
				if (chunk.rows() > 0) {
					return chunk;
				}
			}
			PurgeChunk last = deleteAccount(this.accountId);
			this.finished = true;
			return last;
		}

	}

	/**
	 * What one chunk of an account deletion did.
	 *
	 * @param part the table (and column) the chunk deleted from, {@code accounts} for the
	 * last one
	 * @param rows the rows it deleted (or unlinked)
	 * @param cascadedStatuses boosts of the account's statuses that went with them
	 * @param fileKeys storage keys of the files the deleted rows named, to remove after
	 * the commit
	 * @param favouritedStatusIds statuses whose favourite count changed, whose Rails
	 * cache entries are stale
	 * @param accountDeleted whether this was the last chunk, which deleted the account
	 * row (or found it gone)
	 */
	public record PurgeChunk(String part, int rows, int cascadedStatuses, List<String> fileKeys,
			List<Long> favouritedStatusIds, boolean accountDeleted) {
	}

	/**
	 * The accounts a {@linkplain #deleteEmpty deletion of empty accounts} deleted.
	 *
	 * @param ids the accounts deleted
	 * @param fileKeys storage keys of their avatars' and headers' files, to remove after
	 * the commit
	 */
	public record DeletedAccounts(List<Long> ids, List<String> fileKeys) {
	}

	private record Part(String table, String column, String index) {
	}

	// one part of a purge: the rows it deletes or unlinks, and the statement that does it
	private record Stage(Part part, LongFunction<PurgeChunk> run) {
	}

}
