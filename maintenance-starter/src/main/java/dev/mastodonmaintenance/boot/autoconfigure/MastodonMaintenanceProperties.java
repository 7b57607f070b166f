package dev.mastodonmaintenance.boot.autoconfigure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.batch.MaintenanceJob;
import dev.mastodonmaintenance.batch.schema.MaintenanceSchema;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Configuration of the maintenance job embedded by the starter.
 */
@ConfigurationProperties("mastodon.maintenance")
public class MastodonMaintenanceProperties implements EnvironmentAware, InitializingBean {

	/**
	 * Whether to set up the maintenance job and its facade.
	 */
	private boolean enabled = true;

	/**
	 * Schema of Mastodon's database that holds the job repository and the deletion
	 * manifest.
	 */
	private String schema = MaintenanceSchema.DEFAULT_NAME;

	/**
	 * Whether to create and upgrade the schema with its migrations at startup.
	 */
	private boolean migrateSchema = true;

	/**
	 * Redis of Mastodon's Rails cache (CACHE_REDIS_URL, else REDIS_URL); the cache-clear
	 * level is skipped without it.
	 */
	private @Nullable String cacheRedisUrl;

	/**
	 * Comma-separated list of IPs and CIDR ranges that outgoing requests may reach
	 * although private (Mastodon's ALLOWED_PRIVATE_ADDRESSES).
	 */
	private List<String> allowedPrivateAddresses = new ArrayList<>();

	/**
	 * Default options of each level, by level (its step name, such as media-remove) and
	 * tootctl option name (such as days); a run's own options override them.
	 */
	@NestedConfigurationProperty
	private final MastodonMaintenanceLevels levels = new MastodonMaintenanceLevels();

	/**
	 * How long a stop on shutdown waits for the running execution to reach the end of its
	 * chunk.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	/**
	 * How long the end of a step or of a run retries saving its status while Mastodon's
	 * database is unreachable (restarting, failing over), so that the run ends FAILED and
	 * restartable once it is back.
	 */
	private Duration outageWait = MaintenanceJob.DEFAULT_OUTAGE_WAIT;

	private @Nullable Environment environment;

	private final Storage storage = new Storage();

	private final Manifest manifest = new Manifest();

	private final Schedule schedule = new Schedule();

