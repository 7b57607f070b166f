package dev.mastodonmaintenance.accounts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Probes many accounts at once: {@code concurrency} requests in flight in all, at most
 * {@code perDomain} of them to one domain, so that a slow or dead server holds only its
 * own share of the threads while the other domains go on. Accounts are taken domain after
 * domain in turn (what tootctl's "partition by domain" ordering meant to do), the
 * accounts of earlier {@linkplain #start batches} first within a domain. A domain whose
 * request fails is added to the run's unreachable domains, and its accounts not yet
 * started are skipped, as tootctl skips them.
 * <p>
 * Batches overlap: a caller starts the next batch while the requests of the previous one
 * finish, so that one slow request holds its thread only, not every thread until it ends.
 * The limits hold across all batches. Thread-safe.
 */
public class ReachabilityChecks implements AutoCloseable {

	private final ReachabilityProbe probe;

	private final int concurrency;

	private final int perDomain;

	private final ExecutorService executor;

	// guards the fields below and the batches' results; notified whenever a probe ends
	private final Object lock = new Object();

	private final Map<String, Deque<Pending>> queues = new LinkedHashMap<>();

	private final Map<String, Integer> inFlight = new HashMap<>();

	private final Set<String> unreachableDomains = new LinkedHashSet<>();

	private int running;

	/**
	 * Creates the checks with their own threads.
	 * @param probe the probe
	 * @param concurrency the most requests in flight, at least 1 (tootctl's
	 * {@code --concurrency}, default 5)
	 * @param perDomain the most requests in flight to one domain, at least 1
	 */
	public ReachabilityChecks(ReachabilityProbe probe, int concurrency, int perDomain) {
		if (concurrency < 1) {
			throw new IllegalArgumentException("Cannot run with this concurrency setting, must be at least 1");
		}
		if (perDomain < 1) {
			throw new IllegalArgumentException(
					"Cannot run with this per-domain concurrency setting, must be at least 1");
		}
		this.probe = probe;
		this.concurrency = concurrency;
		this.perDomain = perDomain;
		AtomicInteger threads = new AtomicInteger();
		ThreadFactory factory = (task) -> {
			Thread thread = new Thread(task, "cull-probe-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		this.executor = Executors.newFixedThreadPool(concurrency, factory);
	}

	/**
	 * Adds domains found unreachable earlier in this run, such as before a restart: their
	 * accounts are skipped.
	 * @param domains the domains
	 */
	public void unreachable(Collection<String> domains) {
		synchronized (this.lock) {
			this.unreachableDomains.addAll(domains);
		}
	}

	/**
	 * Starts probing accounts that are due, behind the batches started before.
	 * @param accounts the accounts, in any order
	 * @return the batch, whose results come as its probes end
	 */
	public Batch start(List<CullCandidate> accounts) {
		Batch batch = new Batch(accounts);
		synchronized (this.lock) {
			for (CullCandidate account : accounts) {
				this.queues.computeIfAbsent(account.domain(), (domain) -> new ArrayDeque<>())
					.add(new Pending(account, batch));
			}
			startNext();
		}
		return batch;
	}

	/**
	 * Waits until a batch is decided, or, when {@code untilIdle}, until fewer than
	 * {@code concurrency} requests are in flight and none of the accounts queued may
	 * start: the caller may then start another batch to keep the threads busy.
	 * @param batch the batch
	 * @param untilIdle whether to return when threads are idle for lack of accounts
	 * @return whether the batch is decided
	 * @throws InterruptedException when interrupted while waiting; requests in flight
	 * still finish
	 */
	public boolean await(Batch batch, boolean untilIdle) throws InterruptedException {
		synchronized (this.lock) {
			while (batch.undecided > 0) {
				if (untilIdle && this.running < this.concurrency) {
					return false;
				}
				this.lock.wait();
			}
			return true;
		}
	}

	/**
	 * Whether fewer than {@code concurrency} requests are in flight and none of the
	 * accounts queued may start (none is left, or their domains have their share in
	 * flight): another batch would keep the threads busy.
	 * @return whether some thread is idle for lack of accounts
	 */
	public boolean idle() {
		synchronized (this.lock) {
			return this.running < this.concurrency;
		}
	}

	// One account of each domain in turn, while threads and the domain's share allow;
	// with the lock held.
	private void startNext() {
		boolean progress = true;
		while (progress && this.running < this.concurrency) {
			progress = false;
			Iterator<Map.Entry<String, Deque<Pending>>> domains = this.queues.entrySet().iterator();
			while (domains.hasNext() && this.running < this.concurrency) {
				Map.Entry<String, Deque<Pending>> entry = domains.next();
				String domain = entry.getKey();
				Deque<Pending> queue = entry.getValue();
				if (this.unreachableDomains.contains(domain)) {
					queue.forEach((skipped) -> skipped.batch.decide(new AccountCheck(skipped.account,
							new ProbeResult(Reachability.SKIPPED, domain + " was unreachable earlier in this run"))));
					queue.clear();
				}
				else if (this.inFlight.getOrDefault(domain, 0) < this.perDomain) {
					Pending next = queue.poll();
					this.inFlight.merge(domain, 1, Integer::sum);
					this.running++;
					this.executor.execute(() -> probe(next));
					progress = true;
				}
				if (queue.isEmpty()) {
					domains.remove();
				}
			}
		}
		this.lock.notifyAll();
	}

	private void probe(Pending pending) {
		ProbeResult result;
		try {
			result = this.probe.probe(pending.account.uri());
		}
		catch (RuntimeException | Error ex) {
			// probe() reports every failure as a result; anything else is a bug, which
			// the batch's results throw, rather than leave the batch waiting for ever
			result = new ProbeResult(Reachability.FAILED, "probe failed unexpectedly");
			synchronized (this.lock) {
				pending.batch.failure = ex;
			}
		}
		synchronized (this.lock) {
			this.running--;
			String domain = pending.account.domain();
			// a domain with nothing in flight has no entry: the map stays as small as the
			// requests in flight, however many domains a long run meets
			this.inFlight.computeIfPresent(domain, (d, count) -> (count > 1) ? count - 1 : null);
			if (result.reachability() == Reachability.UNREACHABLE) {
				this.unreachableDomains.add(domain);
				pending.batch.unreachableDomains.add(domain);
			}
			pending.batch.decide(new AccountCheck(pending.account, result));
			if (!this.executor.isShutdown()) {
				startNext();
			}
			this.lock.notifyAll();
		}
	}

	@Override
	public void close() {
		synchronized (this.lock) {
			// under the lock: no probe ending now starts another
			this.executor.shutdownNow();
		}
	}

	/**
	 * The outcome for one account.
	 *
	 * @param account the account
	 * @param result what its probe found, or {@link Reachability#SKIPPED}
	 */
	public record AccountCheck(CullCandidate account, ProbeResult result) {
	}

	private record Pending(CullCandidate account, Batch batch) {
	}

	/**
	 * Accounts started together, decided as their probes end.
	 */
	public final class Batch {

		private final List<CullCandidate> accounts;

		private final Map<Long, AccountCheck> checks;

		private int undecided;

		// found by this batch's own probes, in the order they failed
		private final Set<String> unreachableDomains = new LinkedHashSet<>();

		private @Nullable Throwable failure;

		private Batch(List<CullCandidate> accounts) {
			this.accounts = List.copyOf(accounts);
			this.checks = new HashMap<>();
			this.undecided = accounts.size();
		}

		private void decide(AccountCheck check) {
			this.checks.put(check.account().id(), check);
			this.undecided--;
		}

		/**
		 * Whether every account of the batch is decided.
		 * @return {@code true} once the last has its result
		 */
		public boolean decided() {
			synchronized (ReachabilityChecks.this.lock) {
				return this.undecided == 0;
			}
		}

		/**
		 * The domains this batch's own probes found unreachable, in the order they
		 * failed; the accounts of a batch may also have been skipped for a domain another
		 * batch found unreachable.
		 * @return the domains
		 */
		public List<String> unreachableDomains() {
			synchronized (ReachabilityChecks.this.lock) {
				return List.copyOf(this.unreachableDomains);
			}
		}

		/**
		 * The results of a decided batch.
		 * @return one check per account, in the order the accounts were given
		 * @throws IllegalStateException when some account is still undecided, or a probe
		 * failed unexpectedly
		 */
		public List<AccountCheck> results() {
			synchronized (ReachabilityChecks.this.lock) {
				if (this.undecided > 0) {
					throw new IllegalStateException(this.undecided + " accounts are still being checked");
				}
				if (this.failure != null) {
					throw new IllegalStateException("Reachability probe failed unexpectedly", this.failure);
				}
				List<AccountCheck> ordered = new ArrayList<>(this.accounts.size());
				for (CullCandidate account : this.accounts) {
					ordered.add(this.checks.get(account.id()));
				}
				return ordered;
			}
		}

	}

}
