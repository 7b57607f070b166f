package dev.mastodonmaintenance.storage;

import org.jspecify.annotations.Nullable;

/**
 * A batch delete that the storage left unfinished: a request still failing after its
 * retries, or keys a DeleteObjects answer kept reporting as failed with a passing error
 * (SlowDown, InternalError). What the other requests of the batch did is known and
 * reported; for the keys it does not name, nothing may be assumed: they are to be deleted
 * again.
 */
public class IncompleteDeletionException extends StorageException {

	private final DeletionReport done;

	/**
	 * Creates the exception.
	 * @param message what failed, naming the storage and the request
	 * @param cause the client's error, or {@code null} when the storage answered each key
	 * with an error
	 * @param done the keys the storage did remove or refuse for good before the batch
	 * failed
	 */
	public IncompleteDeletionException(String message, @Nullable Throwable cause, DeletionReport done) {
		super(message, cause);
		this.done = done;
	}

	/**
	 * What the batch did before it failed.
	 * @return the removed keys and the keys refused for good; the batch's other keys are
	 * neither
	 */
	public DeletionReport done() {
		return this.done;
	}

}
