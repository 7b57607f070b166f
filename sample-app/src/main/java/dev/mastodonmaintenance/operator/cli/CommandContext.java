package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.audit.OperatorActions;
import dev.mastodonmaintenance.boot.manifest.DeletionManifestRecords;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What every command shares: the application, started on demand, the output streams and whether they are a
 * terminal.
 */
final class CommandContext {

	private final LazyApplication session;

	private final PrintWriter out;

	private final PrintWriter err;

	private final boolean terminal;

	private final Duration poll;

	private final BooleanSupplier trace;

	CommandContext(LazyApplication session, PrintWriter out, PrintWriter err, boolean terminal, Duration poll,
			BooleanSupplier trace) {
		this.session = session;
		this.out = out;
		this.err = err;
		this.terminal = terminal;
		this.poll = poll;
		this.trace = trace;
	}

	/**
	 * Whether {@code --trace} was given: stack traces are printed.
	 * @return whether to print stack traces
	 */
	boolean trace() {
		return this.trace.getAsBoolean();
	}

	/**
	 * The Spring Boot application the commands start.
	 * @return its class
	 */
	Class<?> application() {
		return this.session.application();
	}

	MastodonMaintenance maintenance() {
		return this.session.maintenance(false);
	}

	OperatorActions operatorActions() {
		return this.session.operatorActions();
	}

	DeletionManifestRecords manifest() {
		maintenance();
		return this.session.bean("mastodonMaintenanceManifestRecords", DeletionManifestRecords.class);
	}

	ConfigurableApplicationContext serve() {
		return this.session.serve();
	}

	PrintWriter out() {
		return this.out;
	}

	PrintWriter err() {
		return this.err;
	}

	/**
	 * Starts a run and follows it to its end.
	 * @param request what to run
	 * @param shown the levels whose progress and summaries are shown
	 * @param prefixed whether summary lines are prefixed with their tootctl command
	 * @return the exit status
	 * @throws InterruptedException when interrupted while waiting
	 */
	int run(RunRequest request, Set<Level> shown, boolean prefixed) throws InterruptedException {
		MastodonMaintenance maintenance = this.session.maintenance(true);
		// the launch marks it FAILED: the run lock it takes proves that nothing runs it
		ExecutionSummary left = maintenance.lastExecution().filter((last) -> strandedNow(maintenance, last)).orElse(null);
		long executionId = maintenance.start(request);
		if (left != null) {
			this.out.println(stranded(left.id(), left.status()) + "; 'restart " + left.id() + "' resumes it.");
		}
		return watch(executionId, shown, prefixed);
	}

	private static ExecutionContext context(@Nullable StepExecution step) {
		return (step != null) ? step.getExecutionContext() : new ExecutionContext();
	}

	/**
	 * Restarts the execution a run resumes before anything new, saying so, and follows it to its end.
	 * @param execution the failed or stranded execution
	 * @return the exit status
	 * @throws InterruptedException when interrupted while waiting
	 */
	int resume(ExecutionSummary execution) throws InterruptedException {
		this.out.println("Resuming execution " + execution.id() + ", which "
				+ (stranded(execution) ? "was left " + execution.status() + " with no process running it"
						: "FAILED")
				+ ", before a new run (--no-resume starts the new run only).");
		Set<Level> levels = execution.levels().isEmpty() ? EnumSet.allOf(Level.class) : EnumSet.copyOf(execution.levels());
		long restarted = restart(execution);
		this.out.println("Restarted execution " + execution.id() + " as execution " + restarted + ".");
		return watch(restarted, levels, levels.size() > 1);
	}

	/**
	 * Restarts an execution; one left running (or UNKNOWN) by a process that no longer runs it is marked
	 * FAILED first, which is said.
	 * @param execution the execution
	 * @return the new execution's id
	 */
	long restart(ExecutionSummary execution) {
		MastodonMaintenance maintenance = maintenance();
		boolean wasStranded = strandedNow(maintenance, execution);
		long restarted = maintenance.restart(execution.id());
		if (wasStranded) {
			this.out.println(stranded(execution.id(), execution.status()) + ".");
		}
		return restarted;
	}

	private static boolean stranded(ExecutionSummary execution) {
		return execution.status().isRunning() || execution.status() == BatchStatus.UNKNOWN;
	}

	/** Whether an execution is marked running or UNKNOWN and no node holds the run lock. */
	private static boolean strandedNow(MastodonMaintenance maintenance, ExecutionSummary execution) {
		return stranded(execution) && maintenance.execution(execution.id())
			.map((details) -> details.actions().recover())
			.orElse(false);
	}

	private static String stranded(long id, BatchStatus status) {
		return "Execution " + id + " was left " + status + " by a process that no longer runs it (killed, or it "
				+ "lost the database): marked FAILED";
	}

	/**
	 * Follows an execution to its end.
	 * @param executionId the execution
	 * @param shown the levels whose progress and summaries are shown
	 * @param prefixed whether summary lines are prefixed with their tootctl command
	 * @return the exit status
	 * @throws InterruptedException when interrupted while waiting
	 */
	int watch(long executionId, Set<Level> shown, boolean prefixed) throws InterruptedException {
		// the starter's repository, in our schema (a host application may have its own beside it)
		JobRepository repository = this.session.bean("mastodonMaintenanceJobRepository", JobRepository.class);
		return new RunWatcher(maintenance(),
				(execution, step) -> context(repository.getStepExecution(execution, step)), this.out,
				this.err, RunWatcher.display(this.out, this.terminal), this.poll)
			.watch(executionId, shown, prefixed);
	}

}
