package dev.mastodonmaintenance.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The accounts {@code tootctl accounts cull} visits: remote ActivityPub accounts
 * ({@code protocol = 1}; OStatus accounts are never culled), optionally of some domains
 * only (exact, case-sensitive match), one window of {@code accounts} at a time. Accounts
 * updated or webfingered since the threshold are in the scope (they count as visited) but
 * not due. The threshold is fixed at 7 days by tootctl.
 */
public class CullCandidates {

	/** tootctl's fixed skip window. */
	public static final int SKIP_DAYS = 7;

	// index: accounts_pkey (the window); none exists on updated_at or last_webfingered_at
	private static final String SCOPE = """
			SELECT a.id, a.domain, a.uri,
			       (a.updated_at < ? AND (a.last_webfingered_at IS NULL OR a.last_webfingered_at < ?)) AS due
			FROM accounts a
			WHERE a.id > ? AND a.id <= ?
			  AND a.domain IS NOT NULL AND a.protocol = 1
			""";

	private static final String OF_DOMAINS = """
			  AND a.domain = ANY(?)
			""";

	// What Rails' touch does: a new updated_at and nothing else. index: accounts_pkey
	private static final String TOUCH = """
			UPDATE accounts SET updated_at = (now() AT TIME ZONE 'UTC') WHERE id = ANY(?)
			""";

	private final JdbcTemplate jdbc;

	/**
	 * Creates the queries over a Mastodon database.
	 * @param jdbc the Mastodon database
	 */
	public CullCandidates(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The accounts of one id window that are in the scope.
	 * @param afterId exclusive lower bound of the window
	 * @param upToId inclusive upper bound of the window
	 * @param domains only these domains, or all when empty
	 * @param recentSince the skip threshold (UTC): accounts updated or webfingered at or
	 * after it are not due
	 * @return the accounts in id order
	 */
	public List<CullCandidate> scope(long afterId, long upToId, List<String> domains, LocalDateTime recentSince) {
		Timestamp threshold = Timestamp.valueOf(recentSince);
		if (domains.isEmpty()) {
			return this.jdbc.query(SCOPE + " ORDER BY a.id", CullCandidates::candidate, threshold, threshold, afterId,
					upToId);
		}
		return this.jdbc.query(SCOPE + OF_DOMAINS + " ORDER BY a.id", CullCandidates::candidate, threshold, threshold,
				afterId, upToId, domains.toArray(String[]::new));
	}

	/**
	 * Sets {@code updated_at} of accounts to now, which keeps them out of the next 7 days
	 * of culls.
	 * @param accountIds the accounts
	 * @return the number of accounts touched
	 */
	public int touch(List<Long> accountIds) {
		if (accountIds.isEmpty()) {
			return 0;
		}
		return this.jdbc.update(TOUCH, (Object) accountIds.stream().mapToLong(Long::longValue).toArray());
	}

	private static CullCandidate candidate(ResultSet rs, int row) throws SQLException {
		// a remote account without uri cannot be probed; the probe reports it as a
		// failure
		String uri = Objects.requireNonNullElse(rs.getString("uri"), "");
		return new CullCandidate(rs.getLong("id"), rs.getString("domain"), uri, rs.getBoolean("due"));
	}

}
