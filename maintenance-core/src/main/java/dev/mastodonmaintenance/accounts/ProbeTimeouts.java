package dev.mastodonmaintenance.accounts;

import java.time.Duration;

/**
 * How long a probe may take.
 *
 * @param connect to open a connection
 * @param read to receive the response headers once connected
 * @param total for the whole probe, redirects included
 */
public record ProbeTimeouts(Duration connect, Duration read, Duration total) {

	/** Mastodon's request timeouts: connect 5 s, read 10 s, 30 s in all. */
	public static final ProbeTimeouts MASTODON = new ProbeTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
			Duration.ofSeconds(30));

}
