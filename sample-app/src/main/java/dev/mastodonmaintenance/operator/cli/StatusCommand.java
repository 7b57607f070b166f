package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.boot.Durations;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.PartitionDetails;
import dev.mastodonmaintenance.boot.Progress;
import dev.mastodonmaintenance.boot.StepDetails;
import dev.mastodonmaintenance.boot.audit.OperatorAction;
import dev.mastodonmaintenance.boot.log.RunLogLine;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code status ID}: one execution with its levels, who acted on it, its progress while
 * it runs and the schedule. The exit status says how it ended, as a run's would: 0
 * completed, 2 failed, 3 otherwise (stopped, abandoned, still running).
 */
@Command(name = "status",
		description = { "Show one execution: its options, who launched or stopped it, each "
				+ "level's counts and summary, failures, its progress while it runs, and the schedule's next run.",
				"Exit status: 0 completed, 2 failed, 3 stopped, abandoned or still running." })
final class StatusCommand implements Callable<Integer> {

	private final CommandContext cli;

	@Parameters(paramLabel = "ID|last", converter = ExecutionReference.class,
			description = "The execution, or 'last' for the newest one.")
	@Nullable Long executionId;

	@Mixin
	JsonOption json;

	@Option(names = "--log", description = "Also show the levels' own lines of the execution "
			+ "(summaries, warnings, storage failures), as its run logged them.")
	boolean log;

	StatusCommand(CommandContext cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() {
		ExecutionDetails details = details();
		ExecutionSummary summary = details.summary();
		List<OperatorAction> actions = this.cli.operatorActions().of(summary.id());
		Progress progress = summary.running() ? this.cli.maintenance().progress(summary.id()).orElse(null) : null;
		CommandContext.Schedule schedule = this.cli.schedule();
		List<RunLogLine> log = this.log ? this.cli.runLog().of(summary.id()) : List.of();
		if (this.json.json) {
			Map<String, Object> document = ExecutionDocuments.details(details, actions, progress);
			document.put("schedule", schedule(schedule));
			if (this.log) {
				document.put("log", log.stream().map(StatusCommand::logLine).toList());
			}
			Json.print(this.cli.out(), document);
			return ExitCodes.of(summary.status());
		}
		PrintWriter out = this.cli.out();
		out.println("Execution " + summary.id() + " (run " + summary.instanceId() + "): " + summary.status()
				+ (summary.dryRun() ? ", dry run" : ""));
		out.println("  started  "
				+ ((summary.startTime() != null) ? ExecutionsCommand.TIME.format(summary.startTime()) + " UTC" : "-"));
		out.println("  ended    "
				+ ((summary.endTime() != null) ? ExecutionsCommand.TIME.format(summary.endTime()) + " UTC" : "-")
				+ ((summary.duration() != null) ? " (" + Durations.words(summary.duration()) + ")" : ""));
		out.println("  levels   " + ExecutionsCommand.levels(summary.levels()));
		if (details.mastodonSchema() != null) {
			out.println("  schema   " + details.mastodonSchema());
		}
		summary.parameters().forEach((name, value) -> out.println("  " + name + "=" + value));
		actions.forEach((action) -> out.println("  " + action.kind().verb() + " by " + action.operator() + " at "
				+ ExecutionsCommand.TIME.format(action.at()) + " UTC"));
		out.println("  schedule " + describe(schedule));
		if (progress != null) {
			progress(out, progress);
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
			step.partitions().forEach((partition) -> out.println("  " + partition(partition, summary.id())));
			step.failures().forEach((failure) -> failure(out, failure));
		}
		details.failures().forEach((failure) -> failure(out, failure));
		if (this.log) {
			out.println();
			out.println(log.isEmpty() ? "Log: no lines recorded" : "Log:");
			log.forEach((line) -> out.println("  " + ExecutionsCommand.TIME.format(line.at()) + " " + line.severity()
					+ " " + ((line.step() != null) ? line.step() + ": " : "") + line.message()));
		}
		return ExitCodes.of(summary.status());
	}

	// such as "partition 1: STARTED, statuses 40%, ids above 1000, up to 2000, on
	// mastodon-1
	// (pid 4242), read 400, written 12, for 3 seconds"
	private static String partition(PartitionDetails partition, long executionId) {
		StringBuilder line = new StringBuilder("partition " + partition.number() + ": " + partition.status());
		if (partition.executionId() != executionId) {
			line.append(" in execution ").append(partition.executionId());
		}
		if (partition.fraction() != null) {
			line.append(", ")
				.append((partition.phase() != null) ? partition.phase() + " " : "")
				.append(Math.round(partition.fraction() * 100))
				.append("%");
		}
		if (partition.share() != null) {
			line.append(", ").append(partition.share());
		}
		if (partition.node() != null) {
			line.append(", on ").append(partition.node());
		}
		line.append(", read ").append(partition.readCount()).append(", written ").append(partition.writeCount());
		if (partition.duration() != null) {
			line.append((partition.endTime() != null) ? ", in " : ", for ")
				.append(Durations.words(partition.duration()));
		}
		return line.toString();
	}

	private ExecutionDetails details() {
		if (this.executionId == null) {
			ExecutionSummary last = this.cli.maintenance()
				.lastExecution()
				.orElseThrow(() -> new CliException("No execution yet"));
			return this.cli.maintenance()
				.execution(last.id())
				.orElseThrow(() -> new CliException("No execution " + last.id()));
		}
		long id = this.executionId;
		return this.cli.maintenance().execution(id).orElseThrow(() -> new CliException("No execution " + id));
	}

	private static String describe(CommandContext.@Nullable Schedule schedule) {
		if (schedule == null) {
			return "none (mastodon.maintenance.schedule.cron is not set)";
		}
		ZonedDateTime next = schedule.next();
		return "'" + schedule.cron() + "' (" + schedule.zone() + "), next run "
				+ ((next != null) ? ExecutionsCommand.TIME.format(next) + " UTC" : "none");
	}

	private static @Nullable Map<String, Object> schedule(CommandContext.@Nullable Schedule schedule) {
		if (schedule == null) {
			return null;
		}
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("cron", schedule.cron());
		document.put("zone", schedule.zone().getId());
		document.put("nextRun",
				(schedule.next() != null) ? ExecutionDocuments.time(schedule.next().toInstant()) : null);
		return document;
	}

	private static Map<String, Object> logLine(RunLogLine line) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("at", ExecutionDocuments.time(line.at()));
		document.put("severity", line.severity());
		document.put("step", line.step());
		document.put("message", line.message());
		return document;
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

	/**
	 * Reads {@code ID|last}: an execution id, or {@code null} for the newest execution.
	 */
	static final class ExecutionReference implements ITypeConverter<@Nullable Long> {

		@Override
		public @Nullable Long convert(String value) {
			if (value.equals("last")) {
				return null;
			}
			try {
				return Long.parseLong(value);
			}
			catch (NumberFormatException ex) {
				throw new TypeConversionException("'" + value + "' is neither an execution id nor 'last'");
			}
		}

	}

}
