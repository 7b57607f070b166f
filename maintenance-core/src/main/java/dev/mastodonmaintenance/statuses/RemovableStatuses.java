package dev.mastodonmaintenance.statuses;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statuses side of {@code tootctl statuses remove}: which remote statuses of a window
 * of ids may go, by tootctl's keep rules, and deleting them with every rule checked again
 * (docs/database-levels.md, The SQL).
 */
public class RemovableStatuses {

	// tootctl's conditions (lib/mastodon/cli/statuses.rb), on the alias s; parameters:
	// cutoff, cutoff.
	// A status is local when "local OR uri IS NULL"; a NULL local column makes NOT
	// s.local NULL, so such rows
	// are never candidates, as in tootctl.
	// "OFFSET 0" keeps each rule a probe of its index per status: PostgreSQL would
	// otherwise turn a rule into an
	// anti-join and, where a table is small, hash all of it (every local bookmark, say)
	// for each window, a cost
	// that grows with the table (docs/benchmarks/statuses-remove.md).
	private static final String KEEP_RULES = """
			s.deleted_at IS NULL
			  AND NOT s.local
			  AND s.uri IS NOT NULL
			  AND s.id < ?
			  -- has no reply at all; index: index_statuses_on_in_reply_to_id
			  AND NOT EXISTS (SELECT 1 FROM statuses r WHERE r.in_reply_to_id = s.id OFFSET 0)
			  -- is not a boost of a local status; index: statuses_pkey
			  AND NOT EXISTS (SELECT 1 FROM statuses o WHERE o.id = s.reblog_of_id AND (o.uri IS NULL OR o.local) OFFSET 0)
			  -- is not boosted locally, nor by anyone recently; index: index_statuses_on_reblog_of_id_and_account_id
			  AND NOT EXISTS (SELECT 1 FROM statuses b WHERE b.reblog_of_id = s.id
			                  AND (b.uri IS NULL OR b.local OR b.id >= ?) OFFSET 0)
			  -- is not pinned by anyone; index: index_status_pins_on_status_id
			  AND NOT EXISTS (SELECT 1 FROM status_pins p WHERE p.status_id = s.id OFFSET 0)
			  -- local accounts: index_accounts_on_domain_and_id (domain IS NULL)
			  -- no local mention; index: index_mentions_on_status_id
			  AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.status_id = s.id
			                  AND m.account_id IN (SELECT a.id FROM accounts a WHERE a.domain IS NULL) OFFSET 0)
			  -- no local favourite; index: index_favourites_on_status_id
			  AND NOT EXISTS (SELECT 1 FROM favourites f WHERE f.status_id = s.id
			                  AND f.account_id IN (SELECT a.id FROM accounts a WHERE a.domain IS NULL) OFFSET 0)
			  -- no local bookmark; index: index_bookmarks_on_status_id
			  AND NOT EXISTS (SELECT 1 FROM bookmarks k WHERE k.status_id = s.id
			                  AND k.account_id IN (SELECT a.id FROM accounts a WHERE a.domain IS NULL) OFFSET 0)
			  -- not quoted by a local status; index: index_quotes_on_quoted_status_id_and_id, statuses_pkey
			  AND NOT EXISTS (SELECT 1 FROM quotes q JOIN statuses qs ON qs.id = q.status_id
			                  WHERE q.quoted_status_id = s.id AND (qs.uri IS NULL OR qs.local) OFFSET 0)
			  -- does not quote a local status; index: index_quotes_on_status_id, statuses_pkey
			  AND NOT EXISTS (SELECT 1 FROM quotes q JOIN statuses qd ON qd.id = q.quoted_status_id
			                  WHERE q.status_id = s.id AND (qd.uri IS NULL OR qd.local) OFFSET 0)
			""";

	// Replies this run has deleted already: their parents keep counting as replied to.
	// The ledger's rows between two ids (the window's, or the first and last candidate's)
	// are read once, into an array, by a range of its key, rather than probed per status:
	// a plan cached while the ledger was empty would otherwise scan it whole for every
	// status; and rather than joined with the candidates: a plan cached then would merge
	// the whole run's rows with every window's, which grows with the run
	// (docs/benchmarks/statuses-remove.md). index: the ledger's key
	private static final String NO_REMOVED_REPLY_BETWEEN = """
			  AND s.id <> ALL (array(SELECT x.status_id FROM %s x WHERE x.run_id = %d AND x.status_id > ? AND x.status_id <= ?))
			""";

	// The parents of the replies a deletion removed, noted in the ledger.
	private static final String NOTE_REMOVED_REPLIES = """
			), noted AS (
			  INSERT INTO %s (run_id, status_id)
			  SELECT DISTINCT %d, d.in_reply_to_id FROM deleted d WHERE d.in_reply_to_id IS NOT NULL
			  ON CONFLICT DO NOTHING
			""";

