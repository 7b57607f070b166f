package dev.mastodonmaintenance.accounts;

/**
 * A remote ActivityPub account in the scope of {@code accounts cull}.
 *
 * @param id the account id
 * @param domain its domain
 * @param uri its ActivityPub id, which the probe requests
 * @param due whether it is old enough to be checked: neither updated nor webfingered in
 * the last 7 days
 */
public record CullCandidate(long id, String domain, String uri, boolean due) {
}
