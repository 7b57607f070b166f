package dev.mastodonmaintenance.operator.cli;

import java.util.EnumSet;
import java.util.concurrent.Callable;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The commands that act on one execution: restart, stop, abandon, recover.
 */
final class ExecutionCommands {

	private ExecutionCommands() {
	}

	// an execution id, or null for the newest execution ('last')
	private static ExecutionSummary existing(CommandContext cli, @Nullable Long executionId) {
		if (executionId == null) {
			return cli.maintenance().lastExecution().orElseThrow(() -> new CliException("No execution yet"));
		}
		return cli.maintenance()
			.execution(executionId)
			.orElseThrow(() -> new CliException("No execution " + executionId + "; 'executions' lists them"))
			.summary();
	}

	private static EnumSet<Level> levelsOf(ExecutionSummary execution) {
		return execution.levels().isEmpty() ? EnumSet.allOf(Level.class) : EnumSet.copyOf(execution.levels());
	}

	/**
	 * {@code restart ID}.
	 */
	@Command(name = "restart", description = "Resume a failed or stopped execution after its last committed chunk, "
			+ "with the options and cut-off dates of its run, and follow it to its end. An execution left running "
			+ "by a process that no longer runs it is marked FAILED first.")
	static final class Restart implements Callable<Integer> {

		private final CommandContext cli;

		@Parameters(paramLabel = "ID|last", converter = StatusCommand.ExecutionReference.class,
				description = "The execution, as 'executions' lists it, or 'last' for the newest one.")
		@Nullable Long executionId;

		@Mixin
		JsonOption json;

		Restart(CommandContext cli) {
			this.cli = cli;
		}

		@Override
		public Integer call() throws Exception {
			this.cli.json(this.json.json);
			ExecutionSummary execution = existing(this.cli, this.executionId);
			EnumSet<Level> levels = levelsOf(execution);
			long restarted = this.cli.restart(execution);
			this.cli.err().println("Restarted execution " + execution.id() + " as execution " + restarted + ".");
			return this.cli.reported(this.cli.watch(restarted, levels, levels.size() > 1));
		}

	}

	/**
	 * {@code stop ID}.
	 */
	@Command(name = "stop", description = "Ask a running execution to stop at the end of its current chunk; "
			+ "'restart ID' resumes it.")
	static final class Stop implements Callable<Integer> {

		private final CommandContext cli;

		@Parameters(paramLabel = "ID|last", converter = StatusCommand.ExecutionReference.class,
				description = "The running execution, or 'last' for the newest one.")
		@Nullable Long executionId;

		@Option(names = "--wait", description = "Wait until it has stopped.")
		boolean await;

		Stop(CommandContext cli) {
			this.cli = cli;
		}

		@Override
		public Integer call() throws Exception {
			long id = existing(this.cli, this.executionId).id();
			this.cli.maintenance().stop(id);
			this.cli.out().println("Stop requested: execution " + id + " stops at the end of its current chunk.");
			if (!this.await) {
				return ExitCodes.OK;
			}
			ExecutionSummary summary;
			do {
				Thread.sleep(500);
				summary = this.cli.maintenance()
					.execution(id)
					.orElseThrow(() -> new CliException("Execution " + id + " disappeared"))
					.summary();
			}
			while (summary.running());
			this.cli.out().println("Execution " + id + " is " + summary.status() + ".");
			return ExitCodes.OK;
		}

	}

	/**
	 * {@code abandon ID}.
	 */
	@Command(name = "abandon", description = "Give up a failed or stopped execution for good: its run can never be "
			+ "restarted. What it removed stays removed.")
	static final class Abandon implements Callable<Integer> {

		private final CommandContext cli;

		@Parameters(paramLabel = "ID|last", converter = StatusCommand.ExecutionReference.class,
				description = "The failed or stopped execution, or 'last' for the newest one.")
		@Nullable Long executionId;

		Abandon(CommandContext cli) {
			this.cli = cli;
		}

		@Override
		public Integer call() {
			long id = existing(this.cli, this.executionId).id();
			this.cli.maintenance().abandon(id);
			this.cli.out().println("Execution " + id + " abandoned.");
			return ExitCodes.OK;
		}

	}

	/**
	 * {@code recover ID}.
	 */
	@Command(name = "recover", description = "Mark an execution left running (or UNKNOWN) by a process that was "
			+ "killed or lost the database as FAILED, so that it can be restarted or abandoned.")
	static final class Recover implements Callable<Integer> {

		private final CommandContext cli;

		@Parameters(paramLabel = "ID|last", converter = StatusCommand.ExecutionReference.class,
				description = "The execution marked running that no process runs, or 'last' for the newest one.")
		@Nullable Long executionId;

		Recover(CommandContext cli) {
			this.cli = cli;
		}

		@Override
		public Integer call() {
			long id = existing(this.cli, this.executionId).id();
			this.cli.maintenance().recover(id);
			this.cli.out()
				.println("Execution " + id + " recovered: it is FAILED and can be restarted " + "with 'restart " + id
						+ "'.");
			return ExitCodes.OK;
		}

	}

}
