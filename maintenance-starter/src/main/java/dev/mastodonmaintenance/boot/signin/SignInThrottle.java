package dev.mastodonmaintenance.boot.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationListener;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Failed sign-ins, counted per user name and per client address, in memory: after
 * {@value #FREE_FAILURES} failures in a row, each further attempt for that user or from
 * that address is refused unchecked until a delay has passed, 1 s after the first of them
 * and doubling with each failure, up to 15 minutes. A successful sign-in clears the
 * user's and the address's count. Every failure is logged, with the user name and the
 * address, so that log-based tools (fail2ban) can act on them too.
 * <p>
 * It learns of sign-ins from Spring Security's authentication events, which carry the
 * client's address in their {@link WebAuthenticationDetails}; with
 * {@code server.forward-headers-strategy} set, that is the address the proxy forwarded.
 */
public class SignInThrottle implements ApplicationListener<AbstractAuthenticationEvent> {

	private static final Log logger = LogFactory.getLog(SignInThrottle.class);

	/** Failures in a row that cost nothing: typing mistakes. */
	static final int FREE_FAILURES = 3;

	private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

	private static final Duration MAX_DELAY = Duration.ofMinutes(15);

	// beyond this many users and addresses, those whose delay has passed are forgotten
	private static final int MAX_TRACKED = 10_000;

	private final Map<String, Failures> byUser = new ConcurrentHashMap<>();

	private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

	private final Clock clock;

	/**
	 * Creates the throttle on the system clock.
	 */
	public SignInThrottle() {
		this(Clock.systemUTC());
	}

	SignInThrottle(Clock clock) {
		this.clock = clock;
	}

	/**
	 * How long a sign-in attempt must still wait.
	 * @param user the user name given
	 * @param address the client's address
	 * @return zero when it may be checked now
	 */
	public Duration waitFor(String user, String address) {
		Instant now = this.clock.instant();
		Duration forUser = wait(this.byUser.get(user), now);
		Duration forAddress = wait(this.byAddress.get(address), now);
		return (forUser.compareTo(forAddress) >= 0) ? forUser : forAddress;
	}

	/**
	 * Counts a failed sign-in and logs it.
	 * @param user the user name given
	 * @param address the client's address
	 */
	public void failed(String user, String address) {
		Instant now = this.clock.instant();
		forgetOld(now);
		Failures userFailures = this.byUser.compute(user, (key, failures) -> Failures.after(failures, now));
		Failures addressFailures = this.byAddress.compute(address, (key, failures) -> Failures.after(failures, now));
		Duration wait = waitFor(user, address);
		logger.warn("Failed sign-in for user '" + printable(user) + "' from " + address + " (" + userFailures.count()
				+ " in a row for this user, " + addressFailures.count() + " from this address)"
				+ (wait.isZero() ? "" : "; further attempts refused for " + wholeSeconds(wait) + " s"));
	}

	/**
	 * Logs an attempt refused because it came too soon.
	 * @param user the user name given
	 * @param address the client's address
	 * @param wait how long it had still to wait
	 */
	public void refused(String user, String address, Duration wait) {
		logger.warn("Refused sign-in for user '" + printable(user) + "' from " + address
				+ " unchecked: too many failures, next attempt accepted in " + wholeSeconds(wait) + " s");
	}

	// a user name is what anyone typed: no line breaks or escapes into the log
	private static String printable(String user) {
		return user.replaceAll("\\p{Cntrl}", "?");
	}

	/**
	 * A wait in whole seconds, rounded up, as said to people and in {@code Retry-After}.
	 * @param wait the wait
	 * @return at least 1 for a wait that is not zero
	 */
	static long wholeSeconds(Duration wait) {
		long seconds = wait.toSeconds();
		return (wait.minusSeconds(seconds).isZero()) ? seconds : seconds + 1;
	}

	/**
	 * Clears the counts of a user and an address after a successful sign-in.
	 * @param user the user
	 * @param address the client's address
	 */
	public void succeeded(String user, String address) {
		this.byUser.remove(user);
		this.byAddress.remove(address);
	}

	@Override
	public void onApplicationEvent(AbstractAuthenticationEvent event) {
		if (!(event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details)
				|| details.getRemoteAddress() == null) {
			return;
		}
		String user = event.getAuthentication().getName();
		if (event instanceof AbstractAuthenticationFailureEvent) {
			failed(user, details.getRemoteAddress());
		}
		else if (event instanceof AuthenticationSuccessEvent) {
			succeeded(user, details.getRemoteAddress());
		}
	}

	private static Duration wait(@Nullable Failures failures, Instant now) {
		if (failures == null || failures.count() <= FREE_FAILURES) {
			return Duration.ZERO;
		}
		Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(20, failures.count() - FREE_FAILURES - 1));
		Instant until = failures.last().plus((delay.compareTo(MAX_DELAY) < 0) ? delay : MAX_DELAY);
		return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
	}

	private void forgetOld(Instant now) {
		if (this.byUser.size() + this.byAddress.size() > MAX_TRACKED) {
			Instant old = now.minus(MAX_DELAY);
			this.byUser.values().removeIf((failures) -> failures.last().isBefore(old));
			this.byAddress.values().removeIf((failures) -> failures.last().isBefore(old));
		}
	}

	/**
	 * Failures in a row and when the last one was.
	 */
	private record Failures(int count, Instant last) {

		static Failures after(@Nullable Failures failures, Instant now) {
			return new Failures((failures != null) ? failures.count + 1 : 1, now);
		}

	}

}
