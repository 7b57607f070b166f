package dev.mastodonmaintenance.batch;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.step.Step;

/**
 * Makes the {@link PartitionHandler} of each partitioned level: what runs the partitions'
 * step executions and waits for their outcome. The default runs them on this node, on a
 * bounded pool of the level's {@code partitions} threads; another may send them to worker
 * nodes (Spring Batch Integration's {@code MessageChannelPartitionHandler}), whose
 * workers find the step by name in {@link MaintenanceJob#workerSteps()}.
 * <p>
 * The handler's own grid size is not used: the job cuts each level into the level's
 * {@code grid-size}, a job parameter read as the level's step starts.
 */
@FunctionalInterface
public interface PartitionHandlerFactory {

	/**
	 * Makes the handler of one level, once, as the job is built.
	 * @param level the partitioned level
	 * @param workerStep the step that runs one partition, named
	 * {@link Level#partitionStepName()}
	 * @return the handler
	 */
	PartitionHandler create(Level level, Step workerStep);

	/**
	 * Whether the partitions run on this node, holding their levels' database connections
	 * here: a run whose partitions would need more than this node's pool is then refused
	 * at launch. Handlers that send the partitions to other nodes (a manager's) hold only
	 * one connection at a time for the level, to read its partitions' outcome.
	 * @return {@code true} unless the partitions run elsewhere
	 */
	default boolean runsPartitionsHere() {
		return true;
	}

	/**
	 * The default: partitions run on this node, at most the level's {@code partitions} at
	 * once.
	 * @return the factory of local handlers
	 */
	static PartitionHandlerFactory local() {
		return LocalPartitionHandler::new;
	}

}
