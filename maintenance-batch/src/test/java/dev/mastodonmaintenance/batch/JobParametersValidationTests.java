package dev.mastodonmaintenance.batch;

import java.util.List;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Invalid options are refused at launch, before anything runs, with a message naming the
 * parameter and what it accepts; tootctl's own messages are kept where it has them. Every
 * concurrency and batch size has an upper bound, named in the message.
 */
class JobParametersValidationTests {

	private static JobHarness harness;

	private static MastodonDatabase db;

	@BeforeAll
	static void wire() {
		db = MastodonDatabase.withFixture(JobParametersValidationTests.class);
		harness = JobHarness.on(new MastodonResources(db.dataSource(), null, null, List.of()));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					media-remove.days=-1                                  | Invalid job parameter media-remove.days=-1: a number of days of at least 0
					media-remove.days=seven                               | Invalid job parameter media-remove.days=seven
					media-remove.concurrency=0                            | Cannot run with this concurrency setting, must be at least 1
					media-remove.prune-profiles=true                      | ok
					statuses-remove.batch-size=0                          | Invalid job parameter statuses-remove.batch-size=0: Cannot run with this batch_size setting, must be at least 1
					statuses-remove.days=1.5                              | statuses-remove.days=1.5: a whole number of days
					statuses-remove.compress-database=true                | confirm with statuses-remove.downtime-confirmed=true
					accounts-cull.concurrency=0                           | accounts-cull.concurrency=0: Cannot run with this concurrency setting, must be at least 1
					preview-cards-remove.days=-3                          | preview-cards-remove.days=-3
					media-remove-orphans.min-age=soon                     | media-remove-orphans.min-age=soon: a duration of at least 0
					media-remove-orphans.prefix=../etc                    | media-remove-orphans.prefix=../etc
					levels=cache-clear,statuses-purge                     | Unknown level 'statuses-purge': expected one of cache-clear, preview-cards-remove
					dry-run=maybe                                         | Invalid job parameter dry-run=maybe: true or false
					media-remove.dayz=3                                   | Unknown job parameter(s) [media-remove.dayz]
					statuses-remove.concurrency=100000                    | Invalid job parameter statuses-remove.concurrency=100000: at most 64 (a whole number from 1 to 64)
					statuses-remove.concurrency=64                        | ok
					statuses-remove.batch-size=10001                      | Invalid job parameter statuses-remove.batch-size=10001: at most 10000
					accounts-cull.concurrency=65                          | accounts-cull.concurrency=65: at most 64
					accounts-cull.per-domain-concurrency=1000             | accounts-cull.per-domain-concurrency=1000: at most 64
					accounts-cull.batch-size=50000                        | accounts-cull.batch-size=50000: at most 10000
					media-remove.concurrency=500                          | media-remove.concurrency=500: at most 64
					media-remove.batch-size=99999999999                   | media-remove.batch-size=99999999999: a whole number from 1 to 10000
					preview-cards-remove.concurrency=100                  | preview-cards-remove.concurrency=100: at most 64
					preview-cards-remove.batch-size=20000                 | preview-cards-remove.batch-size=20000: at most 10000
					media-remove-orphans.batch-size=10001                 | media-remove-orphans.batch-size=10001: at most 10000
					cache-clear.batch-size=10001                          | cache-clear.batch-size=10001: at most 10000
					media-remove.grid-size=0                              | Invalid job parameter media-remove.grid-size=0: a whole number from 1 to 256
					media-remove.grid-size=257                            | Invalid job parameter media-remove.grid-size=257: at most 256 (a whole number from 1 to 256)
					media-remove.partitions=65                            | Invalid job parameter media-remove.partitions=65: at most 64 (a whole number from 1 to 64)
					media-remove.partitions=0                             | Invalid job parameter media-remove.partitions=0: a whole number from 1 to 64
					media-remove.grid-size=256                            | ok
					cache-clear.grid-size=4                               | Unknown job parameter(s) [cache-clear.grid-size]
					""")
	void refusesInvalidOptionsBeforeAnythingRuns(String parameter, String message) throws Exception {
		long executionsBefore = executions();
		if ("ok".equals(message)) {
			assertThat(harness.run(parameter, "levels=cache-clear").getStatus().isUnsuccessful()).isFalse();
			return;
		}
		assertThatExceptionOfType(InvalidJobParametersException.class).isThrownBy(() -> harness.run(parameter))
			.withMessageContaining(message);
		assertThat(executions()).isEqualTo(executionsBefore);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					media-remove.prune-profiles=true  | media-remove.remove-headers=true | --prune-profiles and --remove-headers should not be specified simultaneously
					media-remove.include-follows=true | levels=media-remove              | --include-follows can only be used with --prune-profiles or --remove-headers
					""")
	void keepsTootctlsMediaRemoveErrors(String first, String second, String message) {
		assertThatExceptionOfType(InvalidJobParametersException.class).isThrownBy(() -> harness.run(first, second))
			.withMessageContaining(message);
	}

	private static long executions() {
		return db.jdbc().queryForObject("SELECT count(*) FROM mastodon_maintenance.batch_job_execution", Long.class);
	}

}
