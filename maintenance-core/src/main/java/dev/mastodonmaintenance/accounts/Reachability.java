package dev.mastodonmaintenance.accounts;

/**
 * What {@code accounts cull} makes of one account.
 */
public enum Reachability {

	/** The server answered 404 or 410 (after redirects): the account is deleted. */
	GONE,

	/** The server answered anything else: the account is touched. */
	ALIVE,

	/**
	 * The request failed (connection, timeout, TLS, too many redirects, a refused private
	 * address): the account is touched and the rest of its domain is skipped for this
	 * run.
	 */
	UNREACHABLE,

	/**
	 * The account was not probed because its domain was already unreachable in this run:
	 * nothing is done.
	 */
	SKIPPED,

	/**
	 * The account cannot be probed at all (no or malformed URI, hidden service): nothing
	 * is done.
	 */
	FAILED

}
