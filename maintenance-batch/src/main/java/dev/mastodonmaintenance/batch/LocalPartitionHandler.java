package dev.mastodonmaintenance.batch;

import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs a level's partitions on this node, on a pool of the level's {@code partitions}
 * threads made for the step execution and shut down after it: no thread is kept between
 * runs.
 */
final class LocalPartitionHandler implements PartitionHandler {

	private final Level level;

	private final Step workerStep;

	LocalPartitionHandler(Level level, Step workerStep) {
		this.level = level;
		this.workerStep = workerStep;
	}

	@Override
	public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution managerExecution)
			throws Exception {
		Partitioning partitioning = new MaintenanceParameters(managerExecution.getJobParameters()).of(this.level)
			.partitioning();
		AtomicInteger threads = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(partitioning.concurrentPartitions(), (task) -> {
			Thread thread = new Thread(task, this.level.partitionStepName() + "-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		try {
			TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
			handler.setStep(this.workerStep);
			handler.setTaskExecutor(pool::execute);
			handler.setGridSize(partitioning.gridSize());
			handler.afterPropertiesSet();
			return handler.handle(splitter, managerExecution);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
