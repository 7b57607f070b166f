package dev.mastodonmaintenance.batch;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.mastodonmaintenance.batch.manifest.DeletionManifest.PendingBatch;
import dev.mastodonmaintenance.batch.manifest.DeletionManifest.PendingObjects;
import dev.mastodonmaintenance.batch.manifest.DeletionManifest;
import dev.mastodonmaintenance.batch.manifest.StorageSizes;
import dev.mastodonmaintenance.storage.DeletionReport;
import dev.mastodonmaintenance.storage.IncompleteDeletionException;
import dev.mastodonmaintenance.storage.MediaStorage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Runs a {@link LevelWork} as the tasklet of its step: each call is one chunk in one
 * transaction, which Spring Batch commits together with the step's execution context.
 */
final class LevelTasklet implements Tasklet, StepExecutionListener {

	private static final Log logger = LogFactory.getLog(LevelTasklet.class);

	private final LevelDefinition<?> definition;

	private final DeletionManifest manifest;

	private final @Nullable MediaStorage storage;

	// removes pending objects while a chunk does its own work; none without storage
	private final @Nullable ExecutorService remover;

	private @Nullable LevelWork work;

	private @Nullable String skipReason;

	private @Nullable MaintenanceParameters parameters;

	// whether the manifest may hold pending objects of this step: entries of a failed
	// attempt, or queued since
	private boolean pendingPossible;

	// the entries this step execution queued and has not settled, so that their keys are
	// not read back
	private final Map<Long, PendingObjects> queuedHere = new HashMap<>();

	// why the storage failed while the last chunk removed pending objects; the next chunk
	// fails with it
	private @Nullable Exception storageFailure;

	LevelTasklet(LevelDefinition<?> definition, DeletionManifest manifest, @Nullable MediaStorage storage) {
		this.definition = definition;
		this.manifest = manifest;
		this.storage = storage;
		this.remover = (storage != null) ? remover(definition.level()) : null;
	}

	private static ExecutorService remover(Level level) {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(task) -> {
					Thread thread = new Thread(task, level.stepName() + "-removal");
					thread.setDaemon(true);
					return thread;
				});
		// no thread is kept between runs
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/**
	 * This tasklet as a step of its own: one chunk per call, the tasklet listening to the
	 * step, and what is told of the level's chunks.
	 * @param name the step's name
	 * @param repository the job repository
	 * @param transactionManager the transaction manager of Mastodon's database
	 * @param chunkListener what is told of each chunk
	 * @return the step
	 */
	Step asStep(String name, JobRepository repository, PlatformTransactionManager transactionManager,
			ChunkListener<?, ?> chunkListener) {
		return new StepBuilder(name, repository).tasklet(this, transactionManager)
			.listener(this)
			.listener(chunkListener)
			.build();
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.parameters = new MaintenanceParameters(stepExecution.getJobParameters());
		this.work = null;
		this.skipReason = null;
		this.pendingPossible = true;
		this.storageFailure = null;
		this.queuedHere.clear();
		if (!this.parameters.levels().contains(this.definition.level())) {
			this.skipReason = "level not selected for this run";
			return;
		}
		LevelWork opened = open(this.definition, this.parameters);
		this.skipReason = opened.unavailableReason();
		this.work = opened;
		LevelReport.of(stepExecution.getExecutionContext()).markDryRun(this.parameters.dryRun());
	}

	private static <O> LevelWork open(LevelDefinition<O> definition, MaintenanceParameters parameters) {
		return definition.open(definition.options(parameters), parameters);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		if (this.skipReason != null || this.work == null || this.parameters == null) {
			return RepeatStatus.FINISHED;
		}
		if (this.storageFailure != null) {
			Exception failure = this.storageFailure;
			this.storageFailure = null;
			throw failure;
		}
		LevelTransaction chunk = new LevelTransaction(contribution, this.parameters, this.manifest, this.storage);
		ExecutionContext before = new ExecutionContext(chunk.checkpoint());
		PendingRemoval removal = startRemovingPending(chunk);
		boolean more;
		try {
			more = this.work.nextChunk(chunk);
		}
		catch (Exception ex) {
			if (removal != null) {
				// the chunk rolls back and its failure is the step's; what was being
				// removed stays pending
				removal.awaitQuietly();
			}
			throw ex;
		}
		boolean morePending;
		try {
			morePending = (removal != null) && removal.settle(chunk);
		}
		catch (RuntimeException | Error ex) {
			// the level moved its checkpoint and figures past a chunk that now rolls back
			// (its connection was
			// lost while the objects were settled): Spring Batch saves a failed chunk's
			// context, so put back the
			// one the last commit saved
			restore(chunk.checkpoint(), before);
			throw ex;
		}
		chunk.queued().forEach((entry) -> this.queuedHere.put(entry.id(), entry));
		this.pendingPossible |= !chunk.queued().isEmpty();
		return (more || !chunk.queued().isEmpty() || morePending) ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
	}

