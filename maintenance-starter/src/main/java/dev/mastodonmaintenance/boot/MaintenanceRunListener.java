package dev.mastodonmaintenance.boot;

import org.springframework.batch.core.job.JobExecution;

/**
 * Called around every execution of the maintenance job that runs in this application, whoever started it.
 * Declare beans of this type to be told (metrics, notifications). Unlike a Spring Batch
 * {@code JobExecutionListener}, {@link #runEnded} is called once the execution's final status is saved, so
 * what it reads from the repository is final. A listener that throws is logged and ignored.
 */
public interface MaintenanceRunListener {

	/**
	 * Called before the first step of an execution runs.
	 * @param execution the execution, already saved as started
	 */
	default void runStarting(JobExecution execution) {
	}

	/**
	 * Called once an execution ended, whatever its status, with its step executions.
	 * @param execution the execution, its final status saved
	 */
	default void runEnded(JobExecution execution) {
	}

}
