package dev.mastodonmaintenance.boot.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Which of the starter's optional client libraries the application has: the AWS SDK for
 * S3 storage and Lettuce for the cache Redis. Mastodon's classes that use them are never
 * loaded without them.
 */
final class OptionalClients {

	static final String S3_CLIENT = "software.amazon.awssdk.services.s3.S3Client";

	static final String REDIS_CLIENT = "io.lettuce.core.RedisClient";

	static final String BATCH_INTEGRATION = "org.springframework.batch.integration.partition.MessageChannelPartitionHandler";

	private static final Log logger = LogFactory.getLog(OptionalClients.class);

	private final boolean s3;

	private final boolean redis;

	private final boolean batchIntegration;

	OptionalClients(@Nullable ClassLoader classLoader) {
		this.s3 = ClassUtils.isPresent(S3_CLIENT, classLoader);
		this.redis = ClassUtils.isPresent(REDIS_CLIENT, classLoader);
		this.batchIntegration = ClassUtils.isPresent(BATCH_INTEGRATION, classLoader);
	}

	/**
	 * Whether the S3 storage can be opened.
	 * @return whether the AWS SDK for S3 is present
	 */
	boolean s3() {
		return this.s3;
	}

	/**
	 * The cache Redis the levels may use: the configured one, unless Lettuce is absent.
	 * @param configured {@code mastodon.maintenance.cache-redis-url}
	 * @return the URL, or {@code null}
	 */
	@Nullable String cacheRedisUrl(@Nullable String configured) {
		if (configured != null && !this.redis) {
			logger.warn("mastodon.maintenance.cache-redis-url is set but Lettuce (io.lettuce:lettuce-core) is not on "
					+ "the classpath: cache-clear is skipped and media-remove leaves cached statuses to expire");
			return null;
		}
		return configured;
	}

	/**
	 * Refuses a remote partitioning mode without Spring Batch Integration, whose
	 * auto-configuration would otherwise back off and leave the node local in silence.
	 * @param mode {@code mastodon.maintenance.partitioning.mode}
	 * @throws IllegalStateException naming what is missing
	 */
	void checkPartitioning(String mode) {
		if (!mode.equalsIgnoreCase("local") && !this.batchIntegration) {
			throw new IllegalStateException("mastodon.maintenance.partitioning.mode=" + mode + " needs Spring Batch "
					+ "Integration (org.springframework.batch:spring-batch-integration) and a transport's libraries "
					+ "on the class path");
		}
	}

}
