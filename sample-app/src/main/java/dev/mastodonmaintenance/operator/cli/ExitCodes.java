package dev.mastodonmaintenance.operator.cli;

import org.springframework.batch.core.BatchStatus;

/**
 * The exit statuses of the command line.
 */
final class ExitCodes {

	/** The run completed (or the command did what it was asked). */
	static final int OK = 0;

	/**
	 * The arguments or the configuration were wrong, or the request was refused; nothing
	 * ran.
	 */
	static final int REFUSED = 1;

	/** The run failed; it can be restarted. */
	static final int FAILED = 2;

	/**
	 * The run did not complete for another reason: stopped, abandoned, or still running.
	 */
	static final int NOT_COMPLETED = 3;

	private ExitCodes() {
	}

	/**
	 * The exit status for an execution's status.
	 * @param status the execution's status
	 * @return the exit status
	 */
	static int of(BatchStatus status) {
		return switch (status) {
			case COMPLETED -> OK;
			case FAILED -> FAILED;
			default -> NOT_COMPLETED;
		};
	}

}
