package dev.mastodonmaintenance.batch;

import java.util.List;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A schema older than the oldest release supported, or one without a
 * {@code schema_migrations} version, refuses the levels that remove data at launch,
 * override or not; a dry run goes ahead and is marked. (A newer schema's refusal is
 * tested on Mastodon's real schema, in {@link RealSchemaJobTests}.)
 */
class UnknownSchemaRefusalTests {

	@Test
	void anOlderSchemaIsRefusedEvenWithTheOverride() throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		db.jdbc().update("UPDATE schema_migrations SET version = '20250428095029'");
		JobHarness harness = JobHarness.on(new MastodonResources(db.dataSource(), null, null, List.of()));

		assertThatExceptionOfType(InvalidJobParametersException.class)
			.isThrownBy(() -> harness.run("levels=statuses-remove", "allow-newer-schema=true"))
			.withMessage("Refused: Mastodon schema 2025_04_28_095029, older than the oldest release supported, 4.4.4 "
					+ "(2025_09_12_082651); statuses-remove may miss its tables or indexes. Upgrade Mastodon to 4.4.7 or "
					+ "later, or run as a dry run");
		JobExecution dryRun = harness.run("levels=statuses-remove", "dry-run=true");

		assertThat(dryRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(dryRun.getExecutionContext().getString(MaintenanceJob.MASTODON_SCHEMA)).isEqualTo(
				"Mastodon schema 2025_04_28_095029, older than the oldest release supported, 4.4.4 (2025_09_12_082651) "
						+ "(dry run)");
	}

	@Test
	void aDatabaseWithoutSchemaVersionIsRefused() throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(getClass());
		db.jdbc().update("DELETE FROM schema_migrations");
		JobHarness harness = JobHarness.on(new MastodonResources(db.dataSource(), null, null, List.of()));

		assertThatExceptionOfType(InvalidJobParametersException.class)
			.isThrownBy(() -> harness.run("levels=preview-cards-remove"))
			.withMessage("Refused: no Mastodon schema version (schema_migrations is absent or empty), so this may not "
					+ "be Mastodon's database; preview-cards-remove would remove from it. Run as a dry run to see "
					+ "what they select");
		assertThat(harness.run("levels=cache-clear").getStatus()).as("the cache level removes no data")
			.isEqualTo(BatchStatus.COMPLETED);
	}

}
