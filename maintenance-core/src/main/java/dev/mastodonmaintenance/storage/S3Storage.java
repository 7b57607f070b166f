package dev.mastodonmaintenance.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Mastodon's S3-compatible object storage, through the AWS SDK for Java v2. Keys are
 * relative to Mastodon's storage root: {@code S3_KEY_PREFIX} is added on the way in and
 * stripped from listings. Deletes go out as DeleteObjects requests of up to
 * {@code S3_BATCH_DELETE_LIMIT} keys, a few in parallel. Every request is retried by the
 * SDK's standard retry strategy, up to {@code S3_BATCH_DELETE_RETRY} attempts after 2, 4,
 * 8… seconds as Mastodon's own batch deletes are, longer when the server says
 * {@code SlowDown}, and within a bound on its whole duration
 * ({@link S3Settings.Retries}); listings are retried the same way, where tootctl gives up
 * on the first read timeout.
 */
public class S3Storage implements MediaStorage, AutoCloseable {

	/** Mastodon raises the read timeout of its batch deletes to at least this. */
	static final Duration BATCH_DELETE_READ_TIMEOUT = Duration.ofSeconds(120);

	private static final int MAX_LIST_KEYS = 1000;

	/** Below this many keys a slice is not worth a request of its own. */
	static final int MIN_CONCURRENT_SLICE = 100;

	/**
	 * Per-key DeleteObjects errors that pass: the keys are sent again, as a failed
	 * request would be.
	 */
	private static final Set<String> PASSING_KEY_ERRORS = Set.of("InternalError", "ServiceUnavailable", "SlowDown");

	private final S3Settings settings;

	private final S3Client listing;

	private final S3Client deleting;

	private final String location;

	private final ExecutorService deleters;

	private final BackoffStrategy backoff;

	private final BackoffStrategy slowDownBackoff;

	/**
	 * Creates the client; nothing is sent until the first request (see
	 * {@link #verifyBucket()}).
	 * @param settings the settings
	 */
	public S3Storage(S3Settings settings) {
		this.settings = settings;
		S3Settings.Retries retries = settings.retries();
		this.backoff = BackoffStrategy.exponentialDelayWithoutJitter(retries.backoff(), retries.budget());
		this.slowDownBackoff = BackoffStrategy.exponentialDelayWithoutJitter(retries.slowDownBackoff(),
				retries.budget());
		// the token bucket would let one failing burst cancel the retries of the requests
		// in flight beside it
		RetryStrategy retryStrategy = AwsRetryStrategy.standardRetryStrategy()
			.toBuilder()
			.maxAttempts(settings.attempts())
			.backoffStrategy(this.backoff)
			.throttlingBackoffStrategy(this.slowDownBackoff)
			.circuitBreakerEnabled(false)
			.build();
		this.listing = client(settings, settings.readTimeout(), retryStrategy);
		Duration deleteTimeout = (settings.readTimeout().compareTo(BATCH_DELETE_READ_TIMEOUT) < 0)
				? BATCH_DELETE_READ_TIMEOUT : settings.readTimeout();
		this.deleting = client(settings, deleteTimeout, retryStrategy);
		this.deleters = Executors.newFixedThreadPool(settings.batchDeleteConcurrency(), (task) -> {
			Thread thread = new Thread(task, "s3-delete");
			thread.setDaemon(true);
			return thread;
		});
		this.location = "S3 bucket '" + settings.bucket() + "' at "
				+ ((settings.endpoint() != null) ? settings.endpoint() : "AWS " + settings.region())
				+ (settings.keyPrefix().isEmpty() ? "" : " under key prefix '" + settings.keyPrefix() + "/'");
	}

	private static S3Client client(S3Settings settings, Duration readTimeout, RetryStrategy retryStrategy) {
		S3ClientBuilder builder = S3Client.builder()
			.region(Region.of(settings.region()))
			.forcePathStyle(settings.pathStyle())
			.credentialsProvider(credentials(settings))
			.httpClientBuilder(
					Apache5HttpClient.builder().connectionTimeout(settings.openTimeout()).socketTimeout(readTimeout))
			.overrideConfiguration(
					(config) -> config.retryStrategy(retryStrategy).apiCallTimeout(settings.retries().budget()))
			// many S3-compatible servers reject the SDK's default trailing checksums; we
			// upload nothing
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		if (settings.endpoint() != null) {
			builder.endpointOverride(settings.endpoint());
		}
		return builder.build();
	}

