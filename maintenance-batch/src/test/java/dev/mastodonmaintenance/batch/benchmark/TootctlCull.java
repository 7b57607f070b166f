package dev.mastodonmaintenance.batch.benchmark;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import dev.mastodonmaintenance.accounts.RemoteAccountDeletion;
import dev.mastodonmaintenance.schema.MastodonSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * tootctl's {@code accounts cull} (Mastodon 4.7, {@code lib/mastodon/cli/accounts.rb} and
 * the CLI's {@code parallelize_with_progress}), as a process of its own: the remote
 * ActivityPub accounts read by ascending id in pages of 1000, each page's accounts handed
 * to a pool of {@code --concurrency} threads (5) and awaited before the next page is
 * read; per account: skipped when updated or webfingered in the last 7 days or when its
 * domain already failed in this run; otherwise an unsigned HEAD of its {@code uri} on a
 * new connection (connect 5 s, read 10 s, at most 3 redirects); a connection failure or
 * timeout adds the domain to the unavailable set and touches the account; 404 or 410
 * deletes it; anything else touches it. The deletion is this project's
 * {@link RemoteAccountDeletion} (the database part of DeleteAccountService, without its
 * Sidekiq deliveries, Redis and search work), so the rows left can be compared and this
 * side is, if anything, faster than tootctl. Arguments: JDBC URL, user, concurrency.
 */
public final class TootctlCull {

	private TootctlCull() {
	}

	public static void main(String[] args) throws Exception {
		int concurrency = Integer.parseInt(args[2]);
		long start = System.nanoTime();
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(args[0]);
		pool.setUsername(args[1]);
		// Rails' pool re-opened with concurrency + 1 connections
		pool.setMaximumPoolSize(concurrency + 1);
		JdbcTemplate jdbc = new JdbcTemplate(pool);
		RemoteAccountDeletion deletion = new RemoteAccountDeletion(jdbc, MastodonSchema.read(jdbc), 1000);
		Set<String> unavailable = ConcurrentHashMap.newKeySet();
		AtomicLong culled = new AtomicLong();
		AtomicLong requests = new AtomicLong();
		ExecutorService threads = Executors.newFixedThreadPool(concurrency);
		long processed = 0;
		try {
			// the progress bar's total
			jdbc.queryForObject("SELECT count(*) FROM accounts WHERE domain IS NOT NULL AND protocol = 1", Long.class);
			long after = 0;
			while (true) {
				List<Map<String, Object>> page = jdbc.queryForList(
						"SELECT * FROM accounts WHERE domain IS NOT NULL AND protocol = 1 AND id > ? ORDER BY id LIMIT 1000",
						after);
				if (page.isEmpty()) {
					break;
				}
				after = ((Number) page.get(page.size() - 1).get("id")).longValue();
				List<Future<?>> items = new ArrayList<>();
				for (Map<String, Object> account : page) {
					items.add(threads.submit(() -> cull(jdbc, deletion, account, unavailable, culled, requests)));
				}
				for (Future<?> item : items) {
					try {
						item.get();
					}
					catch (Exception ex) {
						System.out.println("Error processing " + ex.getMessage());
					}
				}
				processed += page.size();
			}
		}
		finally {
			threads.shutdown();
			pool.close();
		}
		System.out.printf(Locale.ROOT, "Visited %d accounts, removed %d; %d HEAD requests; %.1f s%n", processed,
				culled.get(), requests.get(), (System.nanoTime() - start) / 1e9);
		if (!unavailable.isEmpty()) {
			System.out.println("The following domains were not available during the check:");
			unavailable.forEach((domain) -> System.out.println("    " + domain));
		}
	}

	private static void cull(JdbcTemplate jdbc, RemoteAccountDeletion deletion, Map<String, Object> account,
			Set<String> unavailable, AtomicLong culled, AtomicLong requests) {
		long id = ((Number) account.get("id")).longValue();
		String domain = (String) account.get("domain");
		Boolean recent = jdbc.queryForObject("""
				SELECT ? >= (now() AT TIME ZONE 'UTC') - interval '7 days'
				    OR (?::timestamp IS NOT NULL AND ?::timestamp >= (now() AT TIME ZONE 'UTC') - interval '7 days')""",
				Boolean.class, account.get("updated_at"), account.get("last_webfingered_at"),
				account.get("last_webfingered_at"));
		if (Boolean.TRUE.equals(recent) || unavailable.contains(domain)) {
			return;
		}
		int code;
		try {
			requests.incrementAndGet();
			code = head((String) account.get("uri"));
		}
		catch (IOException ex) {
			unavailable.add(domain);
			code = 0;
		}
		if (code == 404 || code == 410) {
			RemoteAccountDeletion.AccountPurge purge = deletion.start(id);
			while (!purge.finished()) {
				purge.next();
			}
			culled.incrementAndGet();
		}
		else {
			jdbc.update("UPDATE accounts SET updated_at = (now() AT TIME ZONE 'UTC') WHERE id = ?", id);
		}
	}

	// Mastodon's Request: unsigned HEAD, a new connection, connect 5 s and read 10 s,
	// at most 3 redirects
	private static int head(String uri) throws IOException {
		URI current = URI.create(uri);
		for (int hop = 0;; hop++) {
			HttpURLConnection connection = (HttpURLConnection) current.toURL().openConnection();
			connection.setRequestMethod("HEAD");
			connection.setInstanceFollowRedirects(false);
			connection.setConnectTimeout(5000);
			connection.setReadTimeout(10_000);
			connection.setRequestProperty("Connection", "close");
			connection.setRequestProperty("User-Agent", "Mastodon/4.7.0 (http.rb/5.3.1; +https://bench.example/)");
			try {
				int code = connection.getResponseCode();
				String location = connection.getHeaderField("Location");
				if (code >= 300 && code < 400 && location != null) {
					if (hop == 3) {
						throw new IOException("too many redirects");
					}
					current = current.resolve(location);
					continue;
				}
				return code;
			}
			finally {
				connection.disconnect();
			}
		}
	}

}
