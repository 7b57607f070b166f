package dev.mastodonmaintenance.media;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;

import dev.mastodonmaintenance.schema.MastodonSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL of {@code tootctl media remove --prune-profiles} and {@code --remove-headers}:
 * remote accounts last webfingered and last updated at or before the cut-off (an account
 * never webfingered is never concerned). Among them, those whose images go: unless
 * follows are included, accounts nobody local follows or is followed by; with
 * {@code --prune-profiles}, accounts with an avatar or a header; with
 * {@code --remove-headers}, accounts with a header. What clearing changes is described in
 * docs/media.md.
 */
public class ProfileMedia {

	private static final String SCOPE = """
			FROM accounts AS a
			WHERE a.id > ? AND a.id <= ?
			  AND a.domain IS NOT NULL
			  AND a.last_webfingered_at <= ?
			  AND a.updated_at <= ?
			""";

	// index: index_follows_on_account_id_and_target_account_id,
	// index_follows_on_target_account_id_and_account_id
	private static final String WITHOUT_FOLLOWS = """
			  AND NOT EXISTS (SELECT 1 FROM follows AS f WHERE f.account_id = a.id)
			  AND NOT EXISTS (SELECT 1 FROM follows AS f WHERE f.target_account_id = a.id)
			""";

	private static final String CLEAR = """
			UPDATE accounts AS account
			SET %s, updated_at = (now() AT TIME ZONE 'UTC')
			FROM picked WHERE account.id = picked.id AND account.id > ? AND account.id <= ?
			RETURNING picked.*
			""";

	private final JdbcTemplate jdbc;

	private final String columns;

	/**
	 * Creates the queries over a Mastodon database.
	 * @param jdbc the Mastodon database
	 * @param schema its schema
	 */
	public ProfileMedia(JdbcTemplate jdbc, MastodonSchema schema) {
		this.jdbc = jdbc;
		this.columns = ProfileImages.columns("a", schema);
	}

	/**
	 * The accounts of an id window that tootctl visits: remote, webfingered and updated
	 * at or before the cut-off, whether or not their images go.
	 * @param afterId exclusive lower id bound
	 * @param upToId inclusive upper id bound
	 * @param upTo the cut-off, inclusive (UTC)
	 * @return the number of accounts visited
	 */
	public long visited(long afterId, long upToId, LocalDateTime upTo) {
		// index: accounts_pkey (id window); no index on updated_at or last_webfingered_at
		// exists
		Long count = this.jdbc.queryForObject("SELECT count(*) " + SCOPE, Long.class, afterId, upToId, upTo, upTo);
		return (count != null) ? count : 0;
	}

	/**
	 * The images of an id window that go, without changing them.
	 * @param afterId exclusive lower id bound
	 * @param upToId inclusive upper id bound
	 * @param upTo the cut-off, inclusive (UTC)
	 * @param target which images go
	 * @param includeFollows whether accounts with local follow relations are concerned
	 * too
	 * @return the images concerned, per account in id order
	 */
	public List<ProfileImages> find(long afterId, long upToId, LocalDateTime upTo, Target target,
			boolean includeFollows) {
		// index: accounts_pkey (id window)
		return this.jdbc
			.query(selection(target, includeFollows) + " ORDER BY a.id", ProfileImages::fromRow, afterId, upToId, upTo,
					upTo)
			.stream()
			.map(target::concerned)
			.toList();
	}

	/**
	 * Clears the images of an id window in one statement: accounts are locked and
	 * re-checked as they are cleared, so an account refreshed since it was counted is
	 * left alone.
	 * @param afterId exclusive lower id bound
	 * @param upToId inclusive upper id bound
	 * @param upTo the cut-off, inclusive (UTC)
	 * @param target which images go
	 * @param includeFollows whether accounts with local follow relations are concerned
	 * too
	 * @return the images cleared, as they were before, per account in id order
	 */
	public List<ProfileImages> clear(long afterId, long upToId, LocalDateTime upTo, Target target,
			boolean includeFollows) {
		// index: accounts_pkey (id window, for the update too, which joined with picked
		// alone may read the
		// whole table)
		String sql = "WITH picked AS (" + selection(target, includeFollows) + " FOR UPDATE OF a) "
				+ CLEAR.formatted(target.clearedColumns());
		return this.jdbc.query(sql, ProfileImages::fromRow, afterId, upToId, upTo, upTo, afterId, upToId)
			.stream()
			.map(target::concerned)
			.sorted(Comparator.comparingLong(ProfileImages::accountId))
			.toList();
	}

	private String selection(Target target, boolean includeFollows) {
		return "SELECT " + this.columns + " " + SCOPE + (includeFollows ? "" : WITHOUT_FOLLOWS)
				+ target.presentCondition();
	}

	/**
	 * Which images go.
	 */
	public enum Target {

		/** {@code --prune-profiles}: avatars and headers. */
		AVATARS_AND_HEADERS,

		/** {@code --remove-headers}: headers only. */
		HEADERS;

		String presentCondition() {
			return (this == HEADERS) ? "  AND a.header_file_name <> ''\n"
					: "  AND (a.avatar_file_name <> '' OR a.header_file_name <> '')\n";
		}

		String clearedColumns() {
			String header = cleared("header");
			return (this == HEADERS) ? header : cleared("avatar") + ", " + header;
		}

		ProfileImages concerned(ProfileImages images) {
			return (this == HEADERS) ? images.headerOnly() : images;
		}

		private static String cleared(String attachment) {
			StringBuilder set = new StringBuilder();
			for (String column : List.of("file_name", "content_type", "file_size", "updated_at")) {
				if (!set.isEmpty()) {
					set.append(", ");
				}
				String name = attachment + "_" + column;
				set.append(name)
					.append(" = CASE WHEN account.")
					.append(attachment)
					.append("_file_name <> '' THEN NULL ELSE account.")
					.append(name)
					.append(" END");
			}
			return set.toString();
		}

	}

}
