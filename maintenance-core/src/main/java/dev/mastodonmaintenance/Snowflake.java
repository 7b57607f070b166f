package dev.mastodonmaintenance;

import java.time.Instant;

/**
 * Mastodon's snowflake ids: {@code (unix_time_ms << 16) | 16 low bits}. Status ids encode
 * the published time, so an id range is a cheap stand-in for a time range.
 */
public final class Snowflake {

	private Snowflake() {
	}

	/**
	 * The smallest id Mastodon would give at {@code time}, at second precision and with
	 * zero low bits: the cut-off tootctl uses for "older than N days"
	 * ({@code id < cutoff} is older).
	 * @param time the instant
	 * @return the cut-off id
	 */
	public static long cutoffAt(Instant time) {
		return (time.getEpochSecond() * 1000) << 16;
	}

	/**
	 * The instant an id was minted at, to the millisecond.
	 * @param id a snowflake id
	 * @return its time
	 */
	public static Instant timeOf(long id) {
		return Instant.ofEpochMilli(id >> 16);
	}

}
