package dev.mastodonmaintenance.batch.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A real data source that lets a test act at a precise moment of a step: right after a
 * statement whose text starts a certain way has run (another session commits a favourite
 * between a level's selection and its delete), or instead of it (the database goes away
 * mid-step). Statements still run on the real server.
 */
public final class SqlHooks extends DelegatingDataSource {

	private final List<Hook> hooks = new CopyOnWriteArrayList<>();

	public SqlHooks(DataSource target) {
		super(target);
	}

	/**
	 * Runs an action after the n-th execution, from now, of statements starting with a
	 * prefix.
	 * @param sqlPrefix the start of the statement text, blanks ignored
	 * @param n 1 for the next such statement
	 * @param action what to do, on a connection of its own
	 */
	public void after(String sqlPrefix, int n, Runnable action) {
		this.hooks.add(new Hook(normalize(sqlPrefix), new AtomicInteger(n), action, null));
	}

	/**
	 * Fails the n-th execution, from now, of statements starting with a prefix, before it
	 * runs.
	 * @param sqlPrefix the start of the statement text, blanks ignored
	 * @param n 1 for the next such statement
	 */
	public void failOn(String sqlPrefix, int n) {
		fail(sqlPrefix, n, new Failure("Connection to the database lost", "08006"));
	}

	/**
	 * Fails the n-th execution, from now, of statements starting with a prefix, before it
	 * runs, as PostgreSQL fails the side of a deadlock it chose to break.
	 * @param sqlPrefix the start of the statement text, blanks ignored
	 * @param n 1 for the next such statement
	 */
	public void loseDeadlockOn(String sqlPrefix, int n) {
		fail(sqlPrefix, n, new Failure("deadlock detected", "40P01"));
	}

	private void fail(String sqlPrefix, int n, Failure failure) {
		this.hooks.add(new Hook(normalize(sqlPrefix), new AtomicInteger(n), () -> {
		}, failure));
	}

	/**
	 * Removes every hook.
	 */
	public void clear() {
		this.hooks.clear();
	}

	@Override
	public Connection getConnection() throws SQLException {
		return wrap(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return wrap(super.getConnection(username, password));
	}

	private Connection wrap(Connection connection) {
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, args) -> {
					Object result = invoke(connection, method, args);
					if (result instanceof PreparedStatement statement && method.getName().equals("prepareStatement")) {
						return watch(statement, (String) args[0]);
					}
					return result;
				});
	}

	private PreparedStatement watch(PreparedStatement statement, String sql) {
		String text = normalize(sql);
		InvocationHandler handler = (proxy, method, args) -> {
			boolean executes = method.getName().startsWith("execute") && (args == null || args.length == 0);
			List<Hook> due = executes ? dueHooks(text) : List.of();
			for (Hook hook : due) {
				if (hook.failure() != null) {
					throw new SQLException(hook.failure().message() + " (injected before: " + abbreviate(sql) + ")",
							hook.failure().sqlState());
				}
			}
			Object result = invoke(statement, method, args);
			due.forEach((hook) -> hook.action().run());
			return result;
		};
		return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { PreparedStatement.class }, handler);
	}

	private List<Hook> dueHooks(String text) {
		List<Hook> due = this.hooks.stream()
			.filter((hook) -> text.startsWith(hook.prefix()))
			.filter((hook) -> hook.remaining().decrementAndGet() == 0)
			.toList();
		this.hooks.removeAll(due);
		return due;
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private static String normalize(String sql) {
		return sql.strip().replaceAll("\\s+", " ");
	}

	private static String abbreviate(String sql) {
		String text = normalize(sql);
		return (text.length() > 60) ? text.substring(0, 60) + "..." : text;
	}

	private record Hook(String prefix, AtomicInteger remaining, Runnable action, @Nullable Failure failure) {
	}

	private record Failure(String message, String sqlState) {
	}

}
