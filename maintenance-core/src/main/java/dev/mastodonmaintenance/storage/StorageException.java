package dev.mastodonmaintenance.storage;

import org.jspecify.annotations.Nullable;

/**
 * The storage could not be reached or refused a request as a whole (as opposed to one key
 * of a batch, which a {@link DeletionReport} reports). Nothing the failed request
 * concerned may be assumed done.
 */
public class StorageException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what failed, naming the storage and the request
	 * @param cause the client's error, if any
	 */
	public StorageException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