	private static void restore(ExecutionContext context, ExecutionContext saved) {
		context.toMap().keySet().stream().filter((key) -> !saved.containsKey(key)).toList().forEach(context::remove);
		saved.entrySet().forEach((entry) -> context.put(entry.getKey(), entry.getValue()));
	}

	/**
	 * Starts removing objects queued by earlier chunks, whose row changes have committed
	 * since, while this chunk does its own work: the storage's requests overlap the
	 * chunk's statements rather than adding to them. The entries are settled within this
	 * chunk's transaction: should the chunk roll back after the storage removed them,
	 * they stay pending and are removed again, which storage treats as done. Should the
	 * storage fail, they stay pending too, this chunk commits its own work, and the next
	 * one fails: failing this one would save the checkpoint its work moved on, while its
	 * changes roll back (Spring Batch keeps a failed chunk's execution context). At most
	 * one storage batch is removed per chunk (more only when one entry holds more).
	 * @return the removal under way, or {@code null} when nothing is pending
	 */
	private @Nullable PendingRemoval startRemovingPending(LevelTransaction chunk) {
		if (this.storage == null || this.remover == null || !this.pendingPossible) {
			return null;
		}
		PendingBatch pending = this.manifest.pending(chunk.stepExecution(), this.storage.deleteBatchSize(),
				this.queuedHere);
		// the last of them, unless a chunk queues more: the phases that queue nothing
		// skip the query
		this.pendingPossible = pending.more();
		if (pending.isEmpty()) {
			return null;
		}
		MediaStorage storage = this.storage;
		return new PendingRemoval(pending, this.remover.submit(() -> StorageSizes.delete(storage, pending)));
	}

	/**
	 * Stops the thread that removes pending objects, for a tasklet made for one step
	 * execution.
	 */
	void shutdown() {
		if (this.remover != null) {
			this.remover.shutdown();
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (this.skipReason != null) {
			stepExecution.getExecutionContext().putString(LevelReport.SUMMARY, "Skipped: " + this.skipReason);
			return ExitStatus.NOOP.addExitDescription("Skipped: " + this.skipReason);
		}
		if (this.work == null) {
			return stepExecution.getExitStatus();
		}
		this.work.close();
		LevelReport report = LevelReport.of(stepExecution.getExecutionContext());
		String summary = String.join("\n", this.work.summary(report));
		stepExecution.getExecutionContext().putString(LevelReport.SUMMARY, summary);
		logger.info(stepExecution.getStepName() + ": " + summary.replace("\n", " / "));
		return stepExecution.getExitStatus().addExitDescription(summary);
	}

	/**
	 * Pending objects the storage is removing on the tasklet's own thread.
	 */
	private final class PendingRemoval {

		private final PendingBatch pending;

		private final Future<DeletionReport> deleting;

		PendingRemoval(PendingBatch pending, Future<DeletionReport> deleting) {
			this.pending = pending;
			this.deleting = deleting;
		}

		/**
		 * Waits for the storage and settles the entries with its answer, in the calling
		 * chunk's transaction; when the storage failed, settles what it reports done,
		 * leaves the other keys pending and keeps the failure for the next chunk.
		 * @return whether more objects may be pending, or the step has a failure to
		 * report
		 */
		boolean settle(LevelTransaction chunk) {
			DeletionReport deleted;
			try {
				deleted = this.deleting.get();
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof Error error) {
					throw error;
				}
				LevelTasklet.this.storageFailure = (ex.getCause() instanceof Exception cause) ? cause : ex;
				if (ex.getCause() instanceof IncompleteDeletionException incomplete) {
					// the keys the storage did delete are not sent again by the restart
					settle(chunk, incomplete.done());
				}
				return true;
			}
			catch (InterruptedException ex) {
				// the step sees the interruption once this chunk has committed
				Thread.currentThread().interrupt();
				return true;
			}
			settle(chunk, deleted);
			return this.pending.more();
		}

		private void settle(LevelTransaction chunk, DeletionReport deleted) {
			long bytes = LevelTasklet.this.manifest.settle(this.pending, deleted);
			this.pending.entries().forEach((entry) -> LevelTasklet.this.queuedHere.remove(entry.id()));
			chunk.report().objectsRemoved(deleted.removed().size(), bytes);
			chunk.report().objectsFailed(deleted.failed().size());
			deleted.failed()
				.forEach((failed) -> logger.warn("Error removing " + failed.key() + ": " + failed.reason()));
		}

		/**
		 * Waits for the storage without settling anything, so that no request outlives
		 * its chunk.
		 */
		void awaitQuietly() {
			try {
				this.deleting.get();
			}
			catch (ExecutionException ex) {
				// the chunk fails for its own reason; these entries stay pending either
				// way
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
