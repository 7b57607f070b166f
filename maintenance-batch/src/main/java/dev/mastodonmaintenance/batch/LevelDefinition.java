package dev.mastodonmaintenance.batch;

import java.util.Set;

/**
 * One level as the job knows it: its options and how to start its work.
 */
public interface LevelDefinition {

	/**
	 * The level.
	 * @return the level
	 */
	Level level();

	/**
	 * The names of the job parameters this level reads, each prefixed with the level's step name.
	 * @return the parameter names
	 */
	Set<String> parameterNames();

	/**
	 * Reads and checks this level's options, before anything runs.
	 * @param parameters the job's parameters
	 * @throws IllegalArgumentException naming the parameter and what it accepts
	 */
	void validate(MaintenanceParameters parameters);

	/**
	 * How many database connections the level's step holds at once with these parameters: one for its
	 * chunk, more for work it runs beside it.
	 * @param parameters the job's parameters, valid
	 * @return at least 1
	 */
	default int connections(MaintenanceParameters parameters) {
		return 1;
	}

	/**
	 * Starts the level's work for one step execution.
	 * @param parameters the job's parameters
	 * @return the work
	 */
	LevelWork open(MaintenanceParameters parameters);

}
