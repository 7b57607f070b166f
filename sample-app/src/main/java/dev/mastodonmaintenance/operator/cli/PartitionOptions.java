package dev.mastodonmaintenance.operator.cli;

import picocli.CommandLine.Option;

/**
 * Ours: {@code --grid-size} and {@code --partitions} of the partitioned levels, passed as
 * the level's {@code grid-size} and {@code partitions} options when typed (the job's
 * validator checks their range).
 */
final class PartitionOptions {

	@Option(names = "--grid-size", paramLabel = "N",
			description = "Cut the work into N partitions, each with its own checkpoint (ours; default 1).")
	Integer gridSize;

	@Option(names = "--partitions", paramLabel = "N",
			description = "Run at most N partitions at once on this node (ours; default: the grid size, at most 4).")
	Integer partitions;

}
