package dev.mastodonmaintenance.batch;

import java.util.Collection;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Sums a partitioned level's partitions into its manager step: the figures of the latest
 * execution of every partition, those completed by an earlier attempt too, go into the
 * manager's {@link LevelReport}, whose summary lines are then written as a plain step's
 * are. The sum is taken afresh on each attempt (a partition's figures already add up over
 * its own attempts), until every partition has completed: from then on it is kept, as
 * work that runs after the partitions adds to it.
 */
final class PartitionAggregator implements StepExecutionAggregator, StepExecutionListener {

	/**
	 * The key, in the manager step's context, marking that every partition completed and
	 * their figures are summed in it.
	 */
	static final String AGGREGATED = "partition.aggregated";

	private static final Log logger = LogFactory.getLog(PartitionAggregator.class);

	private final PartitionedLevel<?> definition;

	private final JobRepository repository;

	PartitionAggregator(PartitionedLevel<?> definition, JobRepository repository) {
		this.definition = definition;
		this.repository = repository;
	}

	@Override
	public void aggregate(StepExecution manager, Collection<StepExecution> executions) {
		new DefaultStepExecutionAggregator().aggregate(manager, executions);
		if (manager.getStatus() == BatchStatus.COMPLETED) {
			// the partitions' own summaries are not the level's
			manager.setExitStatus(new ExitStatus(manager.getExitStatus().getExitCode()));
		}
		ExecutionContext total = manager.getExecutionContext();
		if (total.containsKey(AGGREGATED)) {
			return;
		}
		// this attempt's partitions as the handler returned them, the others as the
		// repository holds them
		List<StepExecution> partitions = LevelPartition
			.of(manager, executions,
					(name) -> this.repository.getLastStepExecution(manager.getJobExecution().getJobInstance(), name))
			.stream()
			.map(LevelPartition::execution)
			.toList();
		LevelReport report = LevelReport.of(total);
		report.clear(this.definition.counters());
		report.markDryRun(new MaintenanceParameters(manager.getJobParameters()).dryRun());
		for (StepExecution partition : partitions) {
			report.add(LevelReport.of(partition.getExecutionContext()), this.definition.counters());
			this.definition.merge(total, partition.getExecutionContext());
		}
		total.put(LevelPartition.SUMMED, true);
		boolean allCompleted = !partitions.isEmpty() && partitions.size() == LevelSplitter.names(total).size()
				&& partitions.stream().allMatch((partition) -> partition.getStatus() == BatchStatus.COMPLETED);
		if (allCompleted) {
			total.put(AGGREGATED, true);
			this.definition.afterPartitions(total);
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution manager) {
		String summary;
		try {
			summary = String.join("\n", summary(this.definition, manager));
		}
		catch (RuntimeException ex) {
			// the step's own failure (the database gone) says more than this one
			logger.warn("No summary of " + manager.getStepName() + ": " + ex.getMessage());
			return manager.getExitStatus();
		}
		manager.getExecutionContext().putString(LevelReport.SUMMARY, summary);
		logger
			.info(this.definition.level().stepName() + " (" + LevelSplitter.names(manager.getExecutionContext()).size()
					+ " partitions): " + summary.replace("\n", " / "));
		return manager.getExitStatus().addExitDescription(summary);
	}

	private static <O> List<String> summary(PartitionedLevel<O> definition, StepExecution manager) {
		MaintenanceParameters parameters = new MaintenanceParameters(manager.getJobParameters());
		try (LevelWork work = definition.open(definition.options(parameters), parameters)) {
			return work.summary(LevelReport.of(manager.getExecutionContext()));
		}
	}

}
