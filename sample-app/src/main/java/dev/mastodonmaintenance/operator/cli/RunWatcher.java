package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import dev.mastodonmaintenance.batch.ConnectionLoss;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.Progress;
import dev.mastodonmaintenance.boot.StepDetails;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;

/**
 * Follows an execution until it ends, showing its progress (a bar on a terminal, a line per level and
 * per half minute otherwise), then prints the summary lines of its levels in tootctl's words and tells how
 * it ended.
 */
final class RunWatcher {

	private static final Duration PLAIN_INTERVAL = Duration.ofSeconds(30);

	/**
	 * How long the database may stay unreachable while a run is followed: longer than the run's own retries
	 * of its status (a minute by default), so that a restarted PostgreSQL finds the run ended FAILED.
	 */
	static final Duration UNREACHABLE_LIMIT = Duration.ofSeconds(90);

	private static final int BAR_WIDTH = 24;

	private final MastodonMaintenance maintenance;

	private final PrintWriter out;

	private final PrintWriter err;

	private final boolean terminal;

	private final Duration poll;

	private @Nullable String lastStep;

	private long lastPlainLine;

	private int lastWidth;

	/**
	 * Creates a watcher.
	 * @param maintenance the facade
	 * @param out where progress and summaries go
	 * @param err where failures go
	 * @param terminal whether {@code out} is a terminal, which gets a progress bar redrawn in place
	 * @param poll how often to read the progress
	 */
	RunWatcher(MastodonMaintenance maintenance, PrintWriter out, PrintWriter err, boolean terminal, Duration poll) {
		this.maintenance = maintenance;
		this.out = out;
		this.err = err;
		this.terminal = terminal;
		this.poll = poll;
	}

	/**
	 * Follows an execution to its end and reports it.
	 * @param executionId the execution
	 * @param shown the levels whose progress and summaries are shown; the others of the job are skipped
	 * steps of no interest
	 * @param prefixed whether to prefix summary lines with the level's tootctl command, for a run of several
	 * levels
	 * @return the exit status
	 * @throws InterruptedException when interrupted while waiting
	 */
	int watch(long executionId, Set<Level> shown, boolean prefixed) throws InterruptedException {
		long started = System.nanoTime();
		Unreachable unreachable = new Unreachable();
		while (true) {
			Progress progress;
			try {
				progress = this.maintenance.progress(executionId)
					.orElseThrow(() -> new IllegalStateException("Execution " + executionId + " disappeared"));
			}
			catch (RuntimeException ex) {
				if (unreachable.givesUp(ex)) {
					return databaseLost(executionId, ex);
				}
				Thread.sleep(this.poll.toMillis());
				continue;
			}
			unreachable.reset();
			if (progress.level() == null || shown.contains(progress.level())) {
				show(progress, Duration.ofNanos(System.nanoTime() - started));
			}
			if (!progress.status().isRunning()) {
				break;
			}
			Thread.sleep(this.poll.toMillis());
		}
		clearBar();
		ExecutionDetails details;
		while (true) {
			try {
				details = this.maintenance.execution(executionId)
					.orElseThrow(() -> new IllegalStateException("Execution " + executionId + " disappeared"));
				break;
			}
			catch (RuntimeException ex) {
				if (unreachable.givesUp(ex)) {
					return databaseLost(executionId, ex);
				}
				Thread.sleep(this.poll.toMillis());
			}
		}
		report(details, shown, prefixed);
		return ExitCodes.of(details.summary().status());
	}

	/**
	 * The run lost its database for longer than it waits itself: it cannot even save that it failed. It
	 * stays marked running with no node running it, which the next command notices and marks FAILED.
	 */
	private int databaseLost(long executionId, RuntimeException failure) {
		clearBar();
		this.err.println("Execution " + executionId + " FAILED: the database has been unreachable for "
				+ Durations.words(UNREACHABLE_LIMIT) + " (" + OperatorCommandLine.message(failure).replace("Error: ", "")
				+ "). Once it answers again, resume the run with: restart " + executionId);
		this.err.flush();
		return ExitCodes.FAILED;
	}

