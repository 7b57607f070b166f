package dev.mastodonmaintenance.boot.partition;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.integration.amqp.inbound.AmqpInboundChannelAdapter;
import org.springframework.integration.amqp.outbound.AmqpOutboundEndpoint;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.messaging.MessageChannel;

/**
 * Partition requests through a durable RabbitMQ queue (Spring Integration AMQP): the
 * manager publishes to it on the default exchange; each worker consumer takes one request
 * at a time (prefetch 1) and acknowledges it once the partition has ended, so that
 * RabbitMQ gives the request of a worker that dies to another one, which finds the
 * partition {@code STARTED} and unclaimed and fails it ({@link PartitionWorker}).
 */
final class AmqpPartitionTransport implements PartitionTransport {

	/** How long stopping waits for the partitions in hand to end their chunk. */
	static final Duration SHUTDOWN_TIMEOUT = Duration.ofMinutes(10);

	private final ConnectionFactory connectionFactory;

	private final String queue;

	private final BeanFactory beanFactory;

	private @Nullable DirectChannel requests;

	private @Nullable SimpleMessageListenerContainer container;

	AmqpPartitionTransport(ConnectionFactory connectionFactory, String queue, BeanFactory beanFactory) {
		this.connectionFactory = connectionFactory;
		this.queue = queue;
		this.beanFactory = beanFactory;
	}

	@Override
	public void check() {
		try {
			new RabbitAdmin(this.connectionFactory).declareQueue(new Queue(this.queue, true, false, false));
		}
		catch (AmqpException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new IllegalStateException(
					"RabbitMQ at " + this.connectionFactory.getHost() + ":" + this.connectionFactory.getPort()
							+ " is unreachable for the partition queue " + this.queue + ": " + cause.getMessage(),
					ex);
		}
	}

	@Override
	public synchronized MessageChannel requests() {
		if (this.requests == null) {
			RabbitTemplate template = new RabbitTemplate(this.connectionFactory);
			AmqpOutboundEndpoint endpoint = new AmqpOutboundEndpoint(template);
			endpoint.setRoutingKey(this.queue);
			endpoint.setBeanFactory(this.beanFactory);
			endpoint.afterPropertiesSet();
			DirectChannel channel = new DirectChannel();
			channel.subscribe(endpoint);
			this.requests = channel;
		}
		return this.requests;
	}

	@Override
	public synchronized void consume(PartitionWorker worker, int consumers) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(this.connectionFactory);
		container.setQueueNames(this.queue);
		container.setConcurrentConsumers(consumers);
		container.setPrefetchCount(1);
		container.setAcknowledgeMode(AcknowledgeMode.AUTO);
		// a request whose handling failed (the database unreachable) is not requeued in a
		// loop: its partition stays STARTING and the manager's timeout, or a restart,
		// ends it
		container.setDefaultRequeueRejected(false);
		// stopping waits for the partitions in hand, asked to stop at their next chunk
		// (Long.MAX_VALUE would overflow the container's deadline and stop at once)
		container.setShutdownTimeout(SHUTDOWN_TIMEOUT.toMillis());
		SimpleMessageConverter converter = new SimpleMessageConverter();
		converter.setAllowedListPatterns(List.of(StepExecutionRequest.class.getName(), "java.lang.*"));
		AmqpInboundChannelAdapter adapter = new AmqpInboundChannelAdapter(container);
		adapter.setMessageConverter(converter);
		DirectChannel requests = new DirectChannel();
		requests.subscribe((message) -> worker.handle((StepExecutionRequest) message.getPayload()));
		adapter.setOutputChannel(requests);
		adapter.setBeanFactory(this.beanFactory);
		adapter.afterPropertiesSet();
		adapter.start();
		this.container = container;
	}

	@Override
	public synchronized void stopConsuming() {
		if (this.container != null) {
			this.container.stop();
			this.container = null;
		}
	}

	@Override
	public String describe() {
		return "RabbitMQ queue " + this.queue + " at " + this.connectionFactory.getHost() + ":"
				+ this.connectionFactory.getPort();
	}

}
