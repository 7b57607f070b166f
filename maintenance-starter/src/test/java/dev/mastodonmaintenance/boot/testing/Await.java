package dev.mastodonmaintenance.boot.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls until a condition holds, for runs that go on in another thread.
 */
public final class Await {

	private Await() {
	}

	/**
	 * Waits until a condition holds.
	 * @param what what is awaited, for the failure message
	 * @param condition the condition
	 */
	public static void until(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out after 30s waiting until " + what);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	/**
	 * Waits until a value is present and returns it.
	 * @param <T> the value type
	 * @param what what is awaited
	 * @param value the value, {@code null} while absent
	 * @return the value
	 */
	public static <T> T value(String what, Supplier<T> value) {
		Object[] holder = new Object[1];
		until(what, () -> (holder[0] = value.get()) != null);
		@SuppressWarnings("unchecked")
		T result = (T) holder[0];
		return result;
	}

}
