package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.boot.Durations;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.Progress;
import dev.mastodonmaintenance.boot.StepDetails;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code status ID}: one execution with its levels, and its progress while it runs. The exit status says how
 * it ended, as a run's would: 0 completed, 2 failed, 3 otherwise (stopped, abandoned, still running).
 */
@Command(name = "status", description = { "Show one execution: its options, each level's counts and summary, "
		+ "failures, and its progress while it runs.",
		"Exit status: 0 completed, 2 failed, 3 stopped, abandoned or still running." })
final class StatusCommand implements Callable<Integer> {

	private final CommandContext cli;

	@Parameters(paramLabel = "ID", description = "The execution.")
	long executionId;

	StatusCommand(CommandContext cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() {
		ExecutionDetails details = this.cli.maintenance()
			.execution(this.executionId)
			.orElseThrow(() -> new CliException("No execution " + this.executionId));
		ExecutionSummary summary = details.summary();
		PrintWriter out = this.cli.out();
		out.println("Execution " + summary.id() + " (run " + summary.instanceId() + "): " + summary.status()
				+ (summary.dryRun() ? ", dry run" : ""));
		out.println("  started  " + ((summary.startTime() != null) ? ExecutionsCommand.TIME.format(summary.startTime())
				+ " UTC" : "-"));
		out.println("  ended    " + ((summary.endTime() != null) ? ExecutionsCommand.TIME.format(summary.endTime())
				+ " UTC" : "-") + ((summary.duration() != null) ? " (" + Durations.words(summary.duration()) + ")" : ""));
		out.println("  levels   " + ExecutionsCommand.levels(summary.levels()));
		if (details.mastodonSchema() != null) {
			out.println("  schema   " + details.mastodonSchema());
		}
		summary.parameters().forEach((name, value) -> out.println("  " + name + "=" + value));
		this.cli.operatorActions()
			.of(this.executionId)
			.forEach((action) -> out.println("  " + action.kind().verb() + " by " + action.operator() + " at "
					+ ExecutionsCommand.TIME.format(action.at()) + " UTC"));
		if (summary.running()) {
			this.cli.maintenance().progress(this.executionId).ifPresent((progress) -> progress(out, progress));
		}
		for (StepDetails step : details.steps()) {
			out.println();
			out.println(step.name() + ": " + step.status() + " (" + step.exitCode() + ")"
					+ ((step.duration() != null) ? " in " + Durations.words(step.duration()) : ""));
			out.println("  read " + step.readCount() + ", written " + step.writeCount() + ", skipped "
					+ step.skipCount() + ", commits " + step.commitCount() + ", rollbacks " + step.rollbackCount()
					+ ", freed " + LevelReport.humanSize(step.figures().bytesFreed()));
			String text = (step.summary() != null) ? step.summary() : step.exitDescription();
			text.lines().filter((line) -> !line.isBlank()).forEach((line) -> out.println("  " + line));
			step.failures().forEach((failure) -> failure(out, failure));
		}
		details.failures().forEach((failure) -> failure(out, failure));
		return ExitCodes.of(summary.status());
	}

	private static void progress(PrintWriter out, Progress progress) {
		out.println("  running  step " + progress.stepNumber() + " of " + progress.stepCount() + " ("
				+ progress.stepName() + ((progress.phase() != null) ? ", " + progress.phase() : "") + "): "
				+ progress.processed() + " processed"
				+ ((progress.estimatedTotal() != null) ? " of ~" + progress.estimatedTotal() : ""));
	}

	private void failure(PrintWriter out, String failure) {
		if (this.cli.trace()) {
			failure.lines().forEach((line) -> out.println("  ! " + line));
		}
		else {
			out.println("  ! " + failure.lines().findFirst().orElse("") + " (--trace for the stack trace)");
		}
	}

}
