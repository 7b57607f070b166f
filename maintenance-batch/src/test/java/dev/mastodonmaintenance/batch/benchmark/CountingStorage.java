package dev.mastodonmaintenance.batch.benchmark;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.mastodonmaintenance.storage.DeletionReport;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.storage.StoredObject;
import org.jspecify.annotations.Nullable;

/**
 * The job's storage, counting the S3 requests it sends: one DeleteObjects per slice of the batch limit.
 */
final class CountingStorage implements MediaStorage {

	private final MediaStorage delegate;

	private final int batchLimit;

	private final AtomicLong requests = new AtomicLong();

	CountingStorage(MediaStorage delegate, int batchLimit) {
		this.delegate = delegate;
		this.batchLimit = batchLimit;
	}

	@Override
	public List<StoredObject> list(String prefix, @Nullable String startAfter, int max) {
		this.requests.incrementAndGet();
		return this.delegate.list(prefix, startAfter, max);
	}

	@Override
	public DeletionReport delete(List<String> keys) {
		this.requests.addAndGet((keys.size() + this.batchLimit - 1) / this.batchLimit);
		return this.delegate.delete(keys);
	}

	@Override
	public String describe() {
		return this.delegate.describe();
	}

	long requests() {
		return this.requests.get();
	}

}
