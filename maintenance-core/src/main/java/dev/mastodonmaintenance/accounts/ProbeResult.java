package dev.mastodonmaintenance.accounts;

/**
 * The answer of one reachability probe.
 *
 * @param reachability what the answer means for the account
 * @param detail what happened, for logs: {@code HTTP 410}, {@code connect timed out}...
 */
public record ProbeResult(Reachability reachability, String detail) {
}
