package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.audit.OperatorActions;
import dev.mastodonmaintenance.boot.manifest.DeletionManifestRecords;
import dev.mastodonmaintenance.boot.log.RunLog;
import dev.mastodonmaintenance.boot.support.ScheduledRuns;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What every command shares: the application, started on demand, the output streams and
 * whether they are a terminal. Results go to standard output; notices (an execution
 * marked FAILED, one resumed) to standard error, so that a script reading the results
 * reads only them.
 */
final class CommandContext {

	private final LazyApplication session;

	private final PrintWriter out;

	private final PrintWriter err;

	private final boolean terminal;

	private final Duration poll;

	private final BooleanSupplier trace;

	private boolean json;

	// the documents of the executions followed, with --json
	private final List<Map<String, Object>> followed = new ArrayList<>();

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

	/**
	 * Makes the runs this command follows reported as one JSON document on standard
	 * output, their progress and how they ended going to standard error.
	 * @param json whether {@code --json} was given
	 */
	void json(boolean json) {
		this.json = json;
	}

	/**
	 * Prints the JSON document of the executions followed, with {@code --json}: the last
	 * one's, with the one a run resumed first under {@code resumed}.
	 * @param status the command's exit status
	 * @return the exit status
	 */
	int reported(int status) {
		if (this.json && !this.followed.isEmpty()) {
			Map<String, Object> document = this.followed.get(this.followed.size() - 1);
			if (this.followed.size() > 1) {
				document.put("resumed", this.followed.get(this.followed.size() - 2));
			}
			Json.print(this.out, document);
		}
		return status;
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

	RunLog runLog() {
		maintenance();
		return this.session.bean("mastodonMaintenanceRunLog", RunLog.class);
	}

	/**
	 * The schedule of runs, as configured for {@code serve}.
	 * @return the schedule, {@code null} when none is set
	 */
	@Nullable Schedule schedule() {
		maintenance();
		ScheduledRuns runs = this.session.optionalBean(ScheduledRuns.class);
		if (runs == null) {
			return null;
		}
		return new Schedule(runs.cron(), runs.zone(), runs.nextSlot());
	}

	/**
	 * The schedule of runs.
	 *
	 * @param cron its cron expression
	 * @param zone the zone it is read in
	 * @param next the next run's time, {@code null} when the expression has no more
	 */
	record Schedule(String cron, ZoneId zone, @Nullable ZonedDateTime next) {
	}

	ConfigurableApplicationContext serve() {
		return this.session.serve();
	}

	/**
	 * Starts the application as a worker of remote partitioning.
	 * @param settings {@code --mastodon.maintenance.partitioning.*} arguments, which win
	 * over the environment
	 * @return the running application
	 */
	ConfigurableApplicationContext worker(List<String> settings) {
		return this.session.worker(settings);
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
		this.session.refuseOnWorker();
		// the launch marks it FAILED: the run lock it takes proves that nothing runs it
		ExecutionSummary left = maintenance.lastExecution()
			.filter((last) -> strandedNow(maintenance, last))
			.orElse(null);
		long executionId = maintenance.start(request);
		if (left != null) {
			this.err.println(stranded(left.id(), left.status()) + "; 'restart " + left.id() + "' resumes it.");
		}
		return watch(executionId, shown, prefixed);
	}

	private static ExecutionContext context(@Nullable StepExecution step) {
		return (step != null) ? step.getExecutionContext() : new ExecutionContext();
	}

	/**
	 * Restarts the execution a run resumes before anything new, saying so, and follows it
	 * to its end.
	 * @param execution the failed or stranded execution
	 * @return the exit status
	 * @throws InterruptedException when interrupted while waiting
	 */
	int resume(ExecutionSummary execution) throws InterruptedException {
		this.err.println("Resuming execution " + execution.id() + ", which "
				+ (stranded(execution) ? "was left " + execution.status() + " with no process running it" : "FAILED")
				+ ", before a new run (--no-resume starts the new run only).");
		Set<Level> levels = execution.levels().isEmpty() ? EnumSet.allOf(Level.class)
				: EnumSet.copyOf(execution.levels());
		long restarted = restart(execution);
		this.err.println("Restarted execution " + execution.id() + " as execution " + restarted + ".");
		return watch(restarted, levels, levels.size() > 1);
	}

	/**
	 * Restarts an execution; one left running (or UNKNOWN) by a process that no longer
	 * runs it is marked FAILED first, which is said.
	 * @param execution the execution
	 * @return the new execution's id
	 */
	long restart(ExecutionSummary execution) {
		MastodonMaintenance maintenance = maintenance();
		this.session.refuseOnWorker();
		boolean wasStranded = strandedNow(maintenance, execution);
		long restarted = maintenance.restart(execution.id());
		if (wasStranded) {
			this.err.println(stranded(execution.id(), execution.status()) + ".");
		}
		return restarted;
	}

	private static boolean stranded(ExecutionSummary execution) {
		return execution.status().isRunning() || execution.status() == BatchStatus.UNKNOWN;
	}

	/**
	 * Whether an execution is marked running or UNKNOWN and no node holds the run lock.
	 */
	private static boolean strandedNow(MastodonMaintenance maintenance, ExecutionSummary execution) {
		return stranded(execution)
				&& maintenance.execution(execution.id()).map((details) -> details.actions().recover()).orElse(false);
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
		// the starter's repository, in our schema (a host application may have its own
		// beside it)
		JobRepository repository = this.session.bean("mastodonMaintenanceJobRepository", JobRepository.class);
		ProgressDisplay display = this.json ? new ProgressLogLines(this.err, Clock.systemUTC())
				: RunWatcher.display(this.out, this.terminal);
		return new RunWatcher(maintenance(), (execution, step) -> context(repository.getStepExecution(execution, step)),
				this.out, this.err, display, this.poll, this.json ? this::followed : null)
			.watch(executionId, shown, prefixed);
	}

	private void followed(ExecutionDetails details) {
		this.followed.add(ExecutionDocuments.details(details, operatorActions().of(details.summary().id()), null));
	}

}
