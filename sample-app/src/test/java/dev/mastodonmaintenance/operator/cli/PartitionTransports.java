package dev.mastodonmaintenance.operator.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The transports of remote partitioning as the tests use them: the machine's RabbitMQ
 * (127.0.0.1:5672, guest/guest), which CI must have, and the PostgreSQL channel; a queue
 * of its own per test, deleted afterwards.
 */
final class PartitionTransports {

	static final String AMQP_URL = "amqp://guest:guest@127.0.0.1:5672";

	private PartitionTransports() {
	}

	/**
	 * A queue name no other test uses.
	 * @param test what it is for
	 * @return the name
	 */
	static String uniqueQueue(String test) {
		return "remote-tests." + test + "." + UUID.randomUUID();
	}

	/**
	 * Skips the test when the transport is RabbitMQ and it is unreachable outside CI; in
	 * CI ({@code CI} set, as {@code .ci/run} sets it) an unreachable RabbitMQ fails it.
	 * @param transport amqp or jdbc
	 */
	static void assumeReachable(String transport) {
		if (!transport.equals("amqp")) {
			return;
		}
		boolean reachable;
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5672), 2000);
			reachable = true;
		}
		catch (IOException ex) {
			reachable = false;
		}
		if (System.getenv("CI") != null && !reachable) {
			throw new IllegalStateException("RabbitMQ is not reachable at 127.0.0.1:5672 in CI (.ci/run starts it)");
		}
		Assumptions.assumeTrue(reachable,
				"RabbitMQ is not reachable at 127.0.0.1:5672 (rabbitmq-server -detached starts it); the amqp "
						+ "transport's test is skipped outside CI");
	}

	/**
	 * The settings of a manager or worker: transport, queue, a short poll interval, a
	 * timeout that fails a level whose partitions never end rather than hang the test,
	 * and small pools.
	 * @param transport amqp or jdbc
	 * @param queue the queue
	 * @param mode manager or worker
	 * @return Spring property arguments
	 */
	static List<String> settings(String transport, String queue, String mode) {
		return List.of("--mastodon.maintenance.partitioning.mode=" + mode,
				"--mastodon.maintenance.partitioning.transport=" + transport,
				"--mastodon.maintenance.partitioning.queue=" + queue,
				"--mastodon.maintenance.partitioning.amqp-url=" + AMQP_URL,
				"--mastodon.maintenance.partitioning.poll-interval=200ms",
				"--mastodon.maintenance.partitioning.timeout=4m",
				// three JVMs and the test's own pools share one embedded PostgreSQL (100
				// connections): no idle connections kept beyond one
				"--spring.datasource.hikari.minimum-idle=1", "--spring.datasource.hikari.maximum-pool-size=6");
	}

	/**
	 * Deletes a test's queue from RabbitMQ (the PostgreSQL channel's rows go with the
	 * test's database).
	 * @param transport amqp or jdbc
	 * @param queue the queue
	 */
	static void delete(String transport, String queue) {
		if (!transport.equals("amqp")) {
			return;
		}
		CachingConnectionFactory connections = new CachingConnectionFactory(URI.create(AMQP_URL));
		try {
			new RabbitAdmin(connections).deleteQueue(queue);
		}
		finally {
			connections.destroy();
		}
	}

}
