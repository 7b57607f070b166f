package dev.mastodonmaintenance.accounts;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The request {@code accounts cull} makes for each account: an unsigned HTTP {@code HEAD}
 * to the account's ActivityPub id, as Mastodon's {@code Request} class sends it.
 * Redirects are followed by hand, at most 3, and every host on the way goes through the
 * {@link PrivateAddressGuard} first. The connection must open within the connect timeout
 * and the answer come within the read timeout after it, as with Mastodon's http.rb (a
 * server that accepts and never answers costs the read timeout, 10 s, not connect and
 * read together). Each request runs on the calling thread ({@link HttpURLConnection},
 * whose idle connections the JVM keeps for reuse). Thread-safe.
 * <p>
 * The guard resolves the host and checks its addresses; the HTTP client resolves it again
 * to connect. The JVM caches successful lookups (30 s by default), so both normally see
 * the same answer; a resolver that changes its answer between the two (DNS rebinding) is
 * not caught, where Mastodon, which connects to the addresses it checked, would catch it.
 * Mastodon's HTTP proxy settings are not applied.
 */
public class ReachabilityProbe {

	/** The most redirects followed, as Mastodon's {@code follow(max_hops: 3)}. */
	public static final int MAX_REDIRECTS = 3;

	private static final Set<Integer> REDIRECTS = Set.of(300, 301, 302, 303, 307, 308);

	private final PrivateAddressGuard guard;

	private final String userAgent;

	private final ProbeTimeouts timeouts;

	/**
	 * Creates a probe.
	 * @param guard the SSRF guard
	 * @param userAgent the {@code User-Agent} header, see {@link #userAgent(String)}
	 * @param timeouts the time limits, {@link ProbeTimeouts#MASTODON} as Mastodon
	 */
	public ReachabilityProbe(PrivateAddressGuard guard, String userAgent, ProbeTimeouts timeouts) {
		this.guard = guard;
		this.userAgent = userAgent;
		this.timeouts = timeouts;
	}

	/**
	 * A {@code User-Agent} in Mastodon's form,
	 * {@code Mastodon/<version> (<client>; +https://<domain>/)}, so that servers treat
	 * the probe as the instance's own request.
	 * @param localDomain the instance's {@code LOCAL_DOMAIN} (or {@code WEB_DOMAIN}), or
	 * {@code null} when unknown: the link part is then left out
	 * @return the header value
	 */
	public static String userAgent(@Nullable String localDomain) {
		return "Mastodon/4.7.0 (java.net.http; mastodon-maintenance"
				+ ((localDomain != null) ? "; +https://" + localDomain + "/" : "") + ")";
	}

	/**
	 * Probes one account.
	 * @param accountUri the account's {@code uri}
	 * @return what the answer means; never throws for network trouble
	 */
	public ProbeResult probe(String accountUri) {
		Optional<URI> start = parse(accountUri);
		if (start.isEmpty()) {
			return new ProbeResult(Reachability.FAILED, "malformed account URI '" + accountUri + "'");
		}
		String host = start.get().getHost().toLowerCase(Locale.ROOT);
		if (host.endsWith(".onion") || host.endsWith(".i2p")) {
			return new ProbeResult(Reachability.FAILED, "hidden service " + host + " is not probed");
		}
		Instant deadline = Instant.now().plus(this.timeouts.total());
		Set<URI> visited = new HashSet<>();
		URI current = start.get();
		for (int redirects = 0;; redirects++) {
			if (!visited.add(current)) {
				return unreachable("endless redirect loop at " + current);
			}
			Answer response;
			try {
				response = head(current, deadline);
			}
			catch (IOException ex) {
				return unreachable(describe(ex));
			}
			catch (IllegalArgumentException ex) {
				return new ProbeResult(Reachability.FAILED, "cannot request " + current + ": " + ex.getMessage());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new ProbeResult(Reachability.FAILED, "interrupted");
			}
			int status = response.status();
			if (!REDIRECTS.contains(status)) {
				return (status == 404 || status == 410) ? new ProbeResult(Reachability.GONE, "HTTP " + status)
						: new ProbeResult(Reachability.ALIVE, "HTTP " + status);
			}
			if (redirects == MAX_REDIRECTS) {
				return unreachable("too many redirects (more than " + MAX_REDIRECTS + ")");
			}
			URI base = current;
			Optional<URI> next = Optional.ofNullable(response.location())
				.flatMap((location) -> resolve(base, location));
			if (next.isEmpty()) {
				return unreachable("HTTP " + status + " without a usable Location");
			}
			current = next.get();
		}
	}

	// One HEAD on the calling thread, as Mastodon's Request sends it: the connection
	// within the connect timeout, then the answer within the read timeout (both cut to
	// what is left of the probe's total); no body is read.
	private Answer head(URI uri, Instant deadline) throws IOException, InterruptedException {
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new IOException("unsupported scheme " + scheme);
		}
		this.guard.resolve(uri.getHost());
		if (Thread.interrupted()) {
			throw new InterruptedException();
		}
		Duration remaining = Duration.between(Instant.now(), deadline);
		if (remaining.isNegative() || remaining.isZero()) {
			throw new HttpTimeoutException("request timed out");
		}
		URL url;
		try {
			url = uri.toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
		HttpURLConnection connection = (HttpURLConnection) url.openConnection();
		connection.setInstanceFollowRedirects(false);
		connection.setUseCaches(false);
		connection.setRequestMethod("HEAD");
		connection.setConnectTimeout(millis(this.timeouts.connect(), remaining));
		connection.setReadTimeout(millis(this.timeouts.read(), remaining));
		connection.setRequestProperty("User-Agent", this.userAgent);
		connection.setRequestProperty("Date",
				DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)));
		// instead of the connection's own default, which lists image types
		connection.setRequestProperty("Accept", "*/*");
		try {
			int status = connection.getResponseCode();
			if (status < 0) {
				throw new IOException("not an HTTP answer");
			}
			return new Answer(status, connection.getHeaderField("Location"));
		}
		catch (SocketTimeoutException ex) {
			throw new HttpTimeoutException("request timed out");
		}
	}

	// a timeout in milliseconds, at most what is left, never 0 (which would mean none)
	private static int millis(Duration timeout, Duration remaining) {
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.min(timeout.toMillis(), remaining.toMillis())));
	}

	private static Optional<URI> parse(String text) {
		try {
			URI uri = new URI(text);
			return (uri.getScheme() != null && uri.getHost() != null) ? Optional.of(uri) : Optional.empty();
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
	}

	private static Optional<URI> resolve(URI base, String location) {
		try {
			URI next = base.resolve(new URI(location.strip()));
			return (next.getScheme() != null && next.getHost() != null) ? Optional.of(next) : Optional.empty();
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private record Answer(int status, @Nullable String location) {
	}

	private static ProbeResult unreachable(String detail) {
		return new ProbeResult(Reachability.UNREACHABLE, detail);
	}

	private static String describe(IOException ex) {
		if (ex instanceof PrivateAddressGuard.PrivateAddressException) {
			return ex.getMessage();
		}
		if (ex instanceof UnknownHostException) {
			return "unknown host " + ex.getMessage();
		}
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
