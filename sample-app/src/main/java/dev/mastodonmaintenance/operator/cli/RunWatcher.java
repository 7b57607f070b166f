package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import dev.mastodonmaintenance.batch.ConnectionLoss;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.Durations;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.Progress;
import dev.mastodonmaintenance.boot.StepDetails;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Follows an execution until it ends, showing its progress (a bar on a terminal,
 * time-stamped lines otherwise), then prints the summary lines of its levels in tootctl's
 * words, tootctl's closing lines where it has some, and tells how it ended.
 */
final class RunWatcher {

	/**
	 * Reads a step's execution context, where a level keeps its counts.
	 */
	@FunctionalInterface
	interface StepContexts {

		/**
		 * The context of a step execution.
		 * @param executionId the job execution
		 * @param stepExecutionId the step execution
		 * @return its context
		 */
		ExecutionContext of(long executionId, long stepExecutionId);

	}

	/**
	 * How long the database may stay unreachable while a run is followed: longer than the
	 * run's own retries of its status (a minute by default), so that a restarted
	 * PostgreSQL finds the run ended FAILED.
	 */
	static final Duration UNREACHABLE_LIMIT = Duration.ofSeconds(90);

	private final MastodonMaintenance maintenance;

	private final StepContexts contexts;

	private final PrintWriter out;

	private final PrintWriter err;

	private final ProgressDisplay display;

	private final Duration poll;

	private final @Nullable Consumer<ExecutionDetails> json;

	/**
	 * Creates a watcher.
	 * @param maintenance the facade
	 * @param contexts reads the levels' step contexts
	 * @param out where progress and summaries go
	 * @param err where failures go
	 * @param display how progress is shown
	 * @param poll how often to read the progress
	 * @param json with {@code --json}: takes the ended execution for its document,
	 * instead of the summary lines on {@code out}; how it ended then goes to {@code err}
	 */
	RunWatcher(MastodonMaintenance maintenance, StepContexts contexts, PrintWriter out, PrintWriter err,
			ProgressDisplay display, Duration poll, @Nullable Consumer<ExecutionDetails> json) {
		this.maintenance = maintenance;
		this.contexts = contexts;
		this.out = out;
		this.err = err;
		this.display = display;
		this.poll = poll;
		this.json = json;
	}

	/**
	 * The display for an output: a bar on a terminal, time-stamped lines otherwise.
	 * @param out the output
	 * @param terminal whether it is a terminal
	 * @return the display
	 */
	static ProgressDisplay display(PrintWriter out, boolean terminal) {
		return terminal ? new ProgressBarDisplay(out) : new ProgressLogLines(out, Clock.systemUTC());
	}

	/**
	 * Follows an execution to its end and reports it.
	 * @param executionId the execution
	 * @param shown the levels whose progress and summaries are shown; the others of the
	 * job are skipped steps of no interest
	 * @param prefixed whether to prefix summary lines with the level's tootctl command,
	 * for a run of several levels
	 * @return the exit status
	 * @throws InterruptedException when interrupted while waiting
	 */
	int watch(long executionId, Set<Level> shown, boolean prefixed) throws InterruptedException {
		Unreachable unreachable = new Unreachable();
		RuntimeException lost = null;
		try (ProgressDisplay display = this.display) {
			while (true) {
				Progress progress;
				try {
					progress = this.maintenance.progress(executionId)
						.orElseThrow(() -> new IllegalStateException("Execution " + executionId + " disappeared"));
				}
				catch (RuntimeException ex) {
					if (unreachable.givesUp(ex)) {
						lost = ex;
						break;
					}
					Thread.sleep(this.poll.toMillis());
					continue;
				}
				unreachable.reset();
				if (progress.level() == null || shown.contains(progress.level())) {
					display.show(progress);
				}
				if (!progress.status().isRunning()) {
					break;
				}
				Thread.sleep(this.poll.toMillis());
			}
		}
		if (lost != null) {
			return databaseLost(executionId, lost);
		}
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
	 * The run lost its database for longer than it waits itself: it cannot even save that
	 * it failed. It stays marked running with no node running it, which the next command
	 * notices and marks FAILED.
	 */
	private int databaseLost(long executionId, RuntimeException failure) {
		this.err.println("Execution " + executionId + " FAILED: the database has been unreachable for "
				+ Durations.words(UNREACHABLE_LIMIT) + " (" + OperatorCommandLine.describe(failure)
				+ "). Once it answers again, resume the run with: restart " + executionId);
		this.err.flush();
		return ExitCodes.FAILED;
	}

	private void report(ExecutionDetails details, Set<Level> shown, boolean prefixed) {
		if (this.json != null) {
			this.json.accept(details);
		}
		else {
			summaries(details, shown, prefixed);
		}
		long id = details.summary().id();
		String took = (details.summary().duration() != null)
				? " in " + Durations.words(Objects.requireNonNull(details.summary().duration())) : "";
		// with --json, standard output has the document only
		PrintWriter ended = (this.json != null) ? this.err : this.out;
		switch (details.summary().status()) {
			case COMPLETED -> ended.println("Execution " + id + " completed" + took + ".");
			case FAILED -> this.err.println("Execution " + id + " FAILED" + took + ": " + failure(details)
					+ ". Fix the cause, then resume the run where it stopped with: restart " + id
					+ " (stack trace: status " + id + " --trace)");
			case STOPPED -> this.err.println("Execution " + id + " STOPPED" + took + "; resume it with: restart " + id);
			default -> this.err.println("Execution " + id + " ended " + details.summary().status() + took + ".");
		}
		this.out.flush();
		this.err.flush();
	}

	private void summaries(ExecutionDetails details, Set<Level> shown, boolean prefixed) {
		for (StepDetails step : details.steps()) {
			if (step.level() == null || !shown.contains(step.level())) {
				continue;
			}
			String prefix = prefixed ? step.level().tootctlCommand() + ": " : "";
			String summary = step.summary();
			if (step.status() == BatchStatus.COMPLETED && summary != null && !summary.isBlank()) {
				summary.lines().forEach((line) -> this.out.println(prefix + line));
				TootctlClosingLines
					.of(step, this.contexts.of(details.summary().id(), step.id()), details.summary().dryRun())
					.forEach((line) -> this.out.println(prefix + line));
			}
			else if (step.status() != BatchStatus.COMPLETED) {
				this.out.println(prefix + step.status()
						+ (step.failures().isEmpty() ? "" : ": " + Failures.reason(step.failures().get(0))));
			}
		}
	}

	/**
	 * Counts how long the database has been unreachable while following a run.
	 */
	private static final class Unreachable {

		private long since = -1;

		/**
		 * Whether to give up following the run after a failure to read it.
		 * @param failure the failure, rethrown unless it is a lost connection
		 * @return {@code true} once the database has been unreachable for
		 * {@link #UNREACHABLE_LIMIT}
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
