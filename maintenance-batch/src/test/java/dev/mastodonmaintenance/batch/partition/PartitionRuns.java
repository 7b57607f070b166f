package dev.mastodonmaintenance.batch.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelPartition;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the partition tests read of a run: its partitions' step executions, a level's
 * summary, and whether the manifest removed each object once.
 */
final class PartitionRuns {

	private PartitionRuns() {
	}

	static List<StepExecution> partitions(JobHarness harness, JobExecution execution) {
		return harness.steps(execution).stream().filter((step) -> Level.isPartition(step.getStepName())).toList();
	}

	static Set<String> partitionNames(JobHarness harness, JobExecution execution) {
		return partitions(harness, execution).stream().map(StepExecution::getStepName).collect(Collectors.toSet());
	}

	static Set<String> partitionNames(JobHarness harness, JobExecution execution, boolean completed) {
		return partitions(harness, execution).stream()
			.filter((step) -> (step.getStatus() == BatchStatus.COMPLETED) == completed)
			.map(StepExecution::getStepName)
			.collect(Collectors.toSet());
	}

	/** What each partition of a level covers, in the order they were cut. */
	static List<@Nullable String> shares(JobHarness harness, JobExecution execution, Level level) {
		List<@Nullable String> shares = new ArrayList<>();
		LevelPartition.of(harness.step(execution, level), harness.steps(execution), (name) -> null)
			.forEach((partition) -> shares.add(partition.share()));
		return shares;
	}

	static String summary(JobHarness harness, JobExecution execution, Level level) {
		return harness.step(execution, level).getExecutionContext().getString(LevelReport.SUMMARY);
	}

	static LevelReport report(JobHarness harness, JobExecution execution, Level level) {
		return LevelReport.of(harness.step(execution, level).getExecutionContext());
	}

	/**
	 * The objects the manifest of a database holds more than once or not as removed.
	 */
	static List<String> objectsNotRemovedOnce(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT o.key FROM mastodon_maintenance.deletion_manifest m, "
				+ "unnest(m.object_keys) AS o(key) GROUP BY o.key HAVING count(*) > 1 OR bool_or(m.state <> 'removed')",
				String.class);
	}

}
