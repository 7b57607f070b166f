package dev.mastodonmaintenance.operator.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.statuses.StatusesRemoveLevel;
import dev.mastodonmaintenance.boot.StepDetails;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The lines {@code tootctl statuses remove} ends its phases with,
 * {@code Done after <s>s, removed <n> out of <m>
 * statuses.} (then media_attachments, conversations), from the counts the level keeps in
 * its step's context, so that scripts reading tootctl's output read ours. tootctl times
 * each phase; the time here is the level's.
 */
final class TootctlClosingLines {

	private TootctlClosingLines() {
	}

	/**
	 * The closing lines of a completed level.
	 * @param step the level's step
	 * @param context the step's execution context
	 * @param dryRun whether the run was a dry run
	 * @return the lines, none for a level that tootctl ends otherwise
	 */
	static List<String> of(StepDetails step, ExecutionContext context, boolean dryRun) {
		List<String> lines = new ArrayList<>();
		if (step.level() != Level.STATUSES_REMOVE) {
			return lines;
		}
		Duration took = (step.duration() != null) ? step.duration() : Duration.ZERO;
		String done = "Done after " + String.format(Locale.ROOT, "%.3f", took.toMillis() / 1000.0) + "s, removed ";
		String suffix = dryRun ? " (DRY RUN)" : "";
		lines.add(done + count(context, StatusesRemoveLevel.REMOVED) + " out of "
				+ count(context, StatusesRemoveLevel.CANDIDATES) + " statuses." + suffix);
		long media = count(context, StatusesRemoveLevel.MEDIA);
		lines.add(done + media + " out of " + media + " media_attachments." + suffix);
		long conversations = count(context, StatusesRemoveLevel.CONVERSATIONS);
		lines.add(done + conversations + " out of " + conversations + " conversations." + suffix);
		return lines;
	}

	private static long count(ExecutionContext context, String key) {
		return context.containsKey(key) ? context.getLong(key) : 0;
	}

}
