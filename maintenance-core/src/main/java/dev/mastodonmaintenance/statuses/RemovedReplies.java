package dev.mastodonmaintenance.statuses;

import java.util.regex.Pattern;

/**
 * Where one run of {@code statuses remove} notes the statuses whose replies it deleted,
 * so that they keep counting as replied to until the run ends. tootctl's extraction sees
 * the whole table before it deletes anything, so a status with a reply is kept even when
 * the reply goes; a run that deletes windows in another order than the ids' (several
 * ranges at once), or a reply published before its parent, would otherwise remove the
 * parent too, one run early.
 *
 * @param table a table with the columns {@code run_id bigint} and
 * {@code status_id bigint}, unique together
 * @param run this run's identifier in it
 */
public record RemovedReplies(String table, long run) {

	private static final Pattern QUALIFIED_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

	public RemovedReplies {
		if (!QUALIFIED_NAME.matcher(table).matches()) {
			throw new IllegalArgumentException("Not a plain table name: " + table);
		}
	}

}