	private void show(Progress progress, Duration elapsed) {
		if (progress.stepName() == null) {
			return;
		}
		if (this.terminal) {
			drawBar(progress, elapsed);
			return;
		}
		long now = System.nanoTime();
		boolean newStep = !Objects.equals(progress.stepName(), this.lastStep);
		if (newStep || now - this.lastPlainLine >= PLAIN_INTERVAL.toNanos()) {
			this.out.println(progress.stepName() + ": " + (newStep ? "running" : describe(progress)));
			this.out.flush();
			this.lastStep = progress.stepName();
			this.lastPlainLine = now;
		}
	}

	private void drawBar(Progress progress, Duration elapsed) {
		StringBuilder line = new StringBuilder();
		line.append('[').append(progress.stepNumber()).append('/').append(progress.stepCount()).append("] ");
		line.append(progress.stepName()).append("  ");
		Double fraction = progress.fraction();
		if (fraction != null) {
			int filled = (int) Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
			line.append(progress.processed()).append('/').append(progress.estimatedTotal()).append(" |");
			line.append("=".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("| ");
			line.append(Math.round(fraction * 100)).append('%');
		}
		else {
			line.append(progress.processed()).append(" processed");
		}
		line.append("  ").append(Durations.clock(elapsed));
		int width = line.length();
		line.append(" ".repeat(Math.max(0, this.lastWidth - width)));
		this.lastWidth = width;
		this.out.print("\r" + line);
		this.out.flush();
	}

	private void clearBar() {
		if (this.terminal && this.lastWidth > 0) {
			this.out.print("\r" + " ".repeat(this.lastWidth) + "\r");
			this.out.flush();
			this.lastWidth = 0;
		}
	}

	private static String describe(Progress progress) {
		if (progress.fraction() != null) {
			return progress.processed() + " of ~" + progress.estimatedTotal() + " processed ("
					+ Math.round(progress.fraction() * 100) + "%)";
		}
		return progress.processed() + " processed";
	}

	private void report(ExecutionDetails details, Set<Level> shown, boolean prefixed) {
		for (StepDetails step : details.steps()) {
			if (step.level() == null || !shown.contains(step.level())) {
				continue;
			}
			String prefix = prefixed ? step.level().tootctlCommand() + ": " : "";
			String summary = step.summary();
			if (step.status() == BatchStatus.COMPLETED && summary != null && !summary.isBlank()) {
				summary.lines().forEach((line) -> this.out.println(prefix + line));
			}
			else if (step.status() != BatchStatus.COMPLETED) {
				this.out.println(prefix + step.status() + (step.failures().isEmpty() ? ""
						: ": " + Failures.reason(step.failures().get(0))));
			}
		}
		long id = details.summary().id();
		String took = (details.summary().duration() != null)
				? " in " + Durations.words(Objects.requireNonNull(details.summary().duration())) : "";
		switch (details.summary().status()) {
			case COMPLETED -> this.out.println("Execution " + id + " completed" + took + ".");
			case FAILED -> this.err.println("Execution " + id + " FAILED" + took + ": " + failure(details)
					+ ". Fix the cause, then resume the run where it stopped with: restart " + id
					+ " (stack trace: status " + id + " --trace)");
			case STOPPED -> this.err.println("Execution " + id + " STOPPED" + took + "; resume it with: restart " + id);
			default -> this.err.println("Execution " + id + " ended " + details.summary().status() + took + ".");
		}
		this.out.flush();
		this.err.flush();
	}

	/**
	 * Counts how long the database has been unreachable while following a run.
	 */
	private static final class Unreachable {

		private long since = -1;

		/**
		 * Whether to give up following the run after a failure to read it.
		 * @param failure the failure, rethrown unless it is a lost connection
		 * @return {@code true} once the database has been unreachable for {@link #UNREACHABLE_LIMIT}
		 */
		boolean givesUp(RuntimeException failure) {
			if (!ConnectionLoss.isCause(failure)) {
				throw failure;
			}
			long now = System.nanoTime();
			if (this.since < 0) {
				this.since = now;
			}
			return now - this.since >= UNREACHABLE_LIMIT.toNanos();
		}

		void reset() {
			this.since = -1;
		}

	}

	private static String failure(ExecutionDetails details) {
		for (StepDetails step : details.steps()) {
			if (!step.failures().isEmpty()) {
				return "level " + step.name() + ": " + Failures.reason(step.failures().get(0));
			}
		}
		if (!details.failures().isEmpty()) {
			return Failures.reason(details.failures().get(0));
		}
		return Failures.reason(details.exitDescription());
	}

}
