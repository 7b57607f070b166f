package dev.mastodonmaintenance.batch;

import dev.mastodonmaintenance.batch.manifest.DeletionManifest;
import dev.mastodonmaintenance.batch.manifest.DeletionManifest.PendingBatch;
import dev.mastodonmaintenance.storage.DeletionReport;
import dev.mastodonmaintenance.storage.MediaStorage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Runs a {@link LevelWork} as the tasklet of its step: each call is one chunk in one transaction, which
 * Spring Batch commits together with the step's execution context.
 */
final class LevelTasklet implements Tasklet, StepExecutionListener {

	private static final Log logger = LogFactory.getLog(LevelTasklet.class);

	static final String SUMMARY = "report.summary";

	private final LevelDefinition definition;

	private final DeletionManifest manifest;

	private final @Nullable MediaStorage storage;

	private @Nullable LevelWork work;

	private @Nullable String skipReason;

	private @Nullable MaintenanceParameters parameters;

	// whether the manifest may hold pending objects of this step: entries of a failed attempt, or queued since
	private boolean pendingPossible;

	LevelTasklet(LevelDefinition definition, DeletionManifest manifest, @Nullable MediaStorage storage) {
		this.definition = definition;
		this.manifest = manifest;
		this.storage = storage;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.parameters = new MaintenanceParameters(stepExecution.getJobParameters());
		this.work = null;
		this.skipReason = null;
		this.pendingPossible = true;
		if (!this.parameters.levels().contains(this.definition.level())) {
			this.skipReason = "level not selected for this run";
			return;
		}
		LevelWork opened = this.definition.open(this.parameters);
		this.skipReason = opened.unavailableReason();
		this.work = opened;
		LevelReport.of(stepExecution.getExecutionContext()).markDryRun(this.parameters.dryRun());
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		if (this.skipReason != null || this.work == null || this.parameters == null) {
			return RepeatStatus.FINISHED;
		}
		LevelChunk chunk = new LevelChunk(contribution, this.parameters, this.manifest, this.storage);
		boolean morePending = removePending(chunk);
		boolean more = this.work.nextChunk(chunk);
		this.pendingPossible |= chunk.queued() > 0;
		return (more || chunk.queued() > 0 || morePending) ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
	}

	/**
	 * Removes objects queued by earlier chunks, whose row changes have committed since. Runs within this
	 * chunk's transaction: should the chunk roll back after the storage removed them, the entries stay
	 * pending and are removed again, which storage treats as done. At most one storage batch is removed per
	 * chunk (more only when one entry holds more).
	 * @return whether more objects may be pending
	 */
	private boolean removePending(LevelChunk chunk) {
		if (this.storage == null || !this.pendingPossible) {
			return false;
		}
		PendingBatch pending = this.manifest.pending(chunk.stepExecution(), this.storage.deleteBatchSize());
		// the last of them, unless a chunk queues more: the phases that queue nothing skip the query
		this.pendingPossible = pending.more();
		if (pending.isEmpty()) {
			return false;
		}
		DeletionReport deleted = this.storage.delete(pending.keys());
		this.manifest.settle(pending, deleted);
		chunk.report().objectsRemoved(deleted.removed().size(), deleted.bytesFreed());
		chunk.report().objectsFailed(deleted.failed().size());
		deleted.failed()
			.forEach((failed) -> logger.warn("Error removing " + failed.key() + ": " + failed.reason()));
		return pending.more();
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (this.skipReason != null) {
			stepExecution.getExecutionContext().putString(SUMMARY, "Skipped: " + this.skipReason);
			return ExitStatus.NOOP.addExitDescription("Skipped: " + this.skipReason);
		}
		if (this.work == null) {
			return stepExecution.getExitStatus();
		}
		this.work.close();
		LevelReport report = LevelReport.of(stepExecution.getExecutionContext());
		String summary = String.join("\n", this.work.summary(report));
		stepExecution.getExecutionContext().putString(SUMMARY, summary);
		logger.info(this.definition.level().stepName() + ": " + summary.replace("\n", " / "));
		return stepExecution.getExitStatus().addExitDescription(summary);
	}

}
