package dev.mastodonmaintenance.batch.faults;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.mastodonmaintenance.storage.S3Settings;

/**
 * What the fault matrix's runs share, in the test's JVM and in the child's: the job's
 * parameters, small batch sizes so that every level takes several chunks, and the S3
 * settings, small DeleteObjects requests two at a time so that a chunk's batch of keys
 * takes more than one request.
 */
final class FaultMatrix {

	/** The job parameters of every run, besides its launch instant. */
	static final String[] PARAMETERS = { "cache-clear.batch-size=5", "preview-cards-remove.batch-size=4",
			"media-remove.batch-size=4", "media-remove-orphans.batch-size=8", "media-remove-orphans.min-age=1h",
			"accounts-cull.batch-size=4", "accounts-cull.concurrency=2", "statuses-remove.batch-size=4",
			"statuses-remove.concurrency=2" };

	/**
	 * Added to {@link #PARAMETERS} for the points of a partitioned run: every level that
	 * can be cut in three partitions, two at a time.
	 */
	static final String[] PARTITIONED = { "preview-cards-remove.grid-size=3", "preview-cards-remove.partitions=2",
			"media-remove.grid-size=3", "media-remove.partitions=2", "media-remove-orphans.grid-size=3",
			"media-remove-orphans.partitions=2", "accounts-cull.grid-size=3", "accounts-cull.partitions=2",
			"statuses-remove.grid-size=3", "statuses-remove.partitions=2" };

	/** The cull's remote server listens on loopback. */
	static final List<String> ALLOWED_PRIVATE = List.of("127.0.0.1");

	private FaultMatrix() {
	}

	static S3Settings s3Settings(String endpoint, String bucket, String accessKey, String secretKey) {
		return new S3Settings(bucket, URI.create(endpoint), "us-east-1", "", true, accessKey, secretKey, 3, 3, 2,
				Duration.ofSeconds(5), Duration.ofSeconds(30));
	}

}
