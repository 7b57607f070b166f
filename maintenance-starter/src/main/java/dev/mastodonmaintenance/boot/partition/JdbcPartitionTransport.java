package dev.mastodonmaintenance.boot.partition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Partition requests through a table of our schema in Mastodon's database (Spring
 * Integration JDBC's channel message store, PostgreSQL's query provider, migration V9),
 * so that remote partitioning needs nothing the operator does not already run.
 * <p>
 * A worker consumer takes a request with the store's {@code DELETE … FOR UPDATE SKIP
 * LOCKED} in a short transaction that also claims the partition and marks it started
 * ({@link PartitionWorker#accept}); the partition then runs outside it, in chunk
 * transactions of its own, so no transaction stays open on Mastodon's database while it
 * runs (one would hold back vacuum for as long). A worker that dies before that
 * transaction commits gives the request back for another one; one that dies after it
 * leaves its partition started and unclaimed, which the manager marks failed for a
 * restart to re-run.
 */
final class JdbcPartitionTransport implements PartitionTransport {

	/** The store's region: every request of ours, whatever the channel. */
	static final String REGION = "mastodon-maintenance";

	private static final Log logger = LogFactory.getLog(JdbcPartitionTransport.class);

	private final JdbcChannelMessageStore store;

	private final String schema;

	private final String queue;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate taking;

	private final Duration pollInterval;

	private final Object idle = new Object();

	private final List<Thread> consumers = new ArrayList<>();

	private volatile boolean stopped;

	JdbcPartitionTransport(DataSource dataSource, String schema, String queue,
			PlatformTransactionManager transactionManager, Duration pollInterval) {
		this.store = new JdbcChannelMessageStore(dataSource);
		this.store.setTablePrefix(schema + ".int_");
		this.store.setRegion(REGION);
		this.store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
		// the store keeps whole messages, Java-serialized: a message, its headers and our
		// request
		this.store.addAllowedPatterns("java.lang.*", "java.util.*", "org.springframework.messaging.*",
				"org.springframework.messaging.support.*", "org.springframework.integration.support.*",
				"org.springframework.integration.message.*", StepExecutionRequest.class.getName());
		this.store.afterPropertiesSet();
		this.schema = schema;
		this.queue = queue;
		this.jdbc = new JdbcTemplate(dataSource);
		this.taking = new TransactionTemplate(transactionManager);
		this.pollInterval = pollInterval;
	}

	@Override
	public void check() {
		try {
			this.jdbc.queryForObject("SELECT count(*) FROM " + this.schema + ".int_channel_message WHERE region = ?",
					Long.class, REGION);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The PostgreSQL partition channel (table " + this.schema
					+ ".int_channel_message, migration V9) cannot be read: " + ex.getMessage(), ex);
		}
	}

	@Override
	public MessageChannel requests() {
		return new QueueChannel(new MessageGroupQueue(this.store, this.queue));
	}

	@Override
	public synchronized void consume(PartitionWorker worker, int consumers) {
		this.stopped = false;
		for (int i = 1; i <= consumers; i++) {
			Thread consumer = new Thread(() -> consumeUntilStopped(worker), "mastodon-maintenance-worker-" + i);
			consumer.start();
			this.consumers.add(consumer);
		}
	}

	private void consumeUntilStopped(PartitionWorker worker) {
		while (!this.stopped) {
			boolean took;
			try {
				took = takeAndRun(worker);
			}
			catch (RuntimeException ex) {
				// the database is unreachable, say: the request, if any, was given back
				logger.warn("Cannot take a partition request from " + describe() + "; trying again", ex);
				took = false;
			}
			if (!took) {
				synchronized (this.idle) {
					if (!this.stopped) {
						try {
							this.idle.wait(this.pollInterval.toMillis());
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
							return;
						}
					}
				}
			}
		}
	}

	private boolean takeAndRun(PartitionWorker worker) {
		AtomicReference<PartitionWorker.@Nullable Accepted> accepted = new AtomicReference<>();
		Boolean took;
		try {
			took = this.taking.execute((status) -> {
				Message<?> message = this.store.pollMessageFromGroup(this.queue);
				if (message == null) {
					return false;
				}
				accepted.set(worker.accept((StepExecutionRequest) message.getPayload()));
				return true;
			});
		}
		catch (RuntimeException | Error ex) {
			// the request is given back: so is its claim
			releaseQuietly(accepted.get());
			throw ex;
		}
		try (PartitionWorker.Accepted partition = accepted.get()) {
			if (partition != null) {
				partition.run();
			}
		}
		return Boolean.TRUE.equals(took);
	}

	private static void releaseQuietly(PartitionWorker.@Nullable Accepted accepted) {
		if (accepted != null) {
			accepted.close();
		}
	}

	@Override
	public void stopConsuming() {
		List<Thread> threads;
		synchronized (this) {
			this.stopped = true;
			threads = List.copyOf(this.consumers);
			this.consumers.clear();
		}
		synchronized (this.idle) {
			this.idle.notifyAll();
		}
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public String describe() {
		return "PostgreSQL channel " + this.queue + " (" + this.schema + ".int_channel_message)";
	}

}
