package dev.mastodonmaintenance.batch.manifest;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.mastodonmaintenance.batch.manifest.DeletionManifest.PendingBatch;
import dev.mastodonmaintenance.batch.manifest.DeletionManifest.PendingObjects;
import dev.mastodonmaintenance.batch.schema.MaintenanceSchema;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step takes its pending entries oldest first, whole, as many as fit in one storage
 * batch and at least one, whichever attempt of its job instance queued them, and learns
 * whether more are waiting. The entries it queued itself it has in memory, and takes from
 * there only those still pending.
 */
class DeletionManifestPendingTests {

	private static DeletionManifest manifest;

	private static PendingObjects queuedB;

	private static final JobInstance INSTANCE = new JobInstance(1, "mastodon-maintenance");

	// the attempt that queued, and the restart that removes
	private static final StepExecution FAILED = new StepExecution(3, "media-remove",
			new JobExecution(2, INSTANCE, new JobParameters()));

	private static final StepExecution RESTARTED = new StepExecution(5, "media-remove",
			new JobExecution(4, INSTANCE, new JobParameters()));

	@BeforeAll
	static void queued() {
		MastodonDatabase db = MastodonDatabase.withFixture(DeletionManifestPendingTests.class);
		new MaintenanceSchema(db.dataSource(), MaintenanceSchema.DEFAULT_NAME).migrate();
		manifest = new DeletionManifest(new JdbcTemplate(db.dataSource()), MaintenanceSchema.DEFAULT_NAME);
		manifest.queue(FAILED, objects("a", 3));
		queuedB = manifest.queue(FAILED, objects("b", 2));
		manifest.queue(FAILED, objects("c", 4));
		// neither another step's nor another run's
		manifest.queue(new StepExecution(6, "preview-cards-remove", new JobExecution(2, INSTANCE, new JobParameters())),
				objects("p", 1));
		manifest.queue(
				new StepExecution(8, "media-remove",
						new JobExecution(7, new JobInstance(9, "mastodon-maintenance"), new JobParameters())),
				objects("o", 1));
		manifest.recordDryRun(FAILED, objects("d", 1));
	}

	@Test
	void takesTheOldestEntriesThatFitTogether() {
		PendingBatch batch = manifest.pending(RESTARTED, 6, Map.of());

		assertThat(batch.entries()).extracting(PendingObjects::keys)
			.containsExactly(List.of("a0", "a1", "a2"), List.of("b0", "b1"));
		assertThat(batch.keys()).containsExactly("a0", "a1", "a2", "b0", "b1");
		assertThat(batch.more()).isTrue();
	}

	@Test
	void takesTheOldestEntryWholeWhenItAloneHoldsMore() {
		PendingBatch batch = manifest.pending(RESTARTED, 2, Map.of());

		assertThat(batch.keys()).containsExactly("a0", "a1", "a2");
		assertThat(batch.more()).isTrue();
	}

	@Test
	void saysWhenNoneAreLeft() {
		PendingBatch batch = manifest.pending(RESTARTED, 9, Map.of());

		assertThat(batch.entries()).hasSize(3);
		assertThat(batch.entries().get(0).recordedBytes()).containsExactly(0L, 1L, 2L);
		assertThat(batch.more()).isFalse();
	}

	@Test
	void takesWhatItQueuedItselfFromMemoryWhileStillPending() {
		// as a chunk that rolled back would leave it: in memory, not in the manifest
		PendingObjects rolledBack = new PendingObjects(queuedB.id() + 1000, List.of("gone"), List.of(1L),
				Arrays.asList((Long) null));

		PendingBatch batch = manifest.pending(RESTARTED, 9, Map.of(queuedB.id(), queuedB, rolledBack.id(), rolledBack));

		assertThat(batch.entries()).hasSize(3).element(1).isSameAs(queuedB);
		assertThat(batch.keys()).containsExactly("a0", "a1", "a2", "b0", "b1", "c0", "c1", "c2", "c3");
		assertThat(batch.more()).isFalse();
	}

	private static List<ObjectToRemove> objects(String prefix, int count) {
		return IntStream.range(0, count).mapToObj((i) -> ObjectToRemove.recorded(prefix + i, (long) i)).toList();
	}

}
