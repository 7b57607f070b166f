package dev.mastodonmaintenance.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import dev.mastodonmaintenance.storage.S3Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The one S3-compatible server of a test JVM: the server named by
 * {@code MAINTENANCE_TEST_S3_ENDPOINT} (with {@code MAINTENANCE_TEST_S3_ACCESS_KEY} /
 * {@code MAINTENANCE_TEST_S3_SECRET_KEY}) when set, otherwise S3Mock's standalone jar
 * started as a child JVM on free loopback ports and stopped when the tests' JVM exits.
 * The jar is the one the core module's build fetches into
 * {@code maintenance-core/target/s3mock/}, found from any module by walking up to the
 * repository root, or else in the local Maven repository. Each test class works in a
 * fresh bucket of its own.
 */
public final class TestS3 {

	private static final String S3MOCK_VERSION = "5.2.0";

	private static final AtomicInteger buckets = new AtomicInteger();

	private static TestS3 instance;

	private final URI endpoint;

	private final String accessKey;

	private final String secretKey;

	private final S3Client client;

	private TestS3(URI endpoint, String accessKey, String secretKey) {
		this.endpoint = endpoint;
		this.accessKey = accessKey;
		this.secretKey = secretKey;
		this.client = S3Client.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
			// S3Mock stores an upload twice as fast without the SDK's default trailing
			// checksum
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.build();
	}

	/**
	 * The server of this JVM, started on first use.
	 * @return the server
	 */
	public static synchronized TestS3 get() {
		if (instance == null) {
			String configured = System.getenv("MAINTENANCE_TEST_S3_ENDPOINT");
			instance = (configured != null && !configured.isBlank()) ? new TestS3(URI.create(configured),
					env("MAINTENANCE_TEST_S3_ACCESS_KEY", "test"), env("MAINTENANCE_TEST_S3_SECRET_KEY", "test"))
					: new TestS3(startS3Mock(), "test", "test");
		}
		return instance;
	}

	/**
	 * A server started by the caller, for a benchmark that chooses its own; tests use
	 * {@link #get()}.
	 * @param endpoint the server's endpoint
	 * @param accessKey its access key
	 * @param secretKey its secret key
	 * @return the server
	 */
	public static TestS3 at(URI endpoint, String accessKey, String secretKey) {
		return new TestS3(endpoint, accessKey, secretKey);
	}

	/**
	 * Creates an empty bucket.
	 * @param testClass the test class, which names the bucket
	 * @return the bucket name
	 */
	public String createBucket(Class<?> testClass) {
		String name = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-");
		name = "t-" + name.substring(0, Math.min(name.length(), 40)) + "-" + ProcessHandle.current().pid() + "-"
				+ buckets.incrementAndGet();
		String bucket = name;
		this.client.createBucket((request) -> request.bucket(bucket));
		return bucket;
	}

	/**
	 * Mastodon's settings for a bucket of this server, with Mastodon's defaults
	 * otherwise.
	 * @param bucket the bucket
	 * @param keyPrefix {@code S3_KEY_PREFIX}, {@code ""} for none
	 * @return the settings
	 */
	public S3Settings settings(String bucket, String keyPrefix) {
		return new S3Settings(bucket, this.endpoint, "us-east-1", keyPrefix, true, this.accessKey, this.secretKey,
				S3Settings.MAX_BATCH_DELETE_LIMIT, 3, 4, Duration.ofSeconds(5), Duration.ofSeconds(30));
	}

	/**
	 * Stores an object.
	 * @param bucket the bucket
	 * @param key the full object key
	 * @param content its content
	 */
	public void put(String bucket, String key, byte[] content) {
		this.client.putObject((request) -> request.bucket(bucket).key(key), RequestBody.fromBytes(content));
	}

	/**
	 * Every key of a bucket, in S3's order.
	 * @param bucket the bucket
	 * @return the full object keys
	 */
	public List<String> keys(String bucket) {
		return this.client.listObjectsV2Paginator((request) -> request.bucket(bucket))
			.contents()
			.stream()
			.map(S3Object::key)
			.toList();
	}

	/**
	 * A client for the server, to arrange and inspect buckets.
	 * @return the client
	 */
	public S3Client client() {
		return this.client;
	}

	public URI endpoint() {
		return this.endpoint;
	}

	private static URI startS3Mock() {
		Path jar = s3MockJar().orElseThrow(() -> new IllegalStateException("S3Mock's jar was not found in "
				+ "maintenance-core/target/s3mock/ nor in the local Maven repository: build through the reactor "
				+ "(mvn -pl <module> -am verify) so that the core module fetches it, or point the tests at a server "
				+ "with MAINTENANCE_TEST_S3_ENDPOINT=http://127.0.0.1:9090"));
		int httpPort = TestRedis.freePort();
		int httpsPort = TestRedis.freePort();
		try {
			Path root = Files.createTempDirectory("s3mock");
			Path log = root.resolveSibling(root.getFileName() + ".log");
			Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx512m", "-jar", jar.toString(), "--http.port=" + httpPort, "--server.port=" + httpsPort,
					"--com.adobe.testing.s3mock.store.root=" + root)
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
			URI endpoint = URI.create("http://127.0.0.1:" + httpPort);
			awaitAnswer("S3Mock", process, endpoint, log, Duration.ofSeconds(90), (status) -> status == 200);
			return endpoint;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start S3Mock from " + jar, ex);
		}
	}

	/**
	 * Waits until a server started as a child process answers HTTP on its endpoint, as
	 * its tests or benchmarks need before their first request.
	 * @param name the server's name, for errors
	 * @param process the child process
	 * @param endpoint where it listens
	 * @param log where its output goes, named in errors
	 * @param timeout how long to wait before giving up (and stopping the process)
	 * @param ready which HTTP status of an anonymous {@code GET /} means the server is
	 * ready
	 */
	public static void awaitAnswer(String name, Process process, URI endpoint, Path log, Duration timeout,
			IntPredicate ready) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
			}
			try {
				HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/")).GET().build(),
						HttpResponse.BodyHandlers.discarding());
				if (ready.test(response.statusCode())) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + name, ex);
			}
			sleep();
		}
		process.destroy();
		throw new IllegalStateException(
				name + " did not answer on " + endpoint + " within " + timeout.toSeconds() + " s; see " + log);
	}

	private static Optional<Path> s3MockJar() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			Path candidate = dir.resolve("maintenance-core/target/s3mock/s3mock-exec.jar");
			if (Files.isRegularFile(candidate)) {
				return Optional.of(candidate);
			}
			dir = dir.getParent();
		}
		Path repository = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "adobe", "testing",
				"s3mock", S3MOCK_VERSION, "s3mock-" + S3MOCK_VERSION + "-exec.jar");
		return Files.isRegularFile(repository) ? Optional.of(repository) : Optional.empty();
	}

	private static void sleep() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
