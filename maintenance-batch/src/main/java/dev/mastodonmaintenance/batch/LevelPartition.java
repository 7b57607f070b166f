package dev.mastodonmaintenance.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition of a partitioned level as the job repository holds it, for those who
 * watch a run: the share of the level's work it was cut, the node that ran it last, and
 * its latest step execution. The work itself reads neither text.
 *
 * @param number the partition's number, from 0
 * @param share what it covers, as its level describes it (such as {@code ids above 1000,
 * up to 2000}); {@code null} for a partition cut by a version that did not record it
 * @param node the host and process that ran it last; {@code null} before one started it
 * @param execution its latest step execution: of the job execution read or, for a
 * partition that an earlier execution of the run completed, of that one
 */
public record LevelPartition(int number, @Nullable String share, @Nullable String node, StepExecution execution) {

	/** The key, in a partition's execution context, of its share. */
	static final String SHARE = "partition.share";

	/** The key, in a partition's execution context, of the node that runs it. */
	static final String NODE = "partition.node";

	/**
	 * The key, in a level's step context, marking that it holds its partitions' figures
	 * summed.
	 */
	static final String SUMMED = "partition.summed";

	/**
	 * This node as an operator finds it: the host name the kernel reports (without a name
	 * lookup, which can hang where DNS is broken) and the process id.
	 */
	private static final String THIS_NODE = hostName() + " (pid " + ProcessHandle.current().pid() + ")";

	/**
	 * Whether a level's step holds the figures of its partitions, summed as they ended:
	 * whoever adds up a job execution's figures then leaves the partitions' own out, or
	 * counts them twice. Until then (the partitions still running, or the node running
	 * the level gone before they ended) the partitions' figures are the only ones.
	 * @param levelContext the execution context of a level's step
	 * @return {@code true} once its partitions' figures are summed in it
	 */
	public static boolean summedIn(ExecutionContext levelContext) {
		return levelContext.containsKey(SUMMED) || levelContext.containsKey(PartitionAggregator.AGGREGATED);
	}

	/**
	 * The partitions of a level's step execution, in the order they were cut.
	 * @param manager the level's step execution
	 * @param steps every step execution of the same job execution
	 * @param earlier the last step execution of a partition's name in the run (such as
	 * {@code media-remove-partition:3}), asked for a partition that this job execution
	 * did not start as an earlier one had completed it
	 * @return the partitions; empty for a step not cut into partitions
	 */
	public static List<LevelPartition> of(StepExecution manager, Collection<StepExecution> steps,
			Function<String, @Nullable StepExecution> earlier) {
		Level level = Level.ofExecutionName(manager.getStepName());
		if (level == null || Level.isPartition(manager.getStepName())) {
			return List.of();
		}
		Map<String, StepExecution> latest = latest(level, steps);
		List<LevelPartition> partitions = new ArrayList<>();
		for (String name : LevelSplitter.names(manager.getExecutionContext())) {
			String stepName = level.partitionStepName() + ":" + name;
			StepExecution execution = latest.get(stepName);
			if (execution == null) {
				execution = earlier.apply(stepName);
			}
			if (execution != null) {
				ExecutionContext context = execution.getExecutionContext();
				partitions.add(new LevelPartition(Level.partitionNumber(stepName), text(context, SHARE),
						text(context, NODE), execution));
			}
		}
		return partitions;
	}

	/**
	 * The latest step execution of each partition of a level among those of one job
	 * execution, by step name.
	 */
	static Map<String, StepExecution> latest(Level level, Collection<StepExecution> steps) {
		Map<String, StepExecution> latest = new HashMap<>();
		for (StepExecution step : steps) {
			if (Level.isPartition(step.getStepName()) && level == Level.ofExecutionName(step.getStepName())) {
				latest.merge(step.getStepName(), step, (a, b) -> (a.getId() > b.getId()) ? a : b);
			}
		}
		return latest;
	}

	/**
	 * Notes in a partition's context that this node runs it.
	 * @param context the partition's execution context, saved as its step starts
	 */
	static void runHere(ExecutionContext context) {
		context.putString(NODE, THIS_NODE);
	}

	private static String hostName() {
		String host = System.getenv("HOSTNAME");
		if (host != null && !host.isBlank()) {
			return host;
		}
		try {
			return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
		}
		catch (IOException | RuntimeException ex) {
			return "unknown host";
		}
	}

	private static @Nullable String text(ExecutionContext context, String key) {
		return context.containsKey(key) ? context.getString(key) : null;
	}

}
