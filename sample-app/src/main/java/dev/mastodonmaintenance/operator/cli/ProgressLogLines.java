package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.mastodonmaintenance.boot.Progress;

/**
 * Off a terminal (cron, systemd, pipes): lines a log keeps, each with its ISO-8601 time
 * and the level's tootctl name, one when a level starts or enters a new phase and then at
 * most one per level every 30 seconds.
 */
final class ProgressLogLines implements ProgressDisplay {

	static final Duration INTERVAL = Duration.ofSeconds(30);

	private final PrintWriter out;

	private final Clock clock;

	private final Map<String, Instant> lastLines = new HashMap<>();

	private final Map<String, String> lastPhases = new HashMap<>();

	ProgressLogLines(PrintWriter out, Clock clock) {
		this.out = out;
		this.clock = clock;
	}

	@Override
	public void show(Progress progress) {
		if (progress.stepName() == null) {
			return;
		}
		Instant now = this.clock.instant();
		Instant last = this.lastLines.get(progress.stepName());
		String phase = Objects.toString(progress.phase(), "");
		boolean newPhase = !phase.equals(this.lastPhases.getOrDefault(progress.stepName(), ""));
		if (last != null && now.isBefore(last.plus(INTERVAL)) && !newPhase) {
			return;
		}
		this.lastLines.put(progress.stepName(), now);
		this.lastPhases.put(progress.stepName(), phase);
		this.out.println(now.truncatedTo(ChronoUnit.SECONDS) + " " + ProgressDisplay.levelName(progress) + ": "
				+ ((last == null) ? "started, " : "") + describe(progress, phase));
		this.out.flush();
	}

	// The share done is the current phase's, the counts the whole level's: the share goes
	// with the phase's name, so that "media (0%)" does not read as 0% of the level.
	private static String describe(Progress progress, String phase) {
		if (progress.estimatedTotal() == null || progress.fraction() == null) {
			return (phase.isEmpty() ? "" : phase + ": ") + progress.processed() + " processed";
		}
		String share = Math.round(progress.fraction() * 100) + "%";
		String counts = progress.processed() + " of ~" + progress.estimatedTotal() + " processed";
		return phase.isEmpty() ? counts + " (" + share + ")" : phase + " (" + share + "): " + counts;
	}

	@Override
	public void close() {
		// each line is complete
	}

}
