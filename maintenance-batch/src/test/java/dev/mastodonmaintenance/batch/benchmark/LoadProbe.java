package dev.mastodonmaintenance.batch.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What Mastodon's web and Sidekiq processes do to the database meanwhile, on two
 * connections of their own: a writer that stores a federated status in a new conversation
 * (one transaction, as a fetched status is stored), then a local account's favourite with
 * its count in {@code status_stats}; a reader that loads a local account's home timeline
 * from the database (the statuses of the accounts it follows, newest first, 20 of them).
 * Each operation's latency is recorded. Only statuses newer than 80 days that are not
 * boosts are favourited and no reply is written, so that the probe protects nothing
 * either side would remove: the rows left are compared on the ids that existed before the
 * run.
 */
final class LoadProbe implements AutoCloseable {

	private static final long WRITER_PAUSE_MILLIS = 20;

	private static final long READER_PAUSE_MILLIS = 50;

	private static final String TIMELINE = """
			SELECT s.id, s.account_id, s.text, st.favourites_count, st.reblogs_count
			FROM statuses s LEFT JOIN status_stats st ON st.status_id = s.id
			WHERE s.account_id IN (SELECT target_account_id FROM follows WHERE account_id = ? UNION ALL SELECT ?)
			  AND s.deleted_at IS NULL
			ORDER BY s.id DESC LIMIT 20
			""";

	private final Connection writer;

	private final Connection reader;

	private final List<Long> localAccounts;

	private final List<Long> remoteAccounts;

	private final List<Long> recentStatuses;

	private final Map<String, List<Long>> latencies = new TreeMap<>();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running = true;

	private volatile String failure;

	LoadProbe(String url, String user) throws SQLException {
		this.writer = DriverManager.getConnection(url, user, "");
		this.reader = DriverManager.getConnection(url, user, "");
		try (Statement statement = this.writer.createStatement()) {
			this.localAccounts = ids(statement, "SELECT id FROM accounts WHERE domain IS NULL ORDER BY id LIMIT 100");
			this.remoteAccounts = ids(statement,
					"SELECT id FROM accounts WHERE domain IS NOT NULL ORDER BY id LIMIT 1000");
			// not boosts: a boost goes with its original, which may be old enough to be
			// removed
			this.recentStatuses = ids(statement, "SELECT id FROM statuses WHERE id > ((extract(epoch FROM now() - "
					+ "interval '80 days') * 1000)::bigint << 16) AND reblog_of_id IS NULL ORDER BY id DESC LIMIT 5000");
			// the generated rows name their ids, so the sequences of these tables may lag
			// behind them
			for (String table : List.of("conversations", "favourites", "status_stats")) {
				statement
					.execute("SELECT setval('" + table + "_id_seq', greatest((SELECT max(id) FROM " + table + "), 1))");
			}
		}
		this.writer.setAutoCommit(false);
		for (String kind : List.of("status insert", "favourite", "home timeline")) {
			this.latencies.put(kind, Collections.synchronizedList(new ArrayList<>()));
		}
	}

	/**
	 * The backends of the probe's connections, which the sampler tells apart from the
	 * contender's.
	 */
	Set<Integer> pids() throws SQLException {
		return Set.of(pid(this.writer), pid(this.reader));
	}

	void start() {
		this.threads.add(loop("probe-writer", WRITER_PAUSE_MILLIS, this::write));
		this.threads.add(loop("probe-reader", READER_PAUSE_MILLIS, this::read));
	}

