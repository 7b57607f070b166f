package dev.mastodonmaintenance.batch;

import java.util.Set;

/**
 * One level as the job knows it: its options, read once from the job's parameters, and
 * how to start its work with them.
 *
 * @param <O> the type of the level's options
 */
public interface LevelDefinition<O> {

	/**
	 * The level.
	 * @return the level
	 */
	Level level();

	/**
	 * The names of the level's options, as tootctl names them ({@code days},
	 * {@code batch-size}); their job parameters are prefixed with the level's step name
	 * ({@link Level#parameterName}).
	 * @return the option names
	 */
	Set<String> optionNames();

	/**
	 * Reads and checks this level's options, applying their defaults: the one place they
	 * are parsed, before anything runs and again as the level's step starts.
	 * @param parameters the job's parameters
	 * @return the options
	 * @throws IllegalArgumentException naming the parameter and what it accepts
	 */
	O options(MaintenanceParameters parameters);

	/**
	 * How many database connections the level's step holds at once with these options:
	 * one for its chunk, more for work it runs beside it.
	 * @param options the level's options
	 * @return at least 1
	 */
	default int connections(O options) {
		return 1;
	}

	/**
	 * Starts the level's work for one step execution.
	 * @param options the level's options
	 * @param parameters the job's parameters, for the run's launch instant and dry-run
	 * flag
	 * @return the work
	 */
	LevelWork open(O options, MaintenanceParameters parameters);

}
