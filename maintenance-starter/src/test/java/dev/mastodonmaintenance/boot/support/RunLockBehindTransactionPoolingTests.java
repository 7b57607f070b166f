package dev.mastodonmaintenance.boot.support;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The run lock is a session-level advisory lock: behind a pooler in transaction mode
 * (pgbouncer's {@code pool_mode = transaction}) the statement that takes it and the next
 * one may run in two server sessions, and the lock would protect nothing. The lock
 * detects it and refuses, saying why. The pooler is played by a connection that sends
 * each statement to the next of two real sessions of PostgreSQL, as such a pooler may.
 */
class RunLockBehindTransactionPoolingTests {

	@Test
	void lockWhoseSessionChangesBetweenStatementsIsRefused() {
		MastodonDatabase db = StarterDatabase.create(RunLockBehindTransactionPoolingTests.class);
		RunLock pooled = new RunLock(new TransactionPooling(db));

		assertThatExceptionOfType(DataAccessResourceFailureException.class).isThrownBy(pooled::tryAcquire)
			.withMessageContaining("a pooler in transaction mode (such as pgbouncer's pool_mode = transaction)")
			.withMessageContaining("connect directly to PostgreSQL, or through a pool in session mode");
		assertThat(pooled.heldHere()).isFalse();

		RunLock direct = new RunLock(db.dataSource());
		assertThat(direct.tryAcquire()).as("nothing is left holding the lock").isTrue();
		assertThat(direct.heldAnywhere()).isTrue();
		direct.release();
		assertThat(direct.heldAnywhere()).isFalse();
	}

	/** Hands out connections whose statements go in turn to two server sessions. */
	private record TransactionPooling(MastodonDatabase db) implements DataSource {

		@Override
		public Connection getConnection() throws SQLException {
			Connection[] sessions = { session(), session() };
			AtomicInteger next = new AtomicInteger();
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, args) -> {
						try {
							switch (method.getName()) {
								case "prepareStatement", "createStatement" -> {
									return method.invoke(sessions[next.getAndIncrement() % 2], args);
								}
								case "close", "setAutoCommit" -> {
									for (Connection session : sessions) {
										method.invoke(session, args);
									}
									return null;
								}
								default -> {
									return method.invoke(sessions[0], args);
								}
							}
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

		private Connection session() throws SQLException {
			return DriverManager.getConnection(this.db.jdbcUrl(), this.db.user(), this.db.password());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

		@Override
		public PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public Logger getParentLogger() {
			return Logger.getGlobal();
		}

		@Override
		public <T> T unwrap(Class<T> iface) throws SQLException {
			throw new SQLException("Not a wrapper");
		}

		@Override
		public boolean isWrapperFor(Class<?> iface) {
			return false;
		}

	}

}
