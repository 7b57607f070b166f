package dev.mastodonmaintenance.batch;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * Checks a run's parameters before any step runs: the common ones, every level's options
 * (whether or not the level is selected, so a typo never waits for a later run), unknown
 * names, and last whether Mastodon's schema lets the selected levels run
 * ({@link SupportedSchemaCheck}).
 */
final class MaintenanceParametersValidator implements JobParametersValidator {

	/**
	 * Connections a run holds beside its levels' own: the run lock's, and one to watch
	 * the run.
	 */
	static final int RUN_CONNECTIONS = 2;

	private final Collection<LevelDefinition<?>> levels;

	private final SupportedSchemaCheck schemaCheck;

	private final int connectionLimit;

	private final boolean partitionsHere;

	/**
	 * Creates the validator.
	 * @param levels the levels
	 * @param schemaCheck what refuses the levels that remove data on a schema that is not
	 * a known release's
	 * @param connectionLimit the size of the connection pool to Mastodon's database, 0
	 * when unknown
	 * @param partitionsHere whether the partitions of partitioned levels run on this node
	 * ({@code false} on a manager of remote partitioning)
	 */
	MaintenanceParametersValidator(Collection<LevelDefinition<?>> levels, SupportedSchemaCheck schemaCheck,
			int connectionLimit, boolean partitionsHere) {
		this.levels = levels;
		this.schemaCheck = schemaCheck;
		this.connectionLimit = connectionLimit;
		this.partitionsHere = partitionsHere;
	}

	@Override
	public void validate(@Nullable JobParameters jobParameters) throws InvalidJobParametersException {
		MaintenanceParameters parameters = new MaintenanceParameters(
				(jobParameters != null) ? jobParameters : new JobParameters());
		try {
			parameters.runAt();
			parameters.levels();
			parameters.dryRun();
			parameters.allowNewerSchema();
			Map<Level, Integer> connections = new EnumMap<>(Level.class);
			for (LevelDefinition<?> level : this.levels) {
				connections.put(level.level(), connections(level, parameters, this.partitionsHere));
			}
			if (this.connectionLimit > 0) {
				checkConnections(parameters, connections);
			}
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidJobParametersException(ex.getMessage());
		}
		Set<String> known = new TreeSet<>(Set.of(MaintenanceParameters.RUN_AT, MaintenanceParameters.LEVELS,
				MaintenanceParameters.DRY_RUN, MaintenanceParameters.ALLOW_NEWER_SCHEMA));
		this.levels.forEach(
				(level) -> level.optionNames().forEach((option) -> known.add(level.level().parameterName(option))));
		Set<String> unknown = new TreeSet<>(parameters.names());
		unknown.removeAll(known);
		if (!unknown.isEmpty()) {
			throw new InvalidJobParametersException(
					"Unknown job parameter(s) " + unknown + "; known parameters: " + String.join(", ", known));
		}
		String refusal = this.schemaCheck.refusal(parameters);
		if (refusal != null) {
			throw new InvalidJobParametersException(refusal);
		}
	}

	/**
	 * Reads a level's options, checking them, and how many connections its step would
	 * hold with them.
	 */
	private static <O> int connections(LevelDefinition<O> level, MaintenanceParameters parameters,
			boolean partitionsHere) {
		int connections = level.connections(level.options(parameters));
		if (level instanceof PartitionedLevel<?> partitioned) {
			Partitioning partitioning = parameters.of(level.level()).partitioning();
			if (!partitioning.partitioned()) {
				return connections;
			}
			if (partitionsHere) {
				// each partition running at once here holds the level's connections
				return connections * partitioning.concurrentPartitions();
			}
			// a manager holds one at a time to read its partitions' outcome, and the
			// level's own when the level goes on after them (statuses-remove's later
			// phases)
			return partitioned.continuesAfterPartitions() ? connections : 1;
		}
		return connections;
	}

	// A level holding more connections than the pool has would wait for its own
	// connections until it times out.
	private void checkConnections(MaintenanceParameters parameters, Map<Level, Integer> connections) {
		Set<Level> selected = parameters.levels();
		for (LevelDefinition<?> level : this.levels) {
			if (!selected.contains(level.level())) {
				continue;
			}
			int needed = connections.get(level.level()) + RUN_CONNECTIONS;
			if (needed > this.connectionLimit) {
				if (level instanceof PartitionedLevel<?> && !this.partitionsHere
						&& parameters.of(level.level()).partitioning().partitioned()) {
					throw new IllegalArgumentException("Invalid options of " + level.level().stepName()
							+ ": it would hold " + needed + " database connections at once (one to read its "
							+ "partitions' outcome or the level's own after them, the run lock's and one to watch "
							+ "the run), more than the " + this.connectionLimit
							+ " of the connection pool: enlarge the pool (spring.datasource.hikari.maximum-pool-size)");
				}
				if (level instanceof PartitionedLevel<?>
						&& parameters.of(level.level()).partitioning().concurrentPartitions() > 1
						&& parameters.of(level.level()).partitioning().partitioned()) {
					throw new IllegalArgumentException("Invalid options of " + level.level().stepName()
							+ ": it would hold " + needed + " database connections at once (those of each of its "
							+ parameters.of(level.level()).partitioning().concurrentPartitions()
							+ " partitions running at once, the run lock's and one to watch the run), more than the "
							+ this.connectionLimit + " of the connection pool: lower " + level.level().stepName()
							+ ".partitions, or enlarge the pool (spring.datasource.hikari.maximum-pool-size)");
				}
				throw new IllegalArgumentException("Invalid options of " + level.level().stepName() + ": it would hold "
						+ needed + " database connections at once (one per window of its concurrency, its chunk's, the "
						+ "run lock's and one to watch the run), more than the " + this.connectionLimit
						+ " of the connection pool: lower " + level.level().stepName() + ".concurrency to at most "
						+ (this.connectionLimit - needed + connections.get(level.level()) - 1)
						+ ", or enlarge the pool (spring.datasource.hikari.maximum-pool-size)");
			}
		}
	}

}