	private final Rest rest = new Rest();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = schema;
	}

	public boolean isMigrateSchema() {
		return this.migrateSchema;
	}

	public void setMigrateSchema(boolean migrateSchema) {
		this.migrateSchema = migrateSchema;
	}

	public @Nullable String getCacheRedisUrl() {
		return this.cacheRedisUrl;
	}

	public void setCacheRedisUrl(@Nullable String cacheRedisUrl) {
		this.cacheRedisUrl = cacheRedisUrl;
	}

	public List<String> getAllowedPrivateAddresses() {
		return this.allowedPrivateAddresses;
	}

	public void setAllowedPrivateAddresses(List<String> allowedPrivateAddresses) {
		this.allowedPrivateAddresses = allowedPrivateAddresses;
	}

	public MastodonMaintenanceLevels getLevels() {
		return this.levels;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Duration getOutageWait() {
		return this.outageWait;
	}

	public void setOutageWait(Duration outageWait) {
		this.outageWait = outageWait;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Refuses an unknown level or option under {@code levels}, which binding would
	 * ignore.
	 */
	@Override
	public void afterPropertiesSet() {
		if (this.environment != null) {
			this.levels.checkNames(this.environment);
		}
	}

	public Storage getStorage() {
		return this.storage;
	}

	public Manifest getManifest() {
		return this.manifest;
	}

	public Schedule getSchedule() {
		return this.schedule;
	}

	public Rest getRest() {
		return this.rest;
	}

	/**
	 * Mastodon's media storage.
	 */
	public static class Storage {

		/**
		 * Kind of storage; detected from what is set when absent: s3 when an S3 bucket is
		 * set, filesystem when a root is set, none otherwise (the levels that remove
		 * files are then skipped).
		 */
		private @Nullable StorageType type;

		/**
		 * Root directory of the filesystem storage (Mastodon's PAPERCLIP_ROOT_PATH).
		 */
		private @Nullable Path root;

		private final S3 s3 = new S3();

		public @Nullable StorageType getType() {
			return this.type;
		}

		public void setType(@Nullable StorageType type) {
			this.type = type;
		}

		public @Nullable Path getRoot() {
			return this.root;
		}

		public void setRoot(@Nullable Path root) {
			this.root = root;
		}

		public S3 getS3() {
			return this.s3;
		}

	}

	/**
	 * Kinds of media storage.
	 */
	public enum StorageType {

		/** No storage: the levels that remove files are skipped. */
		NONE,

		/** Files under a root directory (PAPERCLIP_ROOT_PATH). */
		FILESYSTEM,

		/** An S3-compatible bucket (S3_ENABLED=true). */
		S3

	}

	/**
	 * S3-compatible storage, named after Mastodon's S3_* variables.
	 */
	public static class S3 {

		/**
		 * Bucket Mastodon stores media in (S3_BUCKET).
		 */
		private @Nullable String bucket;

		/**
		 * Endpoint of an S3-compatible service (S3_ENDPOINT); AWS when absent.
		 */
		private @Nullable URI endpoint;

		/**
		 * Region (S3_REGION).
		 */
		private String region = "us-east-1";

		/**
		 * Prefix Mastodon puts before every key (S3_KEY_PREFIX).
		 */
		private String keyPrefix = "";

		/**
		 * Whether to address the bucket in the path rather than the host name; by
		 * default, whenever an endpoint is set (Mastodon's S3_OVERRIDE_PATH_STYLE=true
		 * means false).
		 */
		private @Nullable Boolean pathStyle;

		/**
		 * Access key id (AWS_ACCESS_KEY_ID); the SDK's default credentials when absent.
		 */
		private @Nullable String accessKeyId;

		/**
		 * Secret access key (AWS_SECRET_ACCESS_KEY).
		 */
		private @Nullable String secretAccessKey;

		/**
		 * Most keys one DeleteObjects request removes (S3_BATCH_DELETE_LIMIT), at most
		 * 1000.
		 */
		private int batchDeleteLimit = 1000;

		/**
		 * Retries of a failed DeleteObjects request (S3_BATCH_DELETE_RETRY).
		 */
		private int batchDeleteRetry = 3;

		/**
		 * DeleteObjects requests in flight at once (S3_BATCH_DELETE_CONCURRENCY, ours).
		 */
		private int batchDeleteConcurrency = 4;

		/**
		 * Connection timeout (S3_OPEN_TIMEOUT).
		 */
		private Duration openTimeout = Duration.ofSeconds(5);

		/**
		 * Read timeout (S3_READ_TIMEOUT).
		 */
		private Duration readTimeout = Duration.ofSeconds(5);

		/**
		 * Wait before the first retry of a failed request, doubling at each retry
		 * (S3_RETRY_BACKOFF, ours).
		 */
		private Duration retryBackoff = Duration.ofSeconds(2);

		/**
		 * Wait before the first retry of a request the server throttled with SlowDown or
		 * 429, doubling at each retry (S3_SLOW_DOWN_BACKOFF, ours).
		 */
		private Duration slowDownBackoff = Duration.ofSeconds(10);

		/**
		 * Longest time one request may take with all its attempts and waits; then it
		 * fails and its objects stay pending for the restart (S3_RETRY_BUDGET, ours).
		 */
		private Duration retryBudget = Duration.ofMinutes(10);

		public @Nullable String getBucket() {
			return this.bucket;
		}

		public void setBucket(@Nullable String bucket) {
			this.bucket = bucket;
		}

		public @Nullable URI getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable URI endpoint) {
			this.endpoint = endpoint;
		}

		public String getRegion() {
			return this.region;
		}

		public void setRegion(String region) {
			this.region = region;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public @Nullable Boolean getPathStyle() {
			return this.pathStyle;
		}

		public void setPathStyle(@Nullable Boolean pathStyle) {
			this.pathStyle = pathStyle;
		}

		public @Nullable String getAccessKeyId() {
			return this.accessKeyId;
		}

		public void setAccessKeyId(@Nullable String accessKeyId) {
			this.accessKeyId = accessKeyId;
		}

		public @Nullable String getSecretAccessKey() {
			return this.secretAccessKey;
		}

		public void setSecretAccessKey(@Nullable String secretAccessKey) {
			this.secretAccessKey = secretAccessKey;
		}

		public int getBatchDeleteLimit() {
			return this.batchDeleteLimit;
		}

		public void setBatchDeleteLimit(int batchDeleteLimit) {
			this.batchDeleteLimit = batchDeleteLimit;
		}

		public int getBatchDeleteRetry() {
			return this.batchDeleteRetry;
		}

		public void setBatchDeleteRetry(int batchDeleteRetry) {
			this.batchDeleteRetry = batchDeleteRetry;
		}

		public int getBatchDeleteConcurrency() {
			return this.batchDeleteConcurrency;
		}

		public void setBatchDeleteConcurrency(int batchDeleteConcurrency) {
			this.batchDeleteConcurrency = batchDeleteConcurrency;
		}

		public Duration getOpenTimeout() {
			return this.openTimeout;
		}

		public void setOpenTimeout(Duration openTimeout) {
			this.openTimeout = openTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public Duration getRetryBackoff() {
			return this.retryBackoff;
		}

		public void setRetryBackoff(Duration retryBackoff) {
			this.retryBackoff = retryBackoff;
		}

		public Duration getSlowDownBackoff() {
			return this.slowDownBackoff;
		}

		public void setSlowDownBackoff(Duration slowDownBackoff) {
			this.slowDownBackoff = slowDownBackoff;
		}

		public Duration getRetryBudget() {
			return this.retryBudget;
		}

		public void setRetryBudget(Duration retryBudget) {
			this.retryBudget = retryBudget;
		}

	}

	/**
	 * The deletion manifest: what each run removed.
	 */
	public static class Manifest {

		/**
		 * How many job executions the deletion manifest keeps entries of; older ones are
		 * dropped at the start of each run.
		 */
		private int keepRuns = 30;

		public int getKeepRuns() {
			return this.keepRuns;
		}

		public void setKeepRuns(int keepRuns) {
			this.keepRuns = keepRuns;
		}

	}

	/**
	 * Runs started on a schedule.
	 */
	public static class Schedule {

		/**
		 * Cron expression of scheduled runs, Spring's six fields (second minute hour day
		 * month weekday) or a macro such as @daily; no scheduled runs when absent.
		 */
		private @Nullable String cron;

		/**
		 * Time zone the cron expression is read in; the JVM's when absent.
		 */
		private @Nullable ZoneId zone;

		/**
		 * Comma-separated list of the levels a scheduled run does (step names); all when
		 * empty.
		 */
		private List<String> levels = new ArrayList<>();

		/**
		 * Whether scheduled runs are dry runs.
		 */
		private boolean dryRun;

		/**
		 * Whether a scheduled run first resumes the last execution when it failed or was
		 * left running by a node that no longer runs it (the slot is then spent on the
		 * resumed run).
		 */
		private boolean resume = true;

		public boolean isResume() {
			return this.resume;
		}

		public void setResume(boolean resume) {
			this.resume = resume;
		}

		public @Nullable String getCron() {
			return this.cron;
		}

		public void setCron(@Nullable String cron) {
			this.cron = cron;
		}

		public @Nullable ZoneId getZone() {
			return this.zone;
		}

		public void setZone(@Nullable ZoneId zone) {
			this.zone = zone;
		}

		public List<String> getLevels() {
			return this.levels;
		}

		public void setLevels(List<String> levels) {
			this.levels = levels;
		}

		public boolean isDryRun() {
			return this.dryRun;
		}

		public void setDryRun(boolean dryRun) {
			this.dryRun = dryRun;
		}

	}

	/**
	 * The JSON API over the facade.
	 */
	public static class Rest {

		/**
		 * Whether to expose the JSON API (a servlet web application is needed).
		 */
		private boolean enabled;

		/**
		 * Path the JSON API is mapped under.
		 */
		private String basePath = "/mastodon-maintenance/api";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getBasePath() {
			return this.basePath;
		}

		public void setBasePath(String basePath) {
			this.basePath = basePath;
		}

	}

}
