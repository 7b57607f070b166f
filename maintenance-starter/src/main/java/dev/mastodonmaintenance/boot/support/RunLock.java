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
 * The cluster-wide "one maintenance run at a time" lock: a PostgreSQL session-level
 * advisory lock, taken with {@code pg_try_advisory_lock} on a connection of its own that
 * is kept for as long as the run lasts. A JVM that dies loses its connection, and
 * PostgreSQL releases the lock with it: whether anyone holds the lock therefore tells a
 * live run from an execution left {@code STARTED} by a killed JVM.
 * <p>
 * There is one lock per Mastodon database, whatever schema an installation keeps its
 * state in: PostgreSQL scopes advisory locks to the database they are taken in, and the
 * key, ({@value #CLASS_ID}, {@value #OBJECT_ID}), is the same for every installation, so
 * two of them with different schemas exclude each other as two nodes of one do.
 * Mastodon's own advisory locks use single {@code bigint} keys, which never meet the
 * two-{@code int} keys used here.
 * <p>
 * A session-level lock needs the session to last: a direct connection, or a pooler in
 * session mode. Behind a pooler in transaction mode (pgbouncer's
 * {@code pool_mode = transaction}) each statement may run on another server session, so
 * the lock would be held by a session the run no longer uses, or released under it.
 * {@link #tryAcquire()} checks that the session it talks to holds the lock it just took,
 * and refuses to run when it does not.
 */
public final class RunLock {

	/**
	 * The first half of the key: "MM" for Mastodon Maintenance, far from small numbers
	 * others pick.
	 */
	static final int CLASS_ID = 0x4D4D_0001;

	/** The second half of the key: the run lock of the database. */
	static final int OBJECT_ID = 1;

	private static final Log logger = LogFactory.getLog(RunLock.class);

	private final DataSource dataSource;

	private @Nullable Connection held;

	/**
	 * Creates the lock of a Mastodon database.
	 * @param dataSource Mastodon's database
	 */
	public RunLock(DataSource dataSource) {
		this.dataSource = dataSource;
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
			if (!queryBoolean(connection, "SELECT pg_try_advisory_lock(?, ?)")) {
				connection.close();
				return false;
			}
			// a second statement: behind a transaction-mode pooler it may reach another
			// server session
			if (!queryBoolean(connection,
					"SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
							+ "AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 2 AND granted "
							+ "AND pid = pg_backend_pid())")) {
				unlockQuietly(connection);
				closeQuietly(connection);
				throw new DataAccessResourceFailureException("The maintenance run lock was taken, but the next "
						+ "statement on the same connection ran in a session that does not hold it: the connection "
						+ "goes through a pooler in transaction mode (such as pgbouncer's pool_mode = transaction). The "
						+ "run lock is a session-level advisory lock: connect directly to PostgreSQL, or through a "
						+ "pool in session mode");
			}
			this.held = connection;
			return true;
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new DataAccessResourceFailureException("Cannot take the maintenance run lock: " + ex.getMessage(),
					ex);
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
		unlockQuietly(connection);
		closeQuietly(connection);
	}

	private void unlockQuietly(Connection connection) {
		try {
			queryBoolean(connection, "SELECT pg_advisory_unlock(?, ?)");
		}
		catch (SQLException ex) {
			// closing the session releases the lock anyway
			logger.debug("Cannot unlock the maintenance run lock; closing its connection releases it", ex);
		}
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
			// the two-int4 form of the lock shows as classid/objid with objsubid 2, in
			// its database's row
			return queryBoolean(connection,
					"SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
							+ "AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 2 AND granted "
							+ "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))");
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Cannot read the maintenance run lock: " + ex.getMessage(),
					ex);
		}
	}

	private boolean queryBoolean(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setInt(1, CLASS_ID);
			statement.setInt(2, OBJECT_ID);
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
