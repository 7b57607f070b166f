package dev.mastodonmaintenance.batch;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * The step of a partitioned level, named as the level: from the job's parameters it runs
 * the level as one plain tasklet step (grid size 1, or the level not selected or unable
 * to run: exactly as a level that cannot be partitioned), or as a partition step on the
 * same step execution, followed for a level with work after its partitions by the plain
 * step again, from the checkpoint the partitions left. A restart has the same parameters,
 * so takes the same way.
 */
final class LevelStep implements Step {

	private final PartitionedLevel<?> definition;

	private final Step plain;

	private final Step partitioned;

	LevelStep(PartitionedLevel<?> definition, Step plain, Step partitioned) {
		this.definition = definition;
		this.plain = plain;
		this.partitioned = partitioned;
	}

	@Override
	public String getName() {
		return this.definition.level().stepName();
	}

	@Override
	public boolean isAllowStartIfComplete() {
		return this.plain.isAllowStartIfComplete();
	}

	@Override
	public int getStartLimit() {
		return this.plain.getStartLimit();
	}

	@Override
	public void execute(StepExecution stepExecution) throws JobInterruptedException {
		MaintenanceParameters parameters = new MaintenanceParameters(stepExecution.getJobParameters());
		if (!partitioned(this.definition, parameters)) {
			this.plain.execute(stepExecution);
			return;
		}
		this.partitioned.execute(stepExecution);
		if (this.definition.continuesAfterPartitions() && stepExecution.getStatus() == BatchStatus.COMPLETED
				&& stepExecution.getExecutionContext().containsKey(PartitionAggregator.AGGREGATED)) {
			this.plain.execute(stepExecution);
		}
	}

	private static <O> boolean partitioned(PartitionedLevel<O> definition, MaintenanceParameters parameters) {
		if (!parameters.levels().contains(definition.level())
				|| !parameters.of(definition.level()).partitioning().partitioned()) {
			return false;
		}
		// a level that cannot run is skipped by its plain step, with the reason
		try (LevelWork work = definition.open(definition.options(parameters), parameters)) {
			return work.unavailableReason() == null;
		}
	}

}
