package dev.mastodonmaintenance.batch;

import java.util.List;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A level whose work can be cut into disjoint partitions, each run as a step execution of
 * its own ({@link Level#partitionStepName()}) with its own checkpoint, side by side on a
 * bounded pool or on worker nodes. Its options include {@link Partitioning#NAMES}; with a
 * grid size of 1 it runs as one plain step, as any other level.
 * <p>
 * A partition's work is {@link #open opened} as the level's, and finds its bounds in its
 * step's execution context, where {@link #partition} put them: its checkpoint from the
 * start.
 *
 * @param <O> the type of the level's options
 */
public interface PartitionedLevel<O> extends LevelDefinition<O> {

	/**
	 * Cuts the level's work into disjoint partitions covering all of it, with cheap
	 * statements only (no statement may read a whole large table).
	 * @param options the level's options
	 * @param parameters the job's parameters
	 * @param gridSize how many partitions are wanted, at least 2
	 * @return each partition's starting execution context holding its bounds; at least
	 * one, at most {@code gridSize}
	 */
	List<ExecutionContext> partition(O options, MaintenanceParameters parameters, int gridSize);

	/**
	 * What one partition covers, in words an operator reads beside it, kept in its
	 * context as it is cut.
	 * @param partition a partition's starting execution context, as {@link #partition}
	 * made it
	 * @return the description; by default the partition's range of ids
	 */
	default String describe(ExecutionContext partition) {
		return IdRange.of(partition).description();
	}

	/**
	 * The keys of the level's own counters ({@link LevelReport#count(String, long)}) that
	 * add up over partitions, beside the figures every level reports.
	 * @return the keys
	 */
	default Set<String> counters() {
		return Set.of();
	}

	/**
	 * Merges into the level's total what is not a counter, such as a list of domains,
	 * once per partition.
	 * @param total the manager step's execution context
	 * @param partition one partition's execution context
	 */
	default void merge(ExecutionContext total, ExecutionContext partition) {
	}

	/**
	 * Whether the level has work left once every partition has completed, which runs once
	 * in the manager step, from the checkpoint {@link #afterPartitions} prepared (the
	 * later phases of {@code statuses-remove}).
	 * @return {@code false} unless the level has such work
	 */
	default boolean continuesAfterPartitions() {
		return false;
	}

	/**
	 * Prepares the manager step's checkpoint for the work left once every partition has
	 * completed.
	 * @param total the manager step's execution context, holding the merged figures
	 */
	default void afterPartitions(ExecutionContext total) {
	}

}
