package dev.mastodonmaintenance.batch.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.mastodonmaintenance.testing.TestRedis;
import dev.mastodonmaintenance.testing.TestS3;

/**
 * S3Proxy, an S3 API server in Java, over jclouds' in-memory ("transient") blob store,
 * started as a child JVM on a free loopback port and stopped when the benchmark's JVM
 * exits. The benchmark runs on it rather than on the tests' S3Mock because S3Mock's work
 * per key grows with the number of objects in the bucket, which at 10,000 media makes
 * both sides measure the server rather than their requests. The jar is the one the
 * {@code media-remove-benchmark} profile fetches, named by the system property
 * {@code benchmark.s3proxy-jar}.
 */
final class S3ProxyServer {

	private static final String KEY = "benchmark";

	private S3ProxyServer() {
	}

	static TestS3 start() {
		Path jar = Path.of(System.getProperty("benchmark.s3proxy-jar", "maintenance-batch/target/s3proxy/s3proxy.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("S3Proxy's jar is not at " + jar.toAbsolutePath()
					+ ": run the benchmark through its Maven profile (-Pmedia-remove-benchmark), which fetches it");
		}
		URI endpoint = URI.create("http://127.0.0.1:" + TestRedis.freePort());
		try {
			Path dir = Files.createTempDirectory("s3proxy");
			Path properties = dir.resolve("s3proxy.properties");
			// S3Proxy refuses the x-amz-checksum-crc32 header the SDK sends with
			// DeleteObjects (which S3 requires
			// a checksum for) as not implemented; ignored, the request is served as S3
			// serves it
			Files.write(properties,
					List.of("s3proxy.endpoint=" + endpoint, "s3proxy.authorization=aws-v2-or-v4",
							"s3proxy.identity=" + KEY, "s3proxy.credential=" + KEY,
							"s3proxy.ignore-unknown-headers=true", "jclouds.provider=transient"));
			Path log = dir.resolve("s3proxy.log");
			Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx" + System.getProperty("benchmark.s3proxy-heap", "1g"), "-jar", jar.toString(), "--properties",
					properties.toString())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
			// any answer will do: an anonymous request is refused once the server listens
			TestS3.awaitAnswer("S3Proxy", process, endpoint, log, Duration.ofSeconds(60), (status) -> true);
			return TestS3.at(endpoint, KEY, KEY);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start S3Proxy from " + jar, ex);
		}
	}

}
