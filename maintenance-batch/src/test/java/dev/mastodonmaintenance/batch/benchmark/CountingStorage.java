package dev.mastodonmaintenance.batch.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.mastodonmaintenance.storage.DeletionReport;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.storage.S3Settings;
import dev.mastodonmaintenance.storage.S3Storage;
import dev.mastodonmaintenance.storage.StoredObject;
import org.jspecify.annotations.Nullable;

/**
 * The job's S3 storage, counting the requests it sends (one DeleteObjects per slice of a
 * batch, cut as {@link S3Storage#slices} cuts it) and the time the step waits for them.
 */
final class CountingStorage implements MediaStorage {

	private final MediaStorage delegate;

	private final S3Settings settings;

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong nanos = new AtomicLong();

	CountingStorage(S3Storage delegate, S3Settings settings) {
		this.delegate = delegate;
		this.settings = settings;
	}

	@Override
	public List<StoredObject> list(String prefix, @Nullable String startAfter, int max) {
		this.requests.incrementAndGet();
		return this.delegate.list(prefix, startAfter, max);
	}

	@Override
	public DeletionReport delete(List<String> keys) {
		this.requests
			.addAndGet(S3Storage.slices(keys, this.settings.batchDeleteLimit(), this.settings.batchDeleteConcurrency())
				.size());
		long start = System.nanoTime();
		try {
			return this.delegate.delete(keys);
		}
		finally {
			this.nanos.addAndGet(System.nanoTime() - start);
		}
	}

	@Override
	public Map<String, Long> sizes(List<String> keys) {
		// one HeadObject request per key
		this.requests.addAndGet(keys.size());
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
		return this.delegate.describe();
	}

	long requests() {
		return this.requests.get();
	}

	Duration waited() {
		return Duration.ofNanos(this.nanos.get());
	}

}
