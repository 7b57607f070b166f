package dev.mastodonmaintenance.boot.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SignInThrottle} on a clock of its own: three failures in a row are free, then
 * each further attempt waits 1 s, 2 s, 4 s… after the last failure, per user name and per
 * address; a success clears both.
 */
class SignInThrottleTests {

	private final MovingClock clock = new MovingClock();

	private final SignInThrottle throttle = new SignInThrottle(this.clock);

	@Test
	void theDelayDoublesAfterTheFreeFailures() {
		for (int i = 0; i < 3; i++) {
			this.throttle.failed("admin", "192.0.2.1");
			assertThat(this.throttle.waitFor("admin", "192.0.2.1")).isZero();
		}
		this.throttle.failed("admin", "192.0.2.1");
		assertThat(this.throttle.waitFor("admin", "192.0.2.1")).isEqualTo(Duration.ofSeconds(1));

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.throttle.waitFor("admin", "192.0.2.1")).isZero();
		this.throttle.failed("admin", "192.0.2.1");
		assertThat(this.throttle.waitFor("admin", "192.0.2.1")).isEqualTo(Duration.ofSeconds(2));
		this.throttle.failed("admin", "192.0.2.1");
		assertThat(this.throttle.waitFor("admin", "192.0.2.1")).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void waitsAreSaidInWholeSecondsRoundedUp() {
		assertThat(SignInThrottle.wholeSeconds(Duration.ofMillis(999))).isEqualTo(1);
		assertThat(SignInThrottle.wholeSeconds(Duration.ofSeconds(2))).isEqualTo(2);
		assertThat(SignInThrottle.wholeSeconds(Duration.ofMillis(2001))).isEqualTo(3);
	}

	@Test
	void theDelayIsCappedAtFifteenMinutes() {
		for (int i = 0; i < 40; i++) {
			this.throttle.failed("admin", "192.0.2.1");
		}

		assertThat(this.throttle.waitFor("admin", "192.0.2.1")).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void failuresCountPerUserFromAnyAddressAndPerAddressForAnyUser() {
		for (int i = 0; i < 4; i++) {
			this.throttle.failed("admin", "192.0.2." + i);
			this.throttle.failed("user" + i, "198.51.100.7");
		}

		assertThat(this.throttle.waitFor("admin", "203.0.113.9")).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.throttle.waitFor("someone", "198.51.100.7")).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.throttle.waitFor("someone", "203.0.113.9")).isZero();
	}

	@Test
	void aSuccessClearsTheUserAndTheAddress() {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("admin", "192.0.2.1");
		}

		this.throttle.succeeded("admin", "192.0.2.1");

		assertThat(this.throttle.waitFor("admin", "192.0.2.1")).isZero();
	}

	private static final class MovingClock extends Clock {

		private Instant now = Instant.parse("2026-12-03T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
