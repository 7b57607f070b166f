package dev.mastodonmaintenance.batch.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mastodonmaintenance.storage.DeletionReport;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.storage.StoredObject;
import org.jspecify.annotations.Nullable;

/**
 * A real storage that breaks down on a chosen delete request, as an object store going
 * away mid-run does, and can be healed before a restart.
 */
public final class FlakyStorage implements MediaStorage {

	private final MediaStorage delegate;

	private final AtomicInteger deletes = new AtomicInteger();

	private volatile int failingDelete = -1;

	public FlakyStorage(MediaStorage delegate) {
		this.delegate = delegate;
	}

	/**
	 * Makes the n-th delete request from now on fail, after the storage has done nothing.
	 * @param n 1 for the next request
	 */
	public void failOnDelete(int n) {
		this.failingDelete = this.deletes.get() + n;
	}

	public void heal() {
		this.failingDelete = -1;
	}

	@Override
	public List<StoredObject> list(String prefix, @Nullable String startAfter, int max) {
		return this.delegate.list(prefix, startAfter, max);
	}

	@Override
	public DeletionReport delete(List<String> keys) {
		if (this.deletes.incrementAndGet() == this.failingDelete) {
			throw new IllegalStateException(
					"Storage unreachable (injected failure on delete request " + this.failingDelete + ")");
		}
		return this.delegate.delete(keys);
	}

	@Override
	public Map<String, Long> sizes(List<String> keys) {
		return this.delegate.sizes(keys);
	}

	@Override
	public boolean deleteReportsSizes() {
		return this.delegate.deleteReportsSizes();
	}

	@Override
	public int deleteBatchSize() {
		return this.delegate.deleteBatchSize();
	}

	@Override
	public String describe() {
		return "flaky " + this.delegate.describe();
	}

}
