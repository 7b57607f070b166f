package dev.mastodonmaintenance.boot.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The cluster-wide "one maintenance run at a time" lock: a PostgreSQL session-level advisory lock, taken
 * with {@code pg_try_advisory_lock} on a connection of its own that is kept for as long as the run lasts.
 * A JVM that dies loses its connection, and PostgreSQL releases the lock with it: whether anyone holds the
 * lock therefore tells a live run from an execution left {@code STARTED} by a killed JVM.
 * <p>
 * The lock's key is the pair ({@value #CLASS_ID}, a hash of our schema's name), so two installations in
 * different schemas of one database do not exclude each other.
 */
public final class RunLock {

	/** The first half of the key: "MM" for Mastodon Maintenance, far from small numbers others pick. */
	static final int CLASS_ID = 0x4D4D_0001;

	private static final Log logger = LogFactory.getLog(RunLock.class);

	private final DataSource dataSource;

	private final int objectId;

	private @Nullable Connection held;

	/**
	 * Creates the lock of a schema.
	 * @param dataSource Mastodon's database
	 * @param schema our schema's name
	 */
	public RunLock(DataSource dataSource, String schema) {
		this.dataSource = dataSource;
		this.objectId = schema.hashCode() & 0x7FFF_FFFF;
	}

	/**
	 * Takes the lock if nobody holds it, this JVM included.
	 * @return {@code true} when taken; it is then held until {@link #release()}
	 */
	public synchronized boolean tryAcquire() {
		if (this.held != null) {
			return false;
		}
		Connection connection = null;
		try {
			connection = this.dataSource.getConnection();
			connection.setAutoCommit(true);
			if (queryBoolean(connection, "SELECT pg_try_advisory_lock(?, ?)")) {
				this.held = connection;
				return true;
			}
			connection.close();
			return false;
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new DataAccessResourceFailureException("Cannot take the maintenance run lock: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Releases the lock if this JVM holds it; does nothing otherwise.
	 */
	public synchronized void release() {
		Connection connection = this.held;
		if (connection == null) {
			return;
		}
		this.held = null;
		try {
			queryBoolean(connection, "SELECT pg_advisory_unlock(?, ?)");
		}
		catch (SQLException ex) {
			// closing the session below releases the lock anyway
			logger.debug("Cannot unlock the maintenance run lock; closing its connection releases it", ex);
		}
		closeQuietly(connection);
	}

	/**
	 * Whether this JVM holds the lock.
	 * @return {@code true} while a run started here holds it
	 */
	public synchronized boolean heldHere() {
		return this.held != null;
	}

	/**
	 * Whether any session of the database holds the lock: some node is running the job.
	 * @return {@code true} when held anywhere
	 */
	public boolean heldAnywhere() {
		if (heldHere()) {
			return true;
		}
		try (Connection connection = this.dataSource.getConnection()) {
			// the two-int4 form of the lock shows as classid/objid with objsubid 2
			return queryBoolean(connection, "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
					+ "AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 2 AND granted)");
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Cannot read the maintenance run lock: " + ex.getMessage(), ex);
		}
	}

	private boolean queryBoolean(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setInt(1, CLASS_ID);
			statement.setInt(2, this.objectId);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	private static void closeQuietly(@Nullable Connection connection) {
		if (connection == null) {
			return;
		}
		try {
			connection.close();
		}
		catch (SQLException ex) {
			logger.debug("Cannot close the maintenance run lock's connection", ex);
		}
	}

}
