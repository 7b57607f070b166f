package dev.mastodonmaintenance.boot.partition;

import dev.mastodonmaintenance.batch.PartitionClaims;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;

/**
 * The manager's side of a partitioned level: Spring Batch Integration's
 * {@link MessageChannelPartitionHandler} sends one {@code StepExecutionRequest} per
 * partition to the workers and learns their outcome by polling the job repository (no
 * reply channel: the repository is the one place every node writes to). While it waits,
 * {@link LostPartitions} fails the partitions whose worker died, which would otherwise
 * stay {@code STARTED} and keep the manager waiting for ever.
 */
final class RemotePartitionHandler implements PartitionHandler {

	private static final Log logger = LogFactory.getLog(RemotePartitionHandler.class);

	private final MessageChannelPartitionHandler handler;

	private final LostPartitions lost;

	private final Duration pollInterval;

	/**
	 * Creates the handler of one partitioned level.
	 * @param workerStepName the step the workers run for each partition
	 * @param gridSize the grid size the splitter is called with
	 * @param requests where the requests go
	 * @param repository the shared job repository
	 * @param claims the partitions' claims
	 * @param properties the poll interval and timeout
	 */
	RemotePartitionHandler(String workerStepName, int gridSize, MessageChannel requests, JobRepository repository,
			PartitionClaims claims, PartitioningProperties properties) {
		this.handler = new MessageChannelPartitionHandler();
		this.handler.setStepName(workerStepName);
		this.handler.setGridSize(gridSize);
		this.handler.setJobRepository(repository);
		this.handler.setMessagingOperations(new MessagingTemplate(requests));
		this.handler.setPollInterval(properties.getPollInterval().toMillis());
		this.handler.setTimeout(properties.getTimeout().isZero() ? -1 : properties.getTimeout().toMillis());
		try {
			this.handler.afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot set up the remote partitions of " + workerStepName, ex);
		}
		this.lost = new LostPartitions(repository, claims);
		this.pollInterval = properties.getPollInterval();
	}

	@Override
	public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
		ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "mastodon-maintenance-partition-watch");
			thread.setDaemon(true);
			return thread;
		});
		watch.scheduleWithFixedDelay(() -> watch(manager), this.pollInterval.toMillis(), this.pollInterval.toMillis(),
				TimeUnit.MILLISECONDS);
		try {
			return this.handler.handle(splitter, manager);
		}
		finally {
			watch.shutdownNow();
		}
	}

	private void watch(StepExecution manager) {
		try {
			this.lost.failLost(manager.getJobExecutionId(), manager.getId());
		}
		catch (RuntimeException ex) {
			// the next round tries again; the wait itself goes on
			logger.warn("Cannot check the partitions of " + manager.getStepName() + " for lost workers", ex);
		}
	}

}
