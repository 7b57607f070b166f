package dev.mastodonmaintenance.boot.support;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * The executions of the maintenance job running in this JVM, so that a shutdown can stop
 * them and wait.
 */
public final class LocalRuns {

	private final Set<Long> running = new TreeSet<>();

	synchronized void started(long executionId) {
		this.running.add(executionId);
	}

	synchronized void ended(long executionId) {
		this.running.remove(executionId);
		notifyAll();
	}

	/**
	 * The ids of the executions running here.
	 * @return a snapshot of the ids
	 */
	public synchronized Set<Long> ids() {
		return Set.copyOf(this.running);
	}

	/**
	 * Whether an execution runs here.
	 * @param executionId the execution
	 * @return {@code true} while it runs in this JVM
	 */
	public synchronized boolean isRunning(long executionId) {
		return this.running.contains(executionId);
	}

	/**
	 * Waits until no execution runs here.
	 * @param timeout the longest wait
	 * @return {@code true} when none runs any more, {@code false} on timeout
	 * @throws InterruptedException when interrupted while waiting
	 */
	public synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!this.running.isEmpty()) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			wait(Math.max(1, left / 1_000_000));
		}
		return true;
	}

}
