package dev.mastodonmaintenance.batch.accounts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The domains one partition of {@code accounts-cull} checks: those whose hash falls in
 * its bucket, so that every account of a domain is in the same partition and the domain's
 * per-domain limit and its skipping once unreachable hold as in one step. The hash is the
 * CRC-32 of the domain's UTF-8 bytes as Mastodon stores it: the same on every JVM and
 * node, so a restart or a worker finds the same buckets.
 *
 * @param bucket this partition's bucket, from 0
 * @param buckets how many buckets there are
 */
record DomainBucket(int bucket, int buckets) {

	static final String BUCKET = "partition.domain-bucket";

	static final String BUCKETS = "partition.domain-buckets";

	/**
	 * The bucket of a step execution.
	 * @param context the step's execution context
	 * @return its bucket, or {@code null} for a step that is not a partition (every
	 * domain)
	 */
	static @Nullable DomainBucket of(ExecutionContext context) {
		return context.containsKey(BUCKETS) ? new DomainBucket(context.getInt(BUCKET), context.getInt(BUCKETS)) : null;
	}

	/**
	 * The partitions of a cull: one per bucket.
	 * @param buckets how many
	 * @return their starting contexts
	 */
	static List<ExecutionContext> partitions(int buckets) {
		List<ExecutionContext> partitions = new ArrayList<>();
		for (int i = 0; i < buckets; i++) {
			ExecutionContext context = new ExecutionContext();
			context.putInt(BUCKET, i);
			context.putInt(BUCKETS, buckets);
			partitions.add(context);
		}
		return partitions;
	}

	String description() {
		return "domains whose hash is in bucket " + this.bucket + " of " + this.buckets;
	}

	boolean holds(String domain) {
		CRC32 crc = new CRC32();
		crc.update(domain.getBytes(StandardCharsets.UTF_8));
		return crc.getValue() % this.buckets == this.bucket;
	}

}
