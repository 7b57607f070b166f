package dev.mastodonmaintenance.accounts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probes many accounts at once: {@code concurrency} requests in flight in all, at most
 * {@code perDomain} of them to one domain, so that a slow or dead server holds only its
 * own share of the threads while the other domains go on. Accounts are taken domain after
 * domain in turn (what tootctl's "partition by domain" ordering meant to do). A domain
 * whose request fails is added to the run's unreachable domains, and its accounts not yet
 * started are skipped, as tootctl skips them.
 */
public class ReachabilityChecks implements AutoCloseable {

	private final ReachabilityProbe probe;

	private final int concurrency;

	private final int perDomain;

	private final ExecutorService executor;

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
	 * Probes accounts that are due.
	 * @param accounts the accounts, in any order
	 * @param unreachableDomains the domains found unreachable so far in this run; domains
	 * found unreachable now are added to it
	 * @return one check per account, in the order of {@code accounts}
	 * @throws InterruptedException when interrupted while waiting; requests in flight
	 * still finish
	 */
	public List<AccountCheck> check(List<CullCandidate> accounts, Set<String> unreachableDomains)
			throws InterruptedException {
		Map<String, Deque<CullCandidate>> queues = new LinkedHashMap<>();
		for (CullCandidate account : accounts) {
			queues.computeIfAbsent(account.domain(), (domain) -> new ArrayDeque<>()).add(account);
		}
		Map<String, Integer> inFlight = new HashMap<>();
		Map<Long, AccountCheck> checks = new HashMap<>();
		CompletionService<AccountCheck> completion = new ExecutorCompletionService<>(this.executor);
		int running = 0;
		while (true) {
			running += startNext(queues, inFlight, running, unreachableDomains, checks, completion);
			if (running == 0) {
				break;
			}
			AccountCheck done = take(completion);
			running--;
			inFlight.merge(done.account().domain(), -1, Integer::sum);
			if (done.result().reachability() == Reachability.UNREACHABLE) {
				unreachableDomains.add(done.account().domain());
			}
			checks.put(done.account().id(), done);
		}
		List<AccountCheck> ordered = new ArrayList<>(accounts.size());
		for (CullCandidate account : accounts) {
			ordered.add(checks.get(account.id()));
		}
		return ordered;
	}

	// One account of each domain in turn, while threads and the domain's share allow.
	private int startNext(Map<String, Deque<CullCandidate>> queues, Map<String, Integer> inFlight, int running,
			Set<String> unreachableDomains, Map<Long, AccountCheck> checks,
			CompletionService<AccountCheck> completion) {
		int started = 0;
		boolean progress = true;
		while (progress && running + started < this.concurrency) {
			progress = false;
			Iterator<Map.Entry<String, Deque<CullCandidate>>> domains = queues.entrySet().iterator();
			while (domains.hasNext() && running + started < this.concurrency) {
				Map.Entry<String, Deque<CullCandidate>> entry = domains.next();
				String domain = entry.getKey();
				Deque<CullCandidate> queue = entry.getValue();
				if (unreachableDomains.contains(domain)) {
					queue.forEach((skipped) -> checks.put(skipped.id(), new AccountCheck(skipped,
							new ProbeResult(Reachability.SKIPPED, domain + " was unreachable earlier in this run"))));
					queue.clear();
				}
				else if (inFlight.getOrDefault(domain, 0) < this.perDomain) {
					CullCandidate account = queue.poll();
					completion.submit(() -> new AccountCheck(account, this.probe.probe(account.uri())));
					inFlight.merge(domain, 1, Integer::sum);
					started++;
					progress = true;
				}
				if (queue.isEmpty()) {
					domains.remove();
				}
			}
		}
		return started;
	}

	private static AccountCheck take(CompletionService<AccountCheck> completion) throws InterruptedException {
		try {
			return completion.take().get();
		}
		catch (ExecutionException ex) {
			// probe() reports every failure as a result; anything else is a bug
			throw new IllegalStateException("Reachability probe failed unexpectedly", ex.getCause());
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	/**
	 * The outcome for one account.
	 *
	 * @param account the account
	 * @param result what its probe found, or {@link Reachability#SKIPPED}
	 */
	public record AccountCheck(CullCandidate account, ProbeResult result) {
	}

}
