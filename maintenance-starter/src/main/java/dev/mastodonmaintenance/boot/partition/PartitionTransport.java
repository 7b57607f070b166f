package dev.mastodonmaintenance.boot.partition;

import org.springframework.messaging.MessageChannel;

/**
 * How partition requests travel from a manager to the workers: a channel the manager
 * sends to, and consumers that hand each request to a {@link PartitionWorker} and
 * acknowledge it only once the worker has returned (its partition ended), one request at
 * a time per consumer.
 */
interface PartitionTransport {

	/**
	 * Makes sure the transport can be used (the broker answers, the queue or table is
	 * there), so that a node misconfigured fails as it starts.
	 * @throws IllegalStateException naming what is unreachable
	 */
	void check();

	/**
	 * The channel a manager sends the requests to.
	 * @return the channel
	 */
	MessageChannel requests();

	/**
	 * Starts consuming requests.
	 * @param worker who runs them
	 * @param consumers how many requests at once
	 */
	void consume(PartitionWorker worker, int consumers);

	/**
	 * Stops consuming: returns once the requests in hand are handled (and acknowledged).
	 */
	void stopConsuming();

	/**
	 * A one-line description, for the logs.
	 * @return where the requests go
	 */
	String describe();

}
