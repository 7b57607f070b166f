package dev.mastodonmaintenance.boot;

/**
 * A request to {@link MastodonMaintenance} that was refused, with a message meant for the
 * operator and the {@link Reason} a caller can branch on (the REST API maps it to an HTTP
 * status).
 */
public class MaintenanceException extends RuntimeException {

	private final Reason reason;

	/**
	 * Creates the exception.
	 * @param reason why the request was refused
	 * @param message what is wrong, for the operator
	 */
	public MaintenanceException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Creates the exception with its cause.
	 * @param reason why the request was refused
	 * @param message what is wrong, for the operator
	 * @param cause the underlying failure
	 */
	public MaintenanceException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	/**
	 * Why the request was refused.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * The kinds of refusal.
	 */
	public enum Reason {

		/** A run is already running, on this node or another one sharing the database. */
		ALREADY_RUNNING,

		/** The run's options are invalid; the message is the job's validator's. */
		INVALID_PARAMETERS,

		/** No execution has the given id. */
		NOT_FOUND,

		/**
		 * The execution is not in a state that allows the operation (restart a completed
		 * run...).
		 */
		ILLEGAL_STATE

	}

}
