package dev.mastodonmaintenance.batch.benchmark;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.mastodonmaintenance.IdWindow;
import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.media.MediaAttachmentFiles;
import dev.mastodonmaintenance.media.RemoteMedia;
import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import dev.mastodonmaintenance.storage.S3Settings;
import dev.mastodonmaintenance.storage.S3Storage;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.TestS3;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code media remove} over N remote media on a local S3 server, two ways on identical
 * data: tootctl's (per media, concurrency threads: a HEAD per file, a DeleteObject per
 * file found, an UPDATE per row) and the job's {@code media-remove} step (windows of 1000
 * rows, one UPDATE per window, DeleteObjects of up to 1000 keys after each commit). Not a
 * test: run it by hand, see {@code docs/benchmarks/media-remove.md}.
 * <p>
 * System properties: {@code benchmark.media} (10000),
 * {@code benchmark.tootctl-concurrency} (5), {@code benchmark.latency-ms} added to every
 * S3 request through a local proxy (0), {@code benchmark.object-bytes} (1024),
 * {@code benchmark.rounds} (1; each further round swaps the order of the two sides),
 * {@code benchmark.s3}: {@code s3proxy} (the default, see {@link S3ProxyServer}) or
 * {@code s3mock} (the tests' server). As in the tests, a server named by
 * {@code MAINTENANCE_TEST_S3_ENDPOINT} is used instead of either.
 */
public final class MediaRemoveBenchmark {

	private static final int UPLOAD_THREADS = 8;

	private MediaRemoveBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		// DEBUG logging of every SDK request would cost tootctl's way, with its many
		// requests, the most
		((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		int media = Integer.getInteger("benchmark.media", 10_000);
		int concurrency = Integer.getInteger("benchmark.tootctl-concurrency", 5);
		Duration latency = Duration.ofMillis(Long.getLong("benchmark.latency-ms", 0));
		int objectBytes = Integer.getInteger("benchmark.object-bytes", 1024);
		int rounds = Integer.getInteger("benchmark.rounds", 1);
		String server = (System.getenv("MAINTENANCE_TEST_S3_ENDPOINT") != null) ? "MAINTENANCE_TEST_S3_ENDPOINT"
				: System.getProperty("benchmark.s3", "s3proxy");
		TestS3 s3 = switch (server) {
			case "s3proxy" -> S3ProxyServer.start();
			case "s3mock", "MAINTENANCE_TEST_S3_ENDPOINT" -> TestS3.get();
			default -> throw new IllegalArgumentException("benchmark.s3=" + server + ": expected s3proxy or s3mock");
		};
		try (LatencyProxy proxy = new LatencyProxy(s3.endpoint(), latency)) {
			URI endpoint = latency.isZero() ? s3.endpoint() : proxy.endpoint();
			System.out.printf(Locale.ROOT,
					"media-remove benchmark: %d remote media (original + small each) of %d bytes,"
							+ " %s at %s, %d ms added per S3 request%n",
					media, objectBytes, server, s3.endpoint(), latency.toMillis());
			for (int round = 1; round <= rounds; round++) {
				// each further round swaps the order, so that neither side always runs on
				// a warmer JVM
				boolean tootctlFirst = round % 2 == 1;
				Measure tootctl;
				Measure job;
				if (tootctlFirst) {
					tootctl = tootctlWay(Scenario.prepare(s3, media, objectBytes), s3, endpoint, concurrency);
					job = jobStep(Scenario.prepare(s3, media, objectBytes), s3, endpoint);
				}
				else {
					job = jobStep(Scenario.prepare(s3, media, objectBytes), s3, endpoint);
					tootctl = tootctlWay(Scenario.prepare(s3, media, objectBytes), s3, endpoint, concurrency);
				}
				System.out.printf(Locale.ROOT, "round %d (%s first):%n", round,
						tootctlFirst ? "tootctl" : "media-remove");
				report("tootctl's way (HEAD + DeleteObject per file, UPDATE per row, " + concurrency + " threads)",
						tootctl, media);
				report("media-remove step (UPDATE per window, DeleteObjects of up to 1000 keys)", job, media);
				System.out.printf(Locale.ROOT, "speed-up: %.1fx%n",
						tootctl.elapsed().toNanos() / (double) job.elapsed().toNanos());
			}
		}
		System.exit(0);
	}

	private static Measure tootctlWay(Scenario scenario, TestS3 s3, URI endpoint, int concurrency) throws Exception {
		JdbcTemplate jdbc = scenario.db().jdbc();
		RemoteMedia remoteMedia = new RemoteMedia(jdbc, MastodonSchema.read(jdbc));
		IdWindow windows = new IdWindow(jdbc, "media_attachments");
		AtomicLong requests = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		try (S3Client client = client(endpoint, s3.settings(scenario.bucket(), ""))) {
			long start = System.nanoTime();
			long after = 0;
			Long upTo;
			while ((upTo = windows.upperBound(after, 1000)) != null) {
				List<Future<?>> page = new ArrayList<>();
				for (MediaAttachmentFiles row : remoteMedia.find(after, upTo, scenario.cutoff(), false)) {
					page.add(pool.submit(() -> destroyLikePaperclip(client, jdbc, scenario.bucket(), row, requests)));
				}
				for (Future<?> item : page) {
					item.get();
				}
				after = upTo;
			}
			Measure measure = new Measure(Duration.ofNanos(System.nanoTime() - start), requests.get());
			scenario.checkAllRemoved(s3);
			return measure;
		}
		finally {
			pool.shutdown();
		}
	}

	/**
	 * What {@code file.destroy; thumbnail.destroy; save} costs per row in tootctl:
	 * Paperclip checks each style's existence, deletes the ones found one by one, and the
	 * row is saved on its own.
	 */
	private static void destroyLikePaperclip(S3Client client, JdbcTemplate jdbc, String bucket,
			MediaAttachmentFiles row, AtomicLong requests) {
		List<String> existing = new ArrayList<>();
		for (ObjectToRemove file : row.files()) {
			requests.incrementAndGet();
			try {
				client.headObject((request) -> request.bucket(bucket).key(file.key()));
				existing.add(file.key());
			}
			catch (NoSuchKeyException ex) {
				// Paperclip does not queue what it does not find
			}
		}
		for (String key : existing) {
			requests.incrementAndGet();
			client.deleteObject((request) -> request.bucket(bucket).key(key));
		}
		jdbc.update("""
				UPDATE media_attachments SET file_file_name = NULL, file_content_type = NULL, file_file_size = NULL,
				    file_updated_at = NULL, updated_at = (now() AT TIME ZONE 'UTC')
				WHERE id = ?""", row.mediaId());
	}

	private static Measure jobStep(Scenario scenario, TestS3 s3, URI endpoint) throws Exception {
		S3Settings direct = s3.settings(scenario.bucket(), "");
		S3Settings settings = new S3Settings(direct.bucket(), endpoint, direct.region(), "", true, direct.accessKeyId(),
				direct.secretAccessKey(), direct.batchDeleteLimit(), direct.batchDeleteRetry(),
				direct.batchDeleteConcurrency(), direct.openTimeout(), direct.readTimeout());
		try (S3Storage s3Storage = new S3Storage(settings)) {
			CountingStorage storage = new CountingStorage(s3Storage, settings);
			StatementClock clock = new StatementClock(scenario.db().dataSource());
			JobHarness harness = JobHarness.on(new MastodonResources(clock, storage, null, List.of()));
			long before = clock.statements();
			long start = System.nanoTime();
			JobExecution execution = harness.run("levels=media-remove");
			Measure measure = new Measure(Duration.ofNanos(System.nanoTime() - start), storage.requests());
			System.out.printf(Locale.ROOT, "media-remove step: %.1f s waiting for DeleteObjects, %d SQL statements%n",
					storage.waited().toNanos() / 1e9, clock.statements() - before);
			clock.heaviest(8).forEach((line) -> System.out.println("  " + line));
			if (execution.getStatus() != BatchStatus.COMPLETED) {
				throw new IllegalStateException("The media-remove step ended " + execution.getStatus());
			}
			scenario.checkAllRemoved(s3);
			return measure;
		}
	}

	private static S3Client client(URI endpoint, S3Settings credentials) {
		return S3Client.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())))
			.httpClientBuilder(Apache5HttpClient.builder()
				.connectionTimeout(Duration.ofSeconds(5))
				.socketTimeout(Duration.ofSeconds(30)))
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.build();
	}

	private static void report(String way, Measure measure, int media) {
		double seconds = measure.elapsed().toNanos() / 1e9;
		System.out.printf(Locale.ROOT, "%s: %.1f s, %.0f media/s, %d S3 requests%n", way, seconds, media / seconds,
				measure.requests());
	}

	private record Measure(Duration elapsed, long requests) {
	}

	/**
	 * A fresh database with N remote media created a month ago and a fresh bucket holding
	 * their files.
	 */
	private record Scenario(MastodonDatabase db, String bucket, LocalDateTime cutoff) {

		static Scenario prepare(TestS3 s3, int media, int objectBytes) throws Exception {
			long start = System.nanoTime();
			MastodonDatabase db = MastodonDatabase.withFixture(MediaRemoveBenchmark.class);
			long account = new MastodonData(db.dataSource()).remoteAccount("bob", "example.com").insert().id();
			db.jdbc().update("""
					INSERT INTO media_attachments (account_id, remote_url, type, file_file_name, file_content_type,
					    file_file_size, file_updated_at, file_storage_schema_version, created_at, updated_at)
					SELECT ?, 'https://example.com/media/' || g || '.jpeg', 0, lpad(to_hex(g), 16, '0') || '.jpeg',
					    'image/jpeg', ?, t, 1, t, t
					FROM generate_series(1, ?) AS g,
					     (SELECT (now() AT TIME ZONE 'UTC') - interval '30 days' AS t) AS month_ago
					""", account, objectBytes, media);
			LocalDateTime cutoff = MastodonData.daysAgo(7);
			List<String> keys = new RemoteMedia(db.jdbc(), MastodonSchema.read(db.jdbc()))
				.find(0, Long.MAX_VALUE, cutoff, false)
				.stream()
				.flatMap((row) -> row.files().stream())
				.map(ObjectToRemove::key)
				.toList();
			String bucket = s3.createBucket(MediaRemoveBenchmark.class);
			byte[] content = new byte[objectBytes];
			ExecutorService uploads = Executors.newFixedThreadPool(UPLOAD_THREADS);
			try {
				List<Future<?>> puts = new ArrayList<>();
				keys.forEach((key) -> puts.add(uploads.submit(() -> s3.put(bucket, key, content))));
				for (Future<?> put : puts) {
					put.get();
				}
			}
			finally {
				uploads.shutdown();
			}
			System.out.printf(Locale.ROOT, "prepared %d rows and %d objects in %.0f s%n", media, keys.size(),
					(System.nanoTime() - start) / 1e9);
			return new Scenario(db, bucket, cutoff);
		}

		void checkAllRemoved(TestS3 s3) {
			List<String> left = s3.keys(this.bucket);
			Long rows = this.db.jdbc()
				.queryForObject("SELECT count(*) FROM media_attachments WHERE file_file_name IS NOT NULL", Long.class);
			if (!left.isEmpty() || rows == null || rows != 0) {
				throw new IllegalStateException(left.size() + " objects and " + rows + " rows were left");
			}
		}

	}

}
