package dev.mastodonmaintenance.boot;

import java.time.Duration;

/**
 * Durations as a person reads them, the same in the console and the operator's command
 * line.
 */
public final class Durations {

	private Durations() {
	}

	/**
	 * A duration in words: {@code 850 ms}, {@code 7 s}, {@code 12 min 30 s},
	 * {@code 2 h 3 min}.
	 * @param duration the duration
	 * @return the words
	 */
	public static String words(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 1) {
			return duration.toMillis() + " ms";
		}
		if (seconds < 60) {
			return seconds + " s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + " min " + (seconds % 60) + " s";
		}
		return (seconds / 3600) + " h " + ((seconds / 60) % 60) + " min";
	}

}
