package dev.mastodonmaintenance.batch.benchmark;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that times every statement executed through it, to report the longest one
 * and how many ran. The time is measured around {@code execute*} calls, so it includes
 * the round trip.
 */
final class StatementClock extends DelegatingDataSource {

	private final AtomicLong statements = new AtomicLong();

	// total time per kind of statement (its first words), to see where a run spends its
	// time
	private final Map<String, long[]> byKind = new ConcurrentHashMap<>();

	private volatile long longestNanos;

	private volatile String longestSql = "";

	StatementClock(DataSource target) {
		super(target);
	}

	@Override
	public Connection getConnection() throws SQLException {
		Connection connection = super.getConnection();
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, args) -> {
					Object result = invoke(connection, method, args);
					if (result instanceof Statement statement && (method.getName().equals("prepareStatement")
							|| method.getName().equals("createStatement") || method.getName().equals("prepareCall"))) {
						return timed(statement, (args != null && args.length > 0) ? (String) args[0] : null,
								method.getReturnType());
					}
					return result;
				});
	}

	private Object timed(Statement statement, String preparedSql, Class<?> type) {
		return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
			if (!method.getName().startsWith("execute")) {
				return invoke(statement, method, args);
			}
			long start = System.nanoTime();
			try {
				return invoke(statement, method, args);
			}
			finally {
				record(System.nanoTime() - start, (preparedSql != null) ? preparedSql
						: (args != null && args.length > 0) ? String.valueOf(args[0]) : "");
			}
		});
	}

	private synchronized void record(long nanos, String sql) {
		this.statements.incrementAndGet();
		// literals out, so that tootctl's DELETE ... IN (<ids>) statements add up as one
		// kind; the start of the
		// text is enough, and keeps the clock's own work small beside what it times
		String start = sql.strip();
		String normalized = start.substring(0, Math.min(160, start.length()))
			.replaceAll("\\s+", " ")
			.replaceAll("\\d+(,\\s*\\d+)*,?", "?");
		long[] kind = this.byKind.computeIfAbsent(normalized.substring(0, Math.min(48, normalized.length())),
				(key) -> new long[2]);
		kind[0]++;
		kind[1] += nanos;
		if (nanos > this.longestNanos) {
			this.longestNanos = nanos;
			this.longestSql = sql.strip().replaceAll("\\s+", " ");
		}
	}

	/**
	 * The kinds of statement that took the most time in all.
	 * @param count how many
	 * @return lines such as {@code 12.3 s in 500 x DELETE FROM ...}
	 */
	List<String> heaviest(int count) {
		return this.byKind.entrySet()
			.stream()
			.sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
			.limit(count)
			.map((e) -> String.format(Locale.ROOT, "%.1f s in %d x %s", e.getValue()[1] / 1e9, e.getValue()[0],
					e.getKey()))
			.toList();
	}

	long statements() {
		return this.statements.get();
	}

	long longestMillis() {
		return this.longestNanos / 1_000_000;
	}

	String longestSql() {
		return (this.longestSql.length() > 90) ? this.longestSql.substring(0, 90) + "..." : this.longestSql;
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
