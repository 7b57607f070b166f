package dev.mastodonmaintenance.boot.partition;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the partitions of the partitioned levels run: on this node, or on worker nodes
 * fed through RabbitMQ or a PostgreSQL channel.
 */
@ConfigurationProperties("mastodon.maintenance.partitioning")
public class PartitioningProperties {

	/**
	 * Where partitions run: local (on this node's threads), manager (sent to workers) or
	 * worker (this node runs the partitions managers send).
	 */
	private Mode mode = Mode.LOCAL;

	/**
	 * How managers and workers exchange partition requests: amqp (RabbitMQ) or jdbc (a
	 * table in our schema of Mastodon's database).
	 */
	private Transport transport = Transport.JDBC;

	/**
	 * Name of the queue (amqp) or channel (jdbc) the requests go through; managers and
	 * their workers must use the same.
	 */
	private String queue = "mastodon-maintenance.partitions";

	/**
	 * How often a manager reads the job repository for the partitions' outcome, and how
	 * often an idle jdbc worker looks for a request.
	 */
	private Duration pollInterval = Duration.ofSeconds(5);

	/**
	 * How long a manager waits for all partitions of a level to end before the level
	 * fails; 0 waits without limit.
	 */
	private Duration timeout = Duration.ZERO;

	/**
	 * How many partitions a worker runs at once (one consumer per partition).
	 */
	private int concurrency = 1;

	/**
	 * RabbitMQ to use with the amqp transport, as amqp://user:password@host:port/vhost.
	 */
	private String amqpUrl = "amqp://guest:guest@127.0.0.1:5672";

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public Transport getTransport() {
		return this.transport;
	}

	public void setTransport(Transport transport) {
		this.transport = transport;
	}

	public String getQueue() {
		return this.queue;
	}

	public void setQueue(String queue) {
		this.queue = queue;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException("The poll interval must be positive, not " + pollInterval);
		}
		this.pollInterval = pollInterval;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("The partitions' timeout cannot be negative: " + timeout);
		}
		this.timeout = timeout;
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(int concurrency) {
		if (concurrency < 1) {
			throw new IllegalArgumentException("A worker runs at least 1 partition at once, not " + concurrency);
		}
		this.concurrency = concurrency;
	}

	public String getAmqpUrl() {
		return this.amqpUrl;
	}

	public void setAmqpUrl(String amqpUrl) {
		this.amqpUrl = amqpUrl;
	}

	/**
	 * Where partitions run.
	 */
	public enum Mode {

		/** On this node's threads (the default). */
		LOCAL,

		/**
		 * Sent to worker nodes; this node waits for their outcome in the job repository.
		 */
		MANAGER,

		/** This node runs the partitions managers send. */
		WORKER

	}

	/**
	 * How partition requests travel.
	 */
	public enum Transport {

		/** A RabbitMQ queue. */
		AMQP,

		/** A table in our schema of Mastodon's database, nothing else needed. */
		JDBC

	}

}
