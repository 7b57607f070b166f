package dev.mastodonmaintenance.batch;

import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.IdRanges;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The range of primary-key ids one partition of a table level walks, kept in the
 * partition's execution context: the ids above {@code afterId} up to {@code upToId}
 * inclusive. A level's step that is not a partition walks {@link #ALL}.
 *
 * @param afterId the ids walked are above this one
 * @param upToId the last id walked, inclusive; {@link Long#MAX_VALUE} for no bound
 */
public record IdRange(long afterId, long upToId) {

	/** Every id: the walk of a step that is not a partition. */
	public static final IdRange ALL = new IdRange(0, Long.MAX_VALUE);

	static final String AFTER_ID = "partition.after-id";

	static final String UP_TO_ID = "partition.up-to-id";

	/**
	 * The range of a step execution: its partition's, or all ids.
	 * @param context the step's execution context
	 * @return the range
	 */
	public static IdRange of(ExecutionContext context) {
		return context.containsKey(UP_TO_ID) ? new IdRange(context.getLong(AFTER_ID), context.getLong(UP_TO_ID)) : ALL;
	}

	/**
	 * The partitions of a table's ids: ranges of about as many rows each, covering every
	 * id from the start to the end, the last one without an upper bound (rows added
	 * since, as a walk of the whole table would reach them).
	 * @param ranges the cutter of the table
	 * @param gridSize how many partitions are wanted
	 * @return each partition's starting context, at least one
	 */
	public static List<ExecutionContext> partitions(IdRanges ranges, int gridSize) {
		return partitions(ranges, gridSize, Long.MAX_VALUE);
	}

	/**
	 * The partitions of a table's ids for a walk that stops below a limit: balanced over
	 * the ids below it, the last one still without an upper bound.
	 * @param ranges the cutter of the table
	 * @param gridSize how many partitions are wanted
	 * @param below the walk never reaches this id
	 * @return each partition's starting context, at least one
	 */
	public static List<ExecutionContext> partitions(IdRanges ranges, int gridSize, long below) {
		List<ExecutionContext> partitions = new ArrayList<>();
		long after = ALL.afterId();
		for (long bound : ranges.bounds(gridSize, below)) {
			partitions.add(new IdRange(after, bound).context());
			after = bound;
		}
		partitions.add(new IdRange(after, Long.MAX_VALUE).context());
		return partitions;
	}

	/**
	 * Whether a step execution is a partition's, walking a range of ids.
	 * @param context the step's execution context
	 * @return {@code true} for a partition
	 */
	public static boolean isPartition(ExecutionContext context) {
		return context.containsKey(UP_TO_ID);
	}

	/**
	 * Whether the walk has reached the end of the range.
	 * @param lastId the last id walked
	 * @return {@code true} once {@code lastId} is the range's last
	 */
	public boolean done(long lastId) {
		return lastId >= this.upToId;
	}

	/**
	 * The range in words.
	 * @return such as {@code ids above 1000, up to 2000}
	 */
	public String description() {
		if (this.upToId == Long.MAX_VALUE) {
			return (this.afterId <= 0) ? "every id" : "ids above " + this.afterId;
		}
		return (this.afterId <= 0) ? "ids up to " + this.upToId
				: "ids above " + this.afterId + ", up to " + this.upToId;
	}

	private ExecutionContext context() {
		ExecutionContext context = new ExecutionContext();
		context.putLong(AFTER_ID, this.afterId);
		context.putLong(UP_TO_ID, this.upToId);
		return context;
	}

}
