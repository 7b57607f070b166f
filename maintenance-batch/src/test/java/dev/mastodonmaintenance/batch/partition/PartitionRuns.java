package dev.mastodonmaintenance.batch.partition;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelPartition;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.MaintenanceJob;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;

/**
 * What the partition tests read of a run: its partitions' step executions, a level's
 * summary, and whether the manifest removed each object once.
 */
final class PartitionRuns {

	private PartitionRuns() {
	}

	/**
	 * Old preview cards with their cached images, which {@code preview-cards-remove}
	 * removes: a level quick to cut into partitions.
	 * @return the storage holding their images
	 */
	static StorageFiles oldCards(MastodonDatabase db, Path root, int count) throws IOException {
		MastodonData data = new MastodonData(db.dataSource());
		StorageFiles files = new StorageFiles(root);
		for (int i = 0; i < count; i++) {
			String name = String.format("%016x.jpeg", i);
			data.previewCard("https://example.com/" + i).image(name, 10).updatedAt(daysAgo(200)).insert();
			files.write(String.format("cache/preview_cards/images/000/000/%03d/original/%s", i + 1, name), 10);
		}
		return files;
	}

	/** A harness over a database and storage on the filesystem. */
	static JobHarness harness(MastodonDatabase db, Path root) {
		return JobHarness.on(new MastodonResources(db.dataSource(), new FilesystemStorage(root), null, List.of()));
	}

	/**
	 * Asks the running executions to stop once the harness has committed that many
	 * chunks.
	 */
	static ChunkListener<Object, Object> stopAfterChunks(JobHarness harness, int chunks) {
		AtomicInteger committed = new AtomicInteger();
		return new ChunkListener<>() {

			@Override
			public void afterChunk(ChunkContext context) {
				if (committed.incrementAndGet() == chunks) {
					for (JobExecution running : harness.repository().findRunningJobExecutions(MaintenanceJob.NAME)) {
						try {
							harness.operator().stop(running);
						}
						catch (JobExecutionNotRunningException ex) {
							throw new IllegalStateException(ex);
						}
					}
				}
			}

		};
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
