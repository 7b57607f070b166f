package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.audit.OperatorActions;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What every command shares: the application session, the output streams and whether they are a terminal.
 */
final class Cli {

	private final Session session;

	private final PrintWriter out;

	private final PrintWriter err;

	private final boolean terminal;

	private final Duration poll;

	private final BooleanSupplier trace;

	Cli(Session session, PrintWriter out, PrintWriter err, boolean terminal, Duration poll, BooleanSupplier trace) {
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

	MastodonMaintenance maintenance() {
		return this.session.maintenance(false);
	}

	OperatorActions operatorActions() {
		return this.session.operatorActions();
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
		long executionId = this.session.maintenance(true).start(request);
		return watch(executionId, shown, prefixed);
	}

	private static ExecutionContext context(@Nullable StepExecution step) {
		return (step != null) ? step.getExecutionContext() : new ExecutionContext();
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