	// Left out with --clean-followed. index:
	// index_follows_on_target_account_id_and_account_id
	private static final String NOT_FOLLOWED = """
			  AND NOT EXISTS (SELECT 1 FROM follows fo WHERE fo.target_account_id = s.account_id OFFSET 0)
			""";

	// index: statuses_pkey (the window), then the indexes named in KEEP_RULES
	private static final String CANDIDATES = """
			SELECT s.id FROM statuses s
			WHERE s.id > ? AND s.id <= ?
			  AND %s%s
			ORDER BY s.id
			""";

	// Waits for transactions that are adding a favourite, reply, boost, pin... to one of
	// these statuses: their
	// foreign-key check holds a KEY SHARE lock on the status until they commit, so the
	// delete that follows,
	// with a snapshot of its own, sees what they added. Every other row of statuses the
	// delete changes is
	// locked too, all in id order: the boosts it takes along, and the replies to those,
	// whose in_reply_to_id
	// Mastodon's foreign key sets to NULL. Two deletions running at once (one's candidate
	// may be a boost of the
	// other's) then take their common rows in the same order, instead of deadlocking.
	// Rows deleted meanwhile
	// are not returned.
	// index: statuses_pkey (by "= ANY(array(...))", see DELETION),
	// index_statuses_on_reblog_of_id_and_account_id
	// (boosts), index_statuses_on_in_reply_to_id (replies)
	private static final String LOCK = """
			WITH RECURSIVE boosts AS (
			  SELECT r.id FROM statuses r WHERE r.reblog_of_id = ANY(?)
			  UNION
			  SELECT r.id FROM statuses r JOIN boosts b ON r.reblog_of_id = b.id
			), changed AS (
			  SELECT unnest(?::bigint[]) AS id
			  UNION
			  SELECT id FROM boosts
			  UNION
			  SELECT r.id FROM statuses r WHERE r.in_reply_to_id IN (SELECT id FROM boosts)
			)
			SELECT s.id FROM statuses s
			WHERE s.id = ANY(array(SELECT id FROM changed))
			ORDER BY s.id
			FOR UPDATE
			""";

	// index: statuses_pkey, then the indexes named in KEEP_RULES
	private static final String STILL_CANDIDATES = """
			SELECT s.id FROM statuses s
			WHERE s.id = ANY(?)
			  AND %s%s
			""";

	// index: index_statuses_on_account_id
	private static final String OF_ACCOUNT = """
			SELECT a.id FROM statuses a WHERE a.account_id = ? LIMIT ?
			""";

	// The common path of every status deletion. The boosts of the chosen statuses (and
	// boosts of those: Mastodon
	// stores boosts of the original only, but a boost of a boost would cascade too) are
	// deleted by the statement
	// itself rather than left to the foreign key's cascade, which would delete the same
	// rows: a row another
	// transaction deletes first is then skipped, not counted by both, and RETURNING tells
	// exactly what this
	// statement removed.
	// "= ANY(array(...))" keeps the planner on statuses_pkey, where "IN (...)" of a CTE
	// can make it hash the
	// whole table.
	// index: index_statuses_on_reblog_of_id_and_account_id (boosts), statuses_pkey
	// (deletion),
	// preview_cards_statuses_pkey (card links)
	private static final String DELETION = """
			WITH RECURSIVE chosen AS (
			%s
			), boosts AS (
			  SELECT r.id FROM statuses r WHERE r.reblog_of_id IN (SELECT id FROM chosen)
			  UNION
			  SELECT r.id FROM statuses r JOIN boosts b ON r.reblog_of_id = b.id
			), deleted AS (
			  DELETE FROM statuses s
			  WHERE s.id = ANY(array(SELECT id FROM chosen UNION SELECT id FROM boosts))
			  RETURNING s.id, s.in_reply_to_id
			%s), card_links AS (
			  DELETE FROM preview_cards_statuses c
			  WHERE c.status_id IN (SELECT id FROM deleted)
			  RETURNING 1
			)
			SELECT array(SELECT id FROM deleted WHERE id IN (SELECT id FROM chosen) ORDER BY id) AS removed,
			       array(SELECT id FROM deleted WHERE id NOT IN (SELECT id FROM chosen) ORDER BY id) AS cascaded,
			       (SELECT count(*) FROM card_links) AS card_links
			""";

	private final JdbcTemplate jdbc;

	private final @Nullable RemovedReplies removedReplies;

	/**
	 * Creates the queries over a Mastodon database, for deletions that see the table as
	 * it is.
	 * @param jdbc the Mastodon database
	 */
	public RemovableStatuses(JdbcTemplate jdbc) {
		this(jdbc, null);
	}

