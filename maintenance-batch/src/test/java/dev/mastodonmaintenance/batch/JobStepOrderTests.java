package dev.mastodonmaintenance.batch;

import java.util.List;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job runs its six levels from light to very heavy; a run of one level is the same
 * job with the other levels ending as skipped, saying why.
 */
class JobStepOrderTests {

	@Test
	void runsTheLevelsFromLightToVeryHeavy() throws Exception {
		JobHarness harness = JobHarness
			.on(new MastodonResources(MastodonDatabase.withFixture(getClass()).dataSource(), null, null, List.of()));

		JobExecution execution = harness.run("levels=statuses-remove,cache-clear");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(harness.steps(execution)).extracting(StepExecution::getStepName)
			.containsExactly("cache-clear", "preview-cards-remove", "media-remove", "media-remove-orphans",
					"accounts-cull", "statuses-remove");
		StepExecution previewCards = harness.step(execution, Level.PREVIEW_CARDS_REMOVE);
		assertThat(previewCards.getExitStatus().getExitCode()).isEqualTo(ExitStatus.NOOP.getExitCode());
		assertThat(previewCards.getExitStatus().getExitDescription()).contains("level not selected for this run");
		assertThat(harness.step(execution, Level.CACHE_CLEAR).getExitStatus().getExitDescription())
			.contains("no cache Redis configured");
	}

}
