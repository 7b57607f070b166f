package dev.mastodonmaintenance.boot.testing;

import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.RunRequest;
import org.springframework.batch.core.BatchStatus;

/**
 * Runs followed through the facade, as the tests of several behaviours follow them.
 */
public final class Runs {

	private Runs() {
	}

	/**
	 * Starts a run and waits for its end.
	 * @param maintenance the facade
	 * @param request what to run
	 * @return the execution's id
	 */
	public static long runToEnd(MastodonMaintenance maintenance, RunRequest request) {
		long id = maintenance.start(request);
		Await.until("execution " + id + " ended",
				() -> maintenance.execution(id).map((details) -> !details.summary().running()).orElse(false));
		return id;
	}

	/**
	 * Waits until a stopped execution's step has stopped too (Spring Batch shows the
	 * execution stopped at once, the step at the end of its chunk).
	 * @param maintenance the facade
	 * @param id the execution's id
	 */
	public static void awaitStepStopped(MastodonMaintenance maintenance, long id) {
		Await.until("the step of execution " + id + " stopped",
				() -> maintenance.execution(id)
					.orElseThrow()
					.steps()
					.stream()
					.noneMatch((step) -> step.status().isRunning()) && status(maintenance, id) == BatchStatus.STOPPED);
	}

	/**
	 * The status of an execution.
	 * @param maintenance the facade
	 * @param id the execution's id
	 * @return its status
	 */
	public static BatchStatus status(MastodonMaintenance maintenance, long id) {
		return maintenance.execution(id).orElseThrow().summary().status();
	}

}
