package dev.mastodonmaintenance.boot;

import java.util.Optional;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.MaintenanceJob;

/**
 * Starts, controls and watches runs of the maintenance job
 * ({@value MaintenanceJob#NAME}): the one bean an application embedding the starter talks
 * to. Every method works on the job repository in our schema of Mastodon's database, so
 * it sees and controls runs of every node sharing that database.
 *
 * <h2>Runs and executions</h2> A <em>run</em> (a Spring Batch job instance) is started by
 * {@link #start}: it does the selected levels in order, light to very heavy
 * ({@link Level}), each level one step. Every attempt at a run is an <em>execution</em>
 * with its own id: the first one made by {@code start}, later ones by {@link #restart},
 * which resumes a failed or stopped run after its last committed chunk with the same
 * options and the same cut-off dates.
 *
 * <h2>One run at a time</h2> At most one execution runs at a time across all nodes
 * sharing the database: a node holds a PostgreSQL advisory lock
 * ({@code pg_try_advisory_lock}) for as long as its execution runs. {@code start} and
 * {@code restart} are refused with {@link MaintenanceException.Reason#ALREADY_RUNNING}
 * while another execution runs. An execution marked running (or {@code UNKNOWN}) although
 * no node holds the lock was left by a JVM that was killed or lost its database: the lock
 * proves that nothing runs it, so {@code start} and {@code restart} mark it
 * {@code FAILED} themselves (as {@link #recover} does) and go on.
 *
 * <h2>Threads</h2> {@code start} and {@code restart} return as soon as the execution is
 * created; it runs on the starter's task executor. Watch it with {@link #execution} and
 * {@link #progress}.
 *
 * <h2>Errors</h2> Every refusal is a {@link MaintenanceException} whose message says what
 * is wrong and whose {@link MaintenanceException#reason() reason} says which kind of
 * refusal it is.
 */
public interface MastodonMaintenance {

	/**
	 * Starts a new run. Its options are, in order of precedence, those of the request,
	 * the configured defaults ({@code mastodon.maintenance.levels.<level>.<option>}) and
	 * tootctl's defaults; they are all checked before anything runs.
	 * @param request the levels, options and dry-run flag
	 * @return the id of the new execution
	 * @throws MaintenanceException {@code ALREADY_RUNNING} when an execution runs;
	 * {@code INVALID_PARAMETERS} with the job's validator's message, naming the option
	 * and what it accepts
	 */
	long start(RunRequest request);

	/**
	 * Restarts a failed or stopped execution: a new execution of the same run resumes
	 * each unfinished level after its last committed chunk, with the run's original
	 * options and launch time. An execution left marked running (or {@code UNKNOWN}) by a
	 * JVM that no longer runs it is marked {@code FAILED} first.
	 * @param executionId the failed or stopped execution, the last of its run
	 * @return the id of the new execution
	 * @throws MaintenanceException {@code NOT_FOUND}; {@code ALREADY_RUNNING} when an
	 * execution runs, including this one while its step finishes the chunk it was in when
	 * stopped; {@code ILLEGAL_STATE} when it completed, was abandoned, or is not the last
	 * execution of its run
	 */
	long restart(long executionId);

	/**
	 * Asks a running execution to stop. The step stops at the end of its current chunk
	 * (on whichever node runs it: the request goes through the database), and the
	 * execution ends as {@code STOPPED}, which {@link #restart} resumes. Returns once the
	 * request is recorded, not once the execution stopped: Spring Batch shows the
	 * execution {@code STOPPED} at once, but until its running step shows {@code STOPPED}
	 * too, {@link #restart} and {@link #abandon} are refused.
	 * @param executionId a running execution
	 * @throws MaintenanceException {@code NOT_FOUND}; {@code ILLEGAL_STATE} when it is
	 * not running
	 */
	void stop(long executionId);

	/**
	 * Gives up a failed or stopped execution for good: its run can never be restarted.
	 * What it removed stays removed; what it queued in the deletion manifest stays
	 * pending.
	 * @param executionId a failed or stopped execution
	 * @throws MaintenanceException {@code NOT_FOUND}; {@code ILLEGAL_STATE} when it is
	 * running or completed
	 */
	void abandon(long executionId);

	/**
	 * Marks an execution left running by a killed JVM (status {@code STARTED} and no node
	 * running it), or left {@code UNKNOWN} by one that lost its database, as
	 * {@code FAILED}, so that it can be {@link #restart restarted} or {@link #abandon
	 * abandoned}. Each of its chunks committed with its checkpoint, so a restart resumes
	 * exactly after the last one that did.
	 * @param executionId the execution
	 * @throws MaintenanceException {@code NOT_FOUND}; {@code ILLEGAL_STATE} when it is
	 * not marked running or {@code UNKNOWN}, or when a node is actually running it (then
	 * {@link #stop} it instead)
	 */
	void recover(long executionId);

	/**
	 * The execution an unattended run resumes before starting anything new: the newest
	 * execution of the job when it failed, or was left marked running (or
	 * {@code UNKNOWN}) with no node running it, and is the last of its run. A stopped
	 * execution is not resumed this way: someone chose to stop it.
	 * @return the execution to {@link #restart}, empty when the last run completed, was
	 * stopped or abandoned, or is running
	 */
	Optional<ExecutionSummary> toResume();

	/**
	 * Lists executions, newest first, filtered and paged.
	 * @param query the filters and the page
	 * @return the page
	 */
	ExecutionPage executions(ExecutionQuery query);

	/**
	 * The newest execution, for a status line.
	 * @return the newest execution, empty when the job never ran
	 */
	Optional<ExecutionSummary> lastExecution();

	/**
	 * One execution with its steps: counts, exit descriptions, the levels' summaries and
	 * figures, full failure stack traces, and the operations its state allows.
	 * @param executionId the execution
	 * @return its details, empty when there is no such execution
	 */
	Optional<ExecutionDetails> execution(long executionId);

	/**
	 * How far an execution is: its running step, processed rows and an estimated total
	 * (see {@link Progress} for how it is estimated). Reads what the last committed chunk
	 * saved, so it works for an execution running on another node too.
	 * @param executionId the execution
	 * @return its progress, empty when there is no such execution
	 */
	Optional<Progress> progress(long executionId);

}