	private Thread loop(String name, long pauseMillis, SqlWork work) {
		Thread thread = new Thread(() -> {
			try {
				while (this.running) {
					work.run();
					Thread.sleep(pauseMillis);
				}
			}
			catch (SQLException | RuntimeException ex) {
				this.failure = name + ": " + ex.getMessage();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private void write() throws SQLException {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long start = System.nanoTime();
		long conversation;
		try (PreparedStatement insert = this.writer.prepareStatement(
				"INSERT INTO conversations (created_at, updated_at) VALUES (now(), now()) RETURNING id")) {
			conversation = single(insert);
		}
		try (PreparedStatement insert = this.writer.prepareStatement("""
				INSERT INTO statuses (account_id, uri, text, local, created_at, updated_at, conversation_id, visibility)
				VALUES (?, 'https://probe.example/statuses/' || gen_random_uuid(), 'probe', false, now(), now(), ?, 0)
				""")) {
			insert.setLong(1, pick(this.remoteAccounts, random));
			insert.setLong(2, conversation);
			insert.executeUpdate();
		}
		this.writer.commit();
		record("status insert", start);
		start = System.nanoTime();
		long status = pick(this.recentStatuses, random);
		try (PreparedStatement favourite = this.writer.prepareStatement("""
				INSERT INTO favourites (account_id, status_id, created_at, updated_at) VALUES (?, ?, now(), now())
				ON CONFLICT DO NOTHING
				""")) {
			favourite.setLong(1, pick(this.localAccounts, random));
			favourite.setLong(2, status);
			favourite.executeUpdate();
		}
		try (PreparedStatement count = this.writer.prepareStatement(
				"""
						INSERT INTO status_stats (status_id, favourites_count, created_at, updated_at) VALUES (?, 1, now(), now())
						ON CONFLICT (status_id) DO UPDATE SET favourites_count = status_stats.favourites_count + 1, updated_at = now()
						""")) {
			count.setLong(1, status);
			count.executeUpdate();
		}
		this.writer.commit();
		record("favourite", start);
	}

	private void read() throws SQLException {
		long account = pick(this.localAccounts, ThreadLocalRandom.current());
		long start = System.nanoTime();
		try (PreparedStatement timeline = this.reader.prepareStatement(TIMELINE)) {
			timeline.setLong(1, account);
			timeline.setLong(2, account);
			try (ResultSet rows = timeline.executeQuery()) {
				while (rows.next()) {
					rows.getLong(1);
				}
			}
		}
		record("home timeline", start);
	}

	private void record(String kind, long startNanos) {
		this.latencies.get(kind).add(System.nanoTime() - startNanos);
	}

	@Override
	public void close() throws SQLException {
		this.running = false;
		for (Thread thread : this.threads) {
			try {
				thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.writer.close();
		this.reader.close();
	}

	/**
	 * Per kind of operation: how many, p50, p99, the longest, and how many took over a
	 * second.
	 */
	List<String> summary() {
		List<String> lines = new ArrayList<>();
		this.latencies.forEach((kind, values) -> {
			List<Long> sorted;
			synchronized (values) {
				sorted = new ArrayList<>(values);
			}
			Collections.sort(sorted);
			if (sorted.isEmpty()) {
				lines.add(kind + ": none");
				return;
			}
			lines.add(String.format(Locale.ROOT, "%s: %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms, over 1 s: %d", kind,
					sorted.size(), percentile(sorted, 0.50), percentile(sorted, 0.99),
					sorted.get(sorted.size() - 1) / 1e6, sorted.stream().filter((n) -> n > 1_000_000_000L).count()));
		});
		if (this.failure != null) {
			lines.add("probe FAILED: " + this.failure);
		}
		return lines;
	}

	private static double percentile(List<Long> sorted, double fraction) {
		return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(fraction * sorted.size()) - 1)) / 1e6;
	}

	private static long pick(List<Long> ids, ThreadLocalRandom random) {
		return ids.get(random.nextInt(ids.size()));
	}

	private static long single(PreparedStatement statement) throws SQLException {
		try (ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static List<Long> ids(Statement statement, String sql) throws SQLException {
		List<Long> ids = new ArrayList<>();
		try (ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				ids.add(rows.getLong(1));
			}
		}
		if (ids.isEmpty()) {
			throw new IllegalStateException("The probe found nothing for: " + sql);
		}
		return ids;
	}

	private static int pid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	@FunctionalInterface
	private interface SqlWork {

		void run() throws SQLException;

	}

}
