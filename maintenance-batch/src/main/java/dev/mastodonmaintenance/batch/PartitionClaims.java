package dev.mastodonmaintenance.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who runs a partition: a PostgreSQL session-level advisory lock per partition step
 * execution, held on a connection of its own by the node running it for as long as it
 * runs. A node that dies loses its connection and PostgreSQL releases the lock, so a
 * partition left {@code STARTED} whose claim nobody holds was lost with its worker; and a
 * request delivered twice cannot run the same partition on two nodes at once.
 * <p>
 * The key is ({@value #CLASS_ID}, the step execution's id modulo 2^32): the run lock's
 * class id plus one, so the two never meet. Two step executions 2^32 ids apart share a
 * key, which at worst makes one wait for the other.
 * <p>
 * Remote workers claim the partitions they run; a recovery of a run whose manager died
 * asks whether a partition is still claimed before it fails it.
 */
public final class PartitionClaims {

	/** "MM" for Mastodon Maintenance, then 2: partition claims (the run lock is 1). */
	public static final int CLASS_ID = 0x4D4D_0002;

	private static final Log logger = LogFactory.getLog(PartitionClaims.class);

	private final DataSource dataSource;

	/**
	 * Creates the claims of a database's partitions.
	 * @param dataSource Mastodon's database, which holds the job repository
	 */
	public PartitionClaims(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Claims a partition if no node holds it.
	 * @param stepExecutionId the partition's step execution
	 * @return the claim, to close once the partition has ended; {@code null} when another
	 * session holds it
	 */
	public @Nullable Claim tryClaim(long stepExecutionId) {
		Connection connection = null;
		try {
			connection = this.dataSource.getConnection();
			connection.setAutoCommit(true);
			try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
				statement.setInt(1, CLASS_ID);
				statement.setInt(2, (int) stepExecutionId);
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					if (!result.getBoolean(1)) {
						connection.close();
						return null;
					}
				}
			}
			return new Claim(connection, stepExecutionId);
		}
		catch (SQLException ex) {
			if (connection != null) {
				try {
					connection.close();
				}
				catch (SQLException closing) {
					ex.addSuppressed(closing);
				}
			}
			throw new DataAccessResourceFailureException(
					"Cannot claim partition step execution " + stepExecutionId + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Whether a live session, of this node or another, holds a partition's claim.
	 * @param stepExecutionId the partition's step execution
	 * @return whether it is claimed
	 */
	public boolean isClaimed(long stepExecutionId) {
		// pg_locks shows the two keys of pg_advisory_lock(int4, int4) as unsigned oids,
		// objsubid 2
		Boolean claimed = new JdbcTemplate(this.dataSource).queryForObject(
				"SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 "
						+ "AND classid::int8 = ? AND objid::int8 = ? AND database = (SELECT oid FROM pg_database "
						+ "WHERE datname = current_database()))",
				Boolean.class, Integer.toUnsignedLong(CLASS_ID), Integer.toUnsignedLong((int) stepExecutionId));
		return Boolean.TRUE.equals(claimed);
	}

	/**
	 * A partition held by this node; closing it releases it.
	 */
	public static final class Claim implements AutoCloseable {

		private final Connection connection;

		private final long stepExecutionId;

		private Claim(Connection connection, long stepExecutionId) {
			this.connection = connection;
			this.stepExecutionId = stepExecutionId;
		}

		@Override
		public void close() {
			try (Connection held = this.connection;
					PreparedStatement statement = held.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
				statement.setInt(1, CLASS_ID);
				statement.setInt(2, (int) this.stepExecutionId);
				statement.executeQuery().close();
			}
			catch (SQLException ex) {
				// closing the session releases the lock anyway
				logger.debug("Cannot unlock partition " + this.stepExecutionId + "; closing its connection does", ex);
			}
		}

	}

}
