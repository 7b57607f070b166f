package dev.mastodonmaintenance.boot;

import java.time.Instant;
import java.time.LocalDateTime;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.MaintenanceJob;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.batch.PartitionClaims;
import dev.mastodonmaintenance.boot.testing.Await;
import dev.mastodonmaintenance.boot.testing.Runs;
import dev.mastodonmaintenance.boot.testing.StarterContexts;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.boot.testing.SteppingLevel;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An execution left {@code STARTED} by a killed JVM, or {@code UNKNOWN} by one that lost
 * its database (no node holds the run lock), is marked {@code FAILED} by its restart, by
 * {@code recover} or by the next run, and its restart resumes after its last committed
 * chunk. An execution that really runs cannot be recovered, nor one of which a worker
 * still runs a partition.
 */
class RecoverLeftoverTests {

	private static MastodonDatabase db;

	private final ApplicationContextRunner runner = StarterContexts.host(db)
		.withBean("steppingLevel", SteppingLevel.class, () -> new SteppingLevel(db.jdbc()));

	@BeforeAll
	static void database() {
		db = StarterDatabase.create(RecoverLeftoverTests.class);
		StarterDatabase.previewCards(db, 100);
	}

	@Test
	void leftoverIsMarkedFailedByItsRestartWhichResumesAfterItsLastCommittedChunk() {
		this.runner.run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			long leftover = leaveStartedExecution(context, 50, BatchStatus.STARTED);

			assertThatExceptionOfType(MaintenanceException.class).isThrownBy(() -> maintenance.stop(leftover))
				.withMessageEndingWith("Recover it instead of stopping it.");
			assertThat(maintenance.execution(leftover).orElseThrow().actions())
				.isEqualTo(new ExecutionDetails.Actions(false, false, false, true));
			assertThat(maintenance.toResume()).map(ExecutionSummary::id).contains(leftover);

			context.getBean(SteppingLevel.class).allowAll();
			long restarted = maintenance.restart(leftover);

			ExecutionDetails recovered = maintenance.execution(leftover).orElseThrow();
			assertThat(recovered.summary().status()).isEqualTo(BatchStatus.FAILED);
			assertThat(recovered.exitDescription())
				.startsWith("Marked FAILED: left STARTED by a process that no longer runs it");
			assertThat(recovered.steps()).extracting(StepDetails::status)
				.containsExactly(BatchStatus.COMPLETED, BatchStatus.FAILED);
			Await.until("the restart completed", () -> Runs.status(maintenance, restarted) == BatchStatus.COMPLETED);
			assertThat(db.jdbc()
				.queryForList("SELECT id FROM visited_card WHERE execution_id = ? ORDER BY id", Long.class, restarted))
				.hasSize(50)
				.allMatch((id) -> id > 50);
		});
	}

	@Test
	void unknownExecutionLeftByARunThatLostItsDatabaseIsRecoveredAndRestarted() {
		this.runner.run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			long unknown = leaveStartedExecution(context, 30, BatchStatus.UNKNOWN);
			assertThat(maintenance.execution(unknown).orElseThrow().actions().recover()).isTrue();

			maintenance.recover(unknown);

			assertThat(maintenance.execution(unknown).orElseThrow().steps()).extracting(StepDetails::status)
				.containsExactly(BatchStatus.COMPLETED, BatchStatus.FAILED);
			context.getBean(SteppingLevel.class).allowAll();
			long restarted = maintenance.restart(unknown);
			Await.until("the restart completed", () -> Runs.status(maintenance, restarted) == BatchStatus.COMPLETED);
			assertThat(db.jdbc()
				.queryForList("SELECT id FROM visited_card WHERE execution_id = ? ORDER BY id", Long.class, restarted))
				.hasSize(70)
				.allMatch((id) -> id > 30);
		});
	}

	@Test
	void newRunMarksTheLeftoverFailedAndStarts() {
		this.runner.run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			long leftover = leaveStartedExecution(context, 20, BatchStatus.STARTED);

			context.getBean(SteppingLevel.class).allowAll();
			long started = maintenance.start(RunRequest.of(Level.PREVIEW_CARDS_REMOVE).dryRun(true));

			assertThat(maintenance.execution(leftover).orElseThrow().summary().status()).isEqualTo(BatchStatus.FAILED);
			Await.until("the new run completed", () -> Runs.status(maintenance, started) == BatchStatus.COMPLETED);
		});
	}

	@Test
	void leftoverWhosePartitionAWorkerStillRunsIsNotRecoveredUntilItEnds() {
		this.runner.run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			long leftover = leaveStartedExecution(context, 10, BatchStatus.STARTED);
			JobRepository repository = context.getBean("mastodonMaintenanceJobRepository", JobRepository.class);
			JobExecution execution = repository.getJobExecution(leftover);
			StepExecution partition = repository.createStepExecution("preview-cards-remove-partition:0", execution);
			partition.setStartTime(LocalDateTime.now());
			partition.setStatus(BatchStatus.STARTED);
			repository.update(partition);
			PartitionClaims claims = new PartitionClaims(db.dataSource());

			try (PartitionClaims.Claim worker = claims.tryClaim(partition.getId())) {
				assertThat(worker).isNotNull();
				assertThat(claims.isClaimed(partition.getId())).isTrue();
				assertThatExceptionOfType(MaintenanceException.class).isThrownBy(() -> maintenance.recover(leftover))
					.withMessage("Execution " + leftover + " has no manager left, but its partition "
							+ "preview-cards-remove-partition:0 is still running on a worker: wait for it to end, or "
							+ "stop that worker, then try again");
				assertThatExceptionOfType(MaintenanceException.class)
					.isThrownBy(() -> maintenance.start(RunRequest.of(Level.PREVIEW_CARDS_REMOVE).dryRun(true)))
					.withMessageContaining("still running on a worker");
				assertThat(repository.getStepExecution(partition.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
				assertThat(maintenance.execution(leftover).orElseThrow().summary().status())
					.isEqualTo(BatchStatus.STARTED);
			}

			assertThat(claims.isClaimed(partition.getId())).isFalse();
			maintenance.recover(leftover);
			assertThat(repository.getStepExecution(partition.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(maintenance.execution(leftover).orElseThrow().summary().status()).isEqualTo(BatchStatus.FAILED);
		});
	}

	@Test
	void runningExecutionCannotBeRecovered() {
		this.runner.run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			SteppingLevel level = context.getBean(SteppingLevel.class);
			long running = maintenance.start(RunRequest.of(Level.PREVIEW_CARDS_REMOVE).dryRun(true));
			Await.until("the run is in its step",
					() -> maintenance.progress(running)
						.map((p) -> p.level() == Level.PREVIEW_CARDS_REMOVE)
						.orElse(false));

			assertThatExceptionOfType(MaintenanceException.class).isThrownBy(() -> maintenance.recover(running))
				.withMessage("Execution " + running
						+ " is running on a node sharing the database (it holds the run lock): stop it instead");

			level.allowAll();
			Await.until("the run completed", () -> Runs.status(maintenance, running) == BatchStatus.COMPLETED);
		});
	}

	/**
	 * Leaves in the repository what a JVM killed in the middle of the preview cards step
	 * leaves: the execution and that step {@code STARTED}, its last committed checkpoint
	 * saved, and no lock held.
	 */
	private static long leaveStartedExecution(ApplicationContext context, long lastId, BatchStatus status) {
		JobRepository repository = context.getBean("mastodonMaintenanceJobRepository", JobRepository.class);
		JobParameters parameters = MaintenanceParameters.newRun(Instant.now())
			.addString(MaintenanceParameters.LEVELS, "preview-cards-remove")
			.addString(MaintenanceParameters.DRY_RUN, "false")
			.toJobParameters();
		JobInstance instance = repository.createJobInstance(MaintenanceJob.NAME, parameters);
		JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now());
		execution.setStatus(status);
		repository.update(execution);
		StepExecution cache = repository.createStepExecution("cache-clear", execution);
		cache.setStartTime(LocalDateTime.now());
		cache.setEndTime(LocalDateTime.now());
		cache.setStatus(BatchStatus.COMPLETED);
		cache.setExitStatus(ExitStatus.NOOP);
		repository.update(cache);
		StepExecution cards = repository.createStepExecution("preview-cards-remove", execution);
		cards.setStartTime(LocalDateTime.now());
		cards.setStatus(status);
		cards.getExecutionContext().putLong(SteppingLevel.LAST_ID, lastId);
		repository.update(cards);
		repository.updateExecutionContext(cards);
		return execution.getId();
	}

}
