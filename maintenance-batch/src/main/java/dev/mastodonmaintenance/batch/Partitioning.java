package dev.mastodonmaintenance.batch;

import java.util.Set;

/**
 * How a partitioned level's work is cut and run, from its {@code grid-size} and
 * {@code partitions} options ({@code media-remove.grid-size}).
 * <p>
 * {@code grid-size} is how many partitions the level's work is cut into (Spring Batch's
 * term); 1, the default, runs the level as one plain step, exactly as without
 * partitioning. {@code partitions} is how many of them run at once on this node, each on
 * a thread of a bounded pool and holding the connections the level holds; by default the
 * smaller of the grid size and {@value #DEFAULT_PARTITIONS}.
 *
 * @param gridSize how many partitions the work is cut into, from 1 to
 * {@value #MAX_GRID_SIZE}
 * @param partitions how many run at once on this node, from 1 to {@value #MAX_PARTITIONS}
 */
public record Partitioning(int gridSize, int partitions) {

	/** The option of the number of partitions the work is cut into. */
	public static final String GRID_SIZE = "grid-size";

	/** The option of the number of partitions run at once on this node. */
	public static final String PARTITIONS = "partitions";

	/** The names of both options. */
	public static final Set<String> NAMES = Set.of(GRID_SIZE, PARTITIONS);

	/**
	 * The most partitions a level's work is cut into: each is a step execution in the job
	 * repository, and a window of its walk at least.
	 */
	public static final int MAX_GRID_SIZE = 256;

	/**
	 * The most partitions run at once on one node: each holds a thread and the level's
	 * connections.
	 */
	public static final int MAX_PARTITIONS = 64;

	/** The partitions run at once on one node when not given, at most the grid size. */
	public static final int DEFAULT_PARTITIONS = 4;

	/**
	 * Reads a level's partitioning options.
	 * @param parameters the level's parameters
	 * @return the partitioning
	 * @throws IllegalArgumentException naming the parameter and what it accepts
	 */
	public static Partitioning of(LevelParameters parameters) {
		int gridSize = parameters.integer(GRID_SIZE, 1, 1, MAX_GRID_SIZE);
		int partitions = parameters.integer(PARTITIONS, Math.min(gridSize, DEFAULT_PARTITIONS), 1, MAX_PARTITIONS);
		return new Partitioning(gridSize, partitions);
	}

	/**
	 * Whether the level is cut at all.
	 * @return {@code true} for a grid size above 1
	 */
	public boolean partitioned() {
		return this.gridSize > 1;
	}

	/**
	 * How many partitions run at once: no more threads than partitions.
	 * @return the smaller of {@link #partitions()} and {@link #gridSize()}
	 */
	public int concurrentPartitions() {
		return Math.min(this.partitions, this.gridSize);
	}

}
