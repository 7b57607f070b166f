package dev.mastodonmaintenance.boot.partition;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A worker node's consumers, started with the application and stopped with it: stopping
 * asks the partitions in hand to stop after their current chunk (they end
 * {@code STOPPED}, so their run ends stopped and its restart resumes them from their
 * checkpoints), waits for them, then acknowledges their requests.
 */
public final class PartitionWorkers implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(PartitionWorkers.class);

	private final PartitionTransport transport;

	private final PartitionWorker worker;

	private final int consumers;

	private volatile boolean running;

	PartitionWorkers(PartitionTransport transport, PartitionWorker worker, int consumers) {
		this.transport = transport;
		this.worker = worker;
		this.consumers = consumers;
	}

	@Override
	public void start() {
		this.transport.check();
		this.transport.consume(this.worker, this.consumers);
		this.running = true;
		logger
			.info("Worker taking partitions from " + this.transport.describe() + ", " + this.consumers + " at a time");
	}

	@Override
	public void stop() {
		this.worker.stop();
		this.transport.stopConsuming();
		this.running = false;
		logger.info("Worker stopped taking partitions from " + this.transport.describe());
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Where this worker takes its requests from.
	 * @return a one-line description
	 */
	public String describe() {
		return this.transport.describe();
	}

}