	private static AwsCredentialsProvider credentials(S3Settings settings) {
		if (settings.accessKeyId() != null && settings.secretAccessKey() != null) {
			return StaticCredentialsProvider
				.create(AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
		}
		return DefaultCredentialsProvider.builder().build();
	}

	/**
	 * Checks once that the bucket answers, for a clear error at launch rather than at the
	 * first chunk.
	 * @throws StorageException naming the endpoint and bucket when it does not
	 */
	public void verifyBucket() {
		send("HeadBucket", () -> this.listing.headBucket((request) -> request.bucket(this.settings.bucket())));
	}

	@Override
	public List<StoredObject> list(String prefix, @Nullable String startAfter, int max) {
		List<StoredObject> page = new ArrayList<>();
		String after = (startAfter != null) ? this.settings.objectKey(startAfter) : null;
		String rootPrefix = this.settings.objectKey("");
		while (page.size() < max) {
			ListObjectsV2Request request = ListObjectsV2Request.builder()
				.bucket(this.settings.bucket())
				.prefix(this.settings.objectKey(prefix))
				.startAfter(after)
				.maxKeys(Math.min(max - page.size(), MAX_LIST_KEYS))
				.build();
			ListObjectsV2Response response = send("ListObjectsV2", () -> this.listing.listObjectsV2(request));
			for (S3Object object : response.contents()) {
				page.add(new StoredObject(object.key().substring(rootPrefix.length()),
						(object.size() != null) ? object.size() : 0, object.lastModified()));
				after = object.key();
			}
			if (!Boolean.TRUE.equals(response.isTruncated()) || response.contents().isEmpty()) {
				break;
			}
		}
		return page;
	}

	/**
	 * Deletes in DeleteObjects requests of at most {@code S3_BATCH_DELETE_LIMIT} keys, up
	 * to {@code S3_BATCH_DELETE_CONCURRENCY} of them in flight: a batch is cut into as
	 * many slices as the limit requires, and into more (of at least
	 * {@value #MIN_CONCURRENT_SLICE} keys) while requests are free to run in parallel. A
	 * key the server reports as absent counts as removed; a key reported with a passing
	 * error ({@code InternalError}, {@code ServiceUnavailable}, {@code SlowDown}) is sent
	 * again with the others of its kind, after the same backoff as a failed request and
	 * within the same budget; any other per-key error is reported as failed. S3 does not
	 * say how large the deleted objects were, so removed entries carry no size.
	 * @throws IncompleteDeletionException when a request still fails after its retries,
	 * or keys still fail with a passing error; it reports what the batch did
	 */
	@Override
	public DeletionReport delete(List<String> keys) {
		List<List<String>> slices = slices(keys, this.settings.batchDeleteLimit(),
				this.settings.batchDeleteConcurrency());
		if (slices.size() <= 1) {
			return slices.isEmpty() ? new DeletionReport(List.of(), List.of()) : deleteSlice(slices.get(0));
		}
		List<Future<DeletionReport>> requests = slices.stream()
			.map((slice) -> this.deleters.submit(() -> deleteSlice(slice)))
			.toList();
		DeletionReport report = new DeletionReport(List.of(), List.of());
		IncompleteDeletionException failure = null;
		for (Future<DeletionReport> request : requests) {
			try {
				report = report.plus(request.get());
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof IncompleteDeletionException incomplete)) {
					throw new StorageException("Deleting from " + this.location + " failed", ex.getCause());
				}
				report = report.plus(incomplete.done());
				failure = (failure != null) ? failure : incomplete;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new StorageException("Interrupted while deleting from " + this.location, ex);
			}
		}
		if (failure != null) {
			throw new IncompleteDeletionException(failure.getMessage(), failure.getCause(), report);
		}
		return report;
	}

	/**
	 * Not asked: a HeadObject per key would cost a request per object where
	 * {@link #delete} costs one per thousand, so neither a dry run nor a real run sizes
	 * S3 objects one by one. Their storage size is known only where a listing gave it
	 * (orphans); Mastodon's recorded sizes stand for the rest, alike in both.
	 */
	@Override
	public Map<String, Long> sizes(List<String> keys) {
		return Map.of();
	}

	/**
	 * S3's DeleteObjects does not say how large the deleted objects were.
	 */
	@Override
	public boolean deleteReportsSizes() {
		return false;
	}

	/**
	 * How {@link #delete(List)} cuts a batch into DeleteObjects requests.
	 * @param keys the batch
	 * @param limit {@code S3_BATCH_DELETE_LIMIT}
	 * @param concurrency {@code S3_BATCH_DELETE_CONCURRENCY}
	 * @return the keys of each request
	 */
	public static List<List<String>> slices(List<String> keys, int limit, int concurrency) {
		if (keys.isEmpty()) {
			return List.of();
		}
		int needed = (keys.size() + limit - 1) / limit;
		int count = Math.max(needed, Math.min(concurrency, keys.size() / MIN_CONCURRENT_SLICE));
		int size = (keys.size() + count - 1) / count;
		List<List<String>> slices = new ArrayList<>();
		for (int from = 0; from < keys.size(); from += size) {
			slices.add(keys.subList(from, Math.min(keys.size(), from + size)));
		}
		return slices;
	}

	private DeletionReport deleteSlice(List<String> slice) {
		long deadline = System.nanoTime() + this.settings.retries().budget().toNanos();
		List<DeletionReport.Removed> removed = new ArrayList<>();
		List<DeletionReport.Failed> failed = new ArrayList<>();
		Map<String, String> byObjectKey = new LinkedHashMap<>();
		slice.forEach((key) -> byObjectKey.put(this.settings.objectKey(key), key));
		Map<String, String> toSend = byObjectKey;
		for (int attempt = 1;; attempt++) {
			Map<String, S3Error> errors = new HashMap<>();
			try {
				deleteObjects(toSend.keySet(), deadline).errors().forEach((error) -> errors.put(error.key(), error));
			}
			catch (StorageException ex) {
				throw new IncompleteDeletionException(ex.getMessage(), ex.getCause(),
						new DeletionReport(removed, failed));
			}
			Map<String, String> passing = new LinkedHashMap<>();
			S3Error lastPassing = null;
			for (Map.Entry<String, String> entry : toSend.entrySet()) {
				S3Error error = errors.get(entry.getKey());
				if (error == null || "NoSuchKey".equals(error.code())) {
					removed.add(new DeletionReport.Removed(entry.getValue(), null));
				}
				else if (PASSING_KEY_ERRORS.contains(error.code())) {
					passing.put(entry.getKey(), entry.getValue());
					lastPassing = (lastPassing == null || !"SlowDown".equals(lastPassing.code())) ? error : lastPassing;
				}
				else {
					failed.add(new DeletionReport.Failed(entry.getValue(), error.code() + ": " + error.message()));
				}
			}
			if (lastPassing == null) {
				return new DeletionReport(removed, failed);
			}
			Duration wait = ("SlowDown".equals(lastPassing.code()) ? this.slowDownBackoff : this.backoff)
				.computeDelay(attempt + 1);
			if (attempt >= this.settings.attempts() || System.nanoTime() + wait.toNanos() >= deadline) {
				throw new IncompleteDeletionException(
						this.location + " did not delete " + passing.size() + " of " + slice.size()
								+ " keys of DeleteObjects (" + attempt + ((attempt == 1) ? " attempt" : " attempts")
								+ "): " + lastPassing.code() + " " + lastPassing.message(),
						null, new DeletionReport(removed, failed));
			}
			pause(wait);
			toSend = passing;
		}
	}

	private DeleteObjectsResponse deleteObjects(Set<String> objectKeys, long deadline) {
		Delete delete = Delete.builder()
			.objects(objectKeys.stream().map((key) -> ObjectIdentifier.builder().key(key).build()).toList())
			.quiet(true)
			.build();
		// the retries of the keys a first answer refused share the slice's budget
		Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
		return send("DeleteObjects of " + objectKeys.size() + " keys",
				() -> this.deleting.deleteObjects((request) -> request.bucket(this.settings.bucket())
					.delete(delete)
					.overrideConfiguration((config) -> config.apiCallTimeout(left))));
	}

	/**
	 * Enough keys to fill every request that may be in flight at once, so that a step
	 * removing a large backlog sends full requests in parallel rather than one request's
	 * worth per chunk.
	 * @return {@code S3_BATCH_DELETE_LIMIT} times {@code S3_BATCH_DELETE_CONCURRENCY}
	 */
	@Override
	public int deleteBatchSize() {
		return this.settings.batchDeleteLimit() * this.settings.batchDeleteConcurrency();
	}

	@Override
	public String describe() {
		return this.location;
	}

	@Override
	public void close() {
		this.deleters.shutdown();
		this.listing.close();
		this.deleting.close();
	}

	private <T> T send(String operation, Supplier<T> request) {
		try {
			return request.get();
		}
		catch (SdkException ex) {
			throw failure(operation, ex);
		}
	}

	private void pause(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StorageException("Interrupted while deleting from " + this.location, ex);
		}
	}

	private StorageException failure(String operation, SdkException ex) {
		if (ex instanceof ApiCallTimeoutException) {
			return new StorageException(
					"Gave up on " + operation + " at " + this.location + " after its retry budget of "
							+ this.settings.retries().budget().toSeconds() + " s: " + ex.getMessage(),
					ex);
		}
		Integer attempts = ex.numAttempts();
		String tries = (attempts == null) ? "" : " (" + attempts + ((attempts == 1) ? " attempt)" : " attempts)");
		if (ex instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
			return new StorageException(
					this.location + " refused " + operation + tries + ": " + s3.awsErrorDetails().errorCode()
							+ " (HTTP " + s3.statusCode() + ") " + s3.awsErrorDetails().errorMessage(),
					ex);
		}
		return new StorageException(
				"Cannot reach " + this.location + " for " + operation + tries + ": " + ex.getMessage(), ex);
	}

}
