package dev.mastodonmaintenance.batch.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches one database from a connection of its own while a contender runs, every 100 ms
 * through {@code pg_stat_activity} and {@code pg_locks}, the same way for both sides and
 * without touching them: the contender's longest statement seen running (a lower bound,
 * within the sampling interval), the oldest transaction seen holding a lock on
 * {@code statuses}, {@code conversations} or {@code media_attachments} (per table and
 * lock mode), and the longest wait for a lock of any session, the load probe's included.
 */
final class ActivitySampler implements AutoCloseable {

	private static final long INTERVAL_MILLIS = 100;

	private static final String SAMPLE = """
			SELECT a.pid, a.state, a.wait_event_type,
			       extract(epoch FROM clock_timestamp() - a.query_start) AS running,
			       extract(epoch FROM clock_timestamp() - a.xact_start) AS xact_age,
			       left(regexp_replace(a.query, '\\s+', ' ', 'g'), 90) AS query,
			       (SELECT string_agg(l.relation::regclass::text || ' ' || l.mode, ',')
			        FROM pg_locks l
			        WHERE l.pid = a.pid AND l.granted AND l.locktype = 'relation'
			          AND l.relation IN ('statuses'::regclass, 'conversations'::regclass, 'media_attachments'::regclass)) AS held
			FROM pg_stat_activity a
			WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'
			""";

	private final Connection connection;

	private final Set<Integer> probePids;

	private final Thread thread;

	private volatile boolean running = true;

	private double longestStatement;

	private String longestQuery = "";

	// "statuses RowExclusiveLock" -> oldest transaction age seen holding it (s)
	private final Map<String, Double> oldestHolders = new ConcurrentHashMap<>();

	private double longestLockWait;

	private String longestLockWaiter = "";

	private long samples;

	ActivitySampler(String url, String user, Set<Integer> probePids) throws SQLException {
		this.connection = DriverManager.getConnection(url, user, "");
		this.probePids = probePids;
		this.thread = new Thread(this::sampleUntilClosed, "activity-sampler");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void sampleUntilClosed() {
		try (PreparedStatement statement = this.connection.prepareStatement(SAMPLE)) {
			while (this.running) {
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						sample(rows);
					}
				}
				this.samples++;
				Thread.sleep(INTERVAL_MILLIS);
			}
		}
		catch (SQLException | InterruptedException ex) {
			if (this.running) {
				System.out.println("activity sampler stopped: " + ex.getMessage());
			}
		}
	}

	private synchronized void sample(ResultSet row) throws SQLException {
		boolean probe = this.probePids.contains(row.getInt("pid"));
		double running = row.getDouble("running");
		if ("Lock".equals(row.getString("wait_event_type")) && running > this.longestLockWait) {
			this.longestLockWait = running;
			this.longestLockWaiter = (probe ? "probe: " : "contender: ") + row.getString("query");
		}
		if (probe) {
			return;
		}
		if ("active".equals(row.getString("state")) && running > this.longestStatement) {
			this.longestStatement = running;
			this.longestQuery = row.getString("query");
		}
		String held = row.getString("held");
		if (held != null) {
			double age = row.getDouble("xact_age");
			for (String lock : held.split(",")) {
				this.oldestHolders.merge(lock, age, Math::max);
			}
		}
	}

	@Override
	public void close() throws SQLException {
		this.running = false;
		try {
			this.thread.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.connection.close();
	}

	synchronized String longestStatement() {
		return String.format(Locale.ROOT, "%.2f s `%s`", this.longestStatement, this.longestQuery);
	}

	synchronized double longestStatementSeconds() {
		return this.longestStatement;
	}

	/** The oldest transaction seen holding each lock, per table and mode. */
	synchronized String oldestLockHolders() {
		Map<String, Double> sorted = new TreeMap<>(this.oldestHolders);
		StringBuilder text = new StringBuilder();
		sorted.forEach((lock, age) -> text.append((text.length() > 0) ? "; " : "")
			.append(String.format(Locale.ROOT, "%s %.2f s", lock, age)));
		return text.toString();
	}

	/**
	 * The oldest transaction seen holding a lock on one of the tables that writes rows or
	 * blocks those who do: not {@code AccessShareLock} (reading) nor
	 * {@code ShareUpdateExclusiveLock} ({@code ANALYZE}, an index built concurrently),
	 * which let Mastodon's writes through.
	 */
	synchronized double oldestWriteLockHolder() {
		return this.oldestHolders.entrySet()
			.stream()
			.filter((e) -> !e.getKey().endsWith(" AccessShareLock")
					&& !e.getKey().endsWith(" ShareUpdateExclusiveLock"))
			.mapToDouble(Map.Entry::getValue)
			.max()
			.orElse(0);
	}

	synchronized String longestLockWait() {
		return (this.longestLockWait == 0) ? "none seen"
				: String.format(Locale.ROOT, "%.2f s (%s)", this.longestLockWait, this.longestLockWaiter);
	}

	synchronized long samples() {
		return this.samples;
	}

}
