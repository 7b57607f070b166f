package dev.mastodonmaintenance.batch;

import dev.mastodonmaintenance.batch.manifest.DeletionManifest;
import dev.mastodonmaintenance.storage.MediaStorage;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The step that runs one partition of a level ({@link Level#partitionStepName()}): the
 * level's own tasklet step, made afresh for each partition's step execution, as several
 * run at once and a tasklet holds the state of one.
 */
final class WorkerStep implements Step {

	private final LevelDefinition<?> definition;

	private final JobRepository repository;

	private final PlatformTransactionManager transactionManager;

	private final DeletionManifest manifest;

	private final @Nullable MediaStorage storage;

	private final ChunkListener<?, ?> chunkListener;

	WorkerStep(LevelDefinition<?> definition, JobRepository repository, PlatformTransactionManager transactionManager,
			DeletionManifest manifest, @Nullable MediaStorage storage, ChunkListener<?, ?> chunkListener) {
		this.definition = definition;
		this.repository = repository;
		this.transactionManager = transactionManager;
		this.manifest = manifest;
		this.storage = storage;
		this.chunkListener = chunkListener;
	}

	@Override
	public String getName() {
		return this.definition.level().partitionStepName();
	}

	@Override
	public void execute(StepExecution stepExecution) throws JobInterruptedException {
		LevelPartition.runHere(stepExecution.getExecutionContext());
		LevelTasklet tasklet = new LevelTasklet(this.definition, this.manifest, this.storage);
		try {
			tasklet.asStep(getName(), this.repository, this.transactionManager, this.chunkListener)
				.execute(stepExecution);
		}
		finally {
			tasklet.shutdown();
		}
	}

}
