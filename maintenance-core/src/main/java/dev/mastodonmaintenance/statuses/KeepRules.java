package dev.mastodonmaintenance.statuses;

import java.time.Duration;
import java.time.Instant;

import dev.mastodonmaintenance.Snowflake;

/**
 * The two settings tootctl's keep rules depend on.
 *
 * @param cutoffId statuses with an id at or above this are too recent to remove; it also
 * marks a boost as recent
 * @param cleanFollowed whether statuses of authors followed locally may go too
 * ({@code --clean-followed})
 */
public record KeepRules(long cutoffId, boolean cleanFollowed) {

	/**
	 * The rules of {@code statuses remove --days <days>}: the cut-off is the snowflake id
	 * of {@code now - days}.
	 * @param days the age in days, at least 0
	 * @param now the current time
	 * @param cleanFollowed whether followed authors lose their statuses too
	 * @return the rules
	 */
	public static KeepRules olderThan(int days, Instant now, boolean cleanFollowed) {
		if (days < 0) {
			throw new IllegalArgumentException("days must be 0 or more, was " + days);
		}
		return new KeepRules(Snowflake.cutoffAt(now.minus(Duration.ofDays(days))), cleanFollowed);
	}

}
