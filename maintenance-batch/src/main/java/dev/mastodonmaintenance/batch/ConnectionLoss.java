package dev.mastodonmaintenance.batch;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a lost or unobtainable database connection from other failures: what a PostgreSQL
 * restart, a failover, {@code pg_terminate_backend} or a blocked network does. Such a
 * failure says nothing about the data, only that the statement's session is gone; the
 * same work on a new connection may succeed.
 */
public final class ConnectionLoss {

	/**
	 * SQLSTATEs of a server that ended the session: admin shutdown, crash shutdown,
	 * cannot connect now.
	 */
	private static final Set<String> SESSION_ENDED = Set.of("57P01", "57P02", "57P03");

	private ConnectionLoss() {
	}

	/**
	 * Whether a failure, or any of its causes, is a lost connection: SQLSTATE class 08
	 * (connection exception), 57P01/57P02/57P03 (the server shut down or is starting), an
	 * I/O error, or no connection to be had.
	 * @param failure the failure
	 * @return {@code true} when the database connection was lost or could not be obtained
	 */
	public static boolean isCause(@Nullable Throwable failure) {
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && lostConnection(sql)) {
				return true;
			}
			if (cause instanceof IOException || cause instanceof CannotGetJdbcConnectionException) {
				return true;
			}
			// a rollback that failed on the closed connection hides the failure that
			// closed it
			if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
					&& rollback.getApplicationException() != failure && isCause(rollback.getApplicationException())) {
				return true;
			}
		}
		return false;
	}

	private static boolean lostConnection(SQLException failure) {
		String state = failure.getSQLState();
		if (state != null && (state.startsWith("08") || SESSION_ENDED.contains(state))) {
			return true;
		}
		// Hikari's "Connection is not available, request timed out" has no state when no
		// connection was ever made
		return failure instanceof SQLTransientConnectionException || failure instanceof SQLRecoverableException;
	}

}
