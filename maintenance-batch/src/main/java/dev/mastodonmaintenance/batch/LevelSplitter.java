package dev.mastodonmaintenance.batch;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.PartitionNameProvider;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Cuts a partitioned level's step execution into its partitions' step executions
 * ({@code media-remove-partition:0} and on), with the level's {@code grid-size} read from
 * the job's parameters, whatever grid size the handler asks for.
 * <p>
 * Spring Batch's {@link SimpleStepExecutionSplitter} does the rest: on a restart it keeps
 * the partitions of the first attempt, named from the manager's context where they were
 * recorded (so the ranges are not computed again), and starts only those that did not
 * complete, each from its own last checkpoint.
 */
final class LevelSplitter implements StepExecutionSplitter {

	/**
	 * The key, in the manager step's context, of its partitions' names, comma-separated.
	 */
	static final String NAMES = "partition.names";

	/**
	 * The key, in the manager step's context, of how many partitions this attempt
	 * started: absent until their step executions exist, so that a reader of the job
	 * repository does not take partitions not yet created for partitions completed by an
	 * earlier attempt.
	 */
	static final String STARTED = "partition.started";

	// where SimpleStepExecutionSplitter keeps the grid size of the first attempt
	private static final String SPLITTER_GRID_SIZE = SimpleStepExecutionSplitter.class.getSimpleName() + ".GRID_SIZE";

	private final PartitionedLevel<?> definition;

	private final JobRepository repository;

	LevelSplitter(PartitionedLevel<?> definition, JobRepository repository) {
		this.definition = definition;
		this.repository = repository;
	}

	@Override
	public String getStepName() {
		return this.definition.level().partitionStepName();
	}

	@Override
	public Set<StepExecution> split(StepExecution managerExecution, int ignoredGridSize) throws JobExecutionException {
		MaintenanceParameters parameters = new MaintenanceParameters(managerExecution.getJobParameters());
		int gridSize = parameters.of(this.definition.level()).partitioning().gridSize();
		if (names(managerExecution.getExecutionContext()).isEmpty()) {
			// an attempt that failed before its partitions were recorded: they are cut
			// afresh
			managerExecution.getExecutionContext().remove(SPLITTER_GRID_SIZE);
		}
		if (managerExecution.getExecutionContext().containsKey(STARTED)) {
			// a restart: its context holds the count of the attempt before
			managerExecution.getExecutionContext().remove(STARTED);
			this.repository.updateExecutionContext(managerExecution);
		}
		Set<StepExecution> partitions = new SimpleStepExecutionSplitter(this.repository, getStepName(),
				new LevelPartitioner<>(this.definition, parameters, managerExecution, this.repository))
			.split(managerExecution, gridSize);
		managerExecution.getExecutionContext().putInt(STARTED, partitions.size());
		this.repository.updateExecutionContext(managerExecution);
		return partitions;
	}

	/**
	 * How many partitions a manager step's current attempt started.
	 * @param managerContext the manager step's execution context
	 * @return the count, {@code null} while its partitions' step executions are being
	 * created
	 */
	static @Nullable Integer started(ExecutionContext managerContext) {
		return managerContext.containsKey(STARTED) ? managerContext.getInt(STARTED) : null;
	}

	/**
	 * The names of a manager step's partitions, as its first attempt recorded them.
	 * @param managerContext the manager step's execution context
	 * @return the names, such as {@code 0}, {@code 1}, empty before the step split
	 */
	static List<String> names(ExecutionContext managerContext) {
		if (!managerContext.containsKey(NAMES)) {
			return List.of();
		}
		return Arrays.stream(managerContext.getString(NAMES).split(",")).filter((name) -> !name.isEmpty()).toList();
	}

	/**
	 * The level's partitions for one step execution.
	 */
	private record LevelPartitioner<O>(PartitionedLevel<O> definition, MaintenanceParameters parameters,
			StepExecution managerExecution, JobRepository repository) implements Partitioner, PartitionNameProvider {

		@Override
		public Map<String, ExecutionContext> partition(int gridSize) {
			List<ExecutionContext> contexts = this.definition.partition(this.definition.options(this.parameters),
					this.parameters, gridSize);
			Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
			for (int i = 0; i < contexts.size(); i++) {
				ExecutionContext context = contexts.get(i);
				context.putString(LevelPartition.SHARE, this.definition.describe(context));
				partitions.put(String.valueOf(i), context);
			}
			this.managerExecution.getExecutionContext().putString(NAMES, String.join(",", partitions.keySet()));
			this.repository.updateExecutionContext(this.managerExecution);
			return partitions;
		}

		@Override
		public Collection<String> getPartitionNames(int gridSize) {
			List<String> names = names(this.managerExecution.getExecutionContext());
			if (names.isEmpty()) {
				throw new IllegalStateException("The partitions of " + this.managerExecution.getStepName()
						+ " were not recorded by its first attempt");
			}
			return names;
		}

	}

}
