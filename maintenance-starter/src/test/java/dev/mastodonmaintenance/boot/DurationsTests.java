package dev.mastodonmaintenance.boot;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durations read in the unit that matters at their length, down to the millisecond under
 * a second.
 */
class DurationsTests {

	@Test
	void eachLengthInItsUnits() {
		assertThat(Durations.words(Duration.ofMillis(850))).isEqualTo("850 ms");
		assertThat(Durations.words(Duration.ofMillis(7_400))).isEqualTo("7 s");
		assertThat(Durations.words(Duration.ofSeconds(750))).isEqualTo("12 min 30 s");
		assertThat(Durations.words(Duration.ofMinutes(123).plusSeconds(59))).isEqualTo("2 h 3 min");
	}

}