	/**
	 * Creates the queries over a Mastodon database, for a run whose deletions note the
	 * parents of the replies they remove, so that those parents are kept as tootctl keeps
	 * them.
	 * @param jdbc the Mastodon database
	 * @param removedReplies the run's ledger, or {@code null} for none
	 */
	public RemovableStatuses(JdbcTemplate jdbc, @Nullable RemovedReplies removedReplies) {
		this.jdbc = jdbc;
		this.removedReplies = removedReplies;
	}

	/**
	 * The statuses of one id window that tootctl would remove, without changing anything.
	 * @param afterId exclusive lower bound of the window
	 * @param upToId inclusive upper bound of the window
	 * @param rules the keep rules
	 * @return the candidates' ids, ascending
	 */
	public List<Long> candidates(long afterId, long upToId, KeepRules rules) {
		if (this.removedReplies == null) {
			return this.jdbc.queryForList(CANDIDATES.formatted(keepRules(rules), ""), Long.class, afterId, upToId,
					rules.cutoffId(), rules.cutoffId());
		}
		String noRemovedReply = NO_REMOVED_REPLY_BETWEEN.formatted(this.removedReplies.table(),
				this.removedReplies.run());
		return this.jdbc.queryForList(CANDIDATES.formatted(keepRules(rules), noRemovedReply), Long.class, afterId,
				upToId, rules.cutoffId(), rules.cutoffId(), afterId, upToId);
	}

	/**
	 * Deletes the candidates that still qualify. Meant to run in a transaction: the rows
	 * are locked first, which waits for anyone referencing them right now, then deleted
	 * by a statement that re-checks every keep rule.
	 * @param candidateIds ids found by {@link #candidates}
	 * @param rules the keep rules they were found with
	 * @return what was removed, and how many candidates someone else had deleted
	 * meanwhile
	 */
	public StatusDeletion delete(List<Long> candidateIds, KeepRules rules) {
		if (candidateIds.isEmpty()) {
			return StatusDeletion.NONE;
		}
		long[] ids = candidateIds.stream().mapToLong(Long::longValue).toArray();
		Set<Long> locked = new HashSet<>(this.jdbc.queryForList(LOCK, Long.class, ids, ids));
		long[] present = candidateIds.stream().filter(locked::contains).mapToLong(Long::longValue).toArray();
		StatusDeletion deleted;
		if (this.removedReplies == null) {
			deleted = this.jdbc.queryForObject(DELETION.formatted(STILL_CANDIDATES.formatted(keepRules(rules), ""), ""),
					RemovableStatuses::deletion, present, rules.cutoffId(), rules.cutoffId());
		}
		else {
			String table = this.removedReplies.table();
			long run = this.removedReplies.run();
			String stillCandidates = STILL_CANDIDATES.formatted(keepRules(rules),
					NO_REMOVED_REPLY_BETWEEN.formatted(table, run));
			long after = Arrays.stream(present).min().orElse(1) - 1;
			long upTo = Arrays.stream(present).max().orElse(0);
			deleted = this.jdbc.queryForObject(
					DELETION.formatted(stillCandidates, NOTE_REMOVED_REPLIES.formatted(table, run)),
					RemovableStatuses::deletion, present, rules.cutoffId(), rules.cutoffId(), after, upTo);
		}
		return new StatusDeletion(deleted.removed(), deleted.cascaded(), deleted.cardLinks(),
				ids.length - present.length);
	}

	/**
	 * Deletes up to {@code limit} statuses of one account, whatever their interactions,
	 * by the same path as {@link #delete}: boosts cascade and card links go with them.
	 * This is the statuses part of deleting an account.
	 * @param accountId the author
	 * @param limit the most statuses to delete
	 * @return what was removed; fewer than {@code limit} statuses removed means none are
	 * left
	 */
	public StatusDeletion deleteOfAccount(long accountId, int limit) {
		return this.jdbc.queryForObject(DELETION.formatted(OF_ACCOUNT, ""), RemovableStatuses::deletion, accountId,
				limit);
	}

	/**
	 * Forgets the parents this run noted, once every status they concern has been
	 * decided; nothing without a ledger.
	 */
	public void forgetRemovedReplies() {
		if (this.removedReplies != null) {
			this.jdbc.update("DELETE FROM " + this.removedReplies.table() + " WHERE run_id = ?",
					this.removedReplies.run());
		}
	}

	private static String keepRules(KeepRules rules) {
		return rules.cleanFollowed() ? KEEP_RULES : KEEP_RULES + NOT_FOLLOWED;
	}

	private static StatusDeletion deletion(ResultSet rs, int row) throws SQLException {
		return new StatusDeletion(ids(rs, "removed"), ids(rs, "cascaded"), rs.getInt("card_links"), 0);
	}

	private static List<Long> ids(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return (array != null) ? List.of((Long[]) array.getArray()) : List.of();
	}

}
