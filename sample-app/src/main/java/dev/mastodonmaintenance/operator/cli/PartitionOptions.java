package dev.mastodonmaintenance.operator.cli;

import dev.mastodonmaintenance.batch.Partitioning;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --grid-size} and {@code --partitions} of the levels that can be cut into
 * partitions (ours; tootctl has neither).
 */
final class PartitionOptions {

	@Option(names = "--grid-size", paramLabel = "N", converter = GridSize.class,
			description = "Cut the work into N partitions, each a step execution with its own checkpoint " + "(1 to "
					+ Partitioning.MAX_GRID_SIZE + "; default 1: one step, as tootctl's one walk).")
	Integer gridSize;

	@Option(names = "--partitions", paramLabel = "N", converter = Partitions.class,
			description = "Partitions run at once on this node, each with the level's database connections (1 to "
					+ Partitioning.MAX_PARTITIONS + "; default: the smaller of --grid-size and "
					+ Partitioning.DEFAULT_PARTITIONS + ").")
	Integer partitions;

	/**
	 * Passes the options typed to a level's run.
	 * @param command the level's command
	 */
	void apply(LevelCommand command) {
		command.option(Partitioning.GRID_SIZE);
		command.option(Partitioning.PARTITIONS);
	}

	static int bounded(String value, int max) {
		int parsed = OptionValues.wholeNumber(value, 1, "must be a whole number from 1 to " + max);
		if (parsed > max) {
			throw new TypeConversionException("must be a whole number from 1 to " + max);
		}
		return parsed;
	}

	static final class GridSize implements ITypeConverter<Integer> {

		@Override
		public Integer convert(String value) {
			return bounded(value, Partitioning.MAX_GRID_SIZE);
		}

	}

	static final class Partitions implements ITypeConverter<Integer> {

		@Override
		public Integer convert(String value) {
			return bounded(value, Partitioning.MAX_PARTITIONS);
		}

	}

}
