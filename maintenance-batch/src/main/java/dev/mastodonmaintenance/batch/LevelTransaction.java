package dev.mastodonmaintenance.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.mastodonmaintenance.batch.manifest.DeletionManifest.PendingObjects;
import dev.mastodonmaintenance.batch.manifest.DeletionManifest;
import dev.mastodonmaintenance.batch.manifest.StorageSizes;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One chunk's transaction as a level sees it: the step's checkpoint and report, the run's
 * parameters, and the ways to remove stored objects and record removed rows, all
 * committed together.
 */
public final class LevelTransaction {

	private final StepExecution stepExecution;

	private final StepContribution contribution;

	private final MaintenanceParameters parameters;

	private final DeletionManifest manifest;

	private final @Nullable MediaStorage storage;

	private final List<PendingObjects> queued = new ArrayList<>();

	LevelTransaction(StepContribution contribution, MaintenanceParameters parameters, DeletionManifest manifest,
			@Nullable MediaStorage storage) {
		this.stepExecution = contribution.getStepExecution();
		this.contribution = contribution;
		this.parameters = parameters;
		this.manifest = manifest;
		this.storage = storage;
	}

	/**
	 * The step's execution context, saved with each chunk: keep the level's position
	 * here.
	 * @return the checkpoint
	 */
	public ExecutionContext checkpoint() {
		return this.stepExecution.getExecutionContext();
	}

	/**
	 * The level's figures, saved with each chunk.
	 * @return the report
	 */
	public LevelReport report() {
		return LevelReport.of(this.stepExecution.getExecutionContext());
	}

	/**
	 * The run's parameters.
	 * @return the parameters
	 */
	public MaintenanceParameters parameters() {
		return this.parameters;
	}

	/**
	 * Whether this is a dry run: select and record, change nothing.
	 * @return {@code true} in a dry run
	 */
	public boolean dryRun() {
		return this.parameters.dryRun();
	}

	/**
	 * Counts rows read, in the step's read count and the report's "visited".
	 * @param rows rows read
	 */
	public void visited(long rows) {
		for (long i = 0; i < rows; i++) {
			this.contribution.incrementReadCount();
		}
		report().rowsVisited(rows);
	}

	/**
	 * Records rows deleted or changed (or selected, in a dry run), in the step's write
	 * count, the report and the manifest.
	 * @param table the Mastodon table
	 * @param ids the rows' ids
	 */
	public void changed(String table, List<Long> ids) {
		counted(ids.size());
		record(table, ids);
	}

	/**
	 * Records rows deleted or changed (or selected, in a dry run) in the manifest only,
	 * within the calling thread's transaction. For work a level runs in transactions of
	 * its own beside the chunk's, each of which must record what it changed before it
	 * commits; the level adds their counts with {@link #counted}. Unlike the rest of this
	 * class, safe to call from another thread.
	 * @param table the Mastodon table
	 * @param ids the rows' ids
	 */
	public void record(String table, List<Long> ids) {
		this.manifest.recordRows(this.stepExecution, table, ids, dryRun());
	}

	/**
	 * Counts rows deleted or changed (or selected, in a dry run) whose manifest entries
	 * were written with {@link #record}, in the step's write count and the report.
	 * @param rows the rows
	 */
	public void counted(int rows) {
		this.contribution.incrementWriteCount(rows);
		report().rowsChanged(rows);
	}

	/**
	 * Reports how far the level is, for a progress display: where it stands in what its
	 * current phase walks (such as the ids of a table, see {@link TableProgress}) out of
	 * how far that goes.
	 * @param phase the part of its work the level is in, {@code null} for a level of one
	 * phase
	 * @param position how far the phase is
	 * @param total how far the phase goes, in the same unit; 0 when unknown
	 */
	public void progress(@Nullable String phase, long position, long total) {
		LevelReport report = report();
		long phaseStart = Objects.equals(phase, report.phase()) ? report.phaseStart()
				: this.stepExecution.getReadCount();
		report.progress(phase, phaseStart, position, total);
	}

	/**
	 * Hands over stored objects whose rows this chunk changed, or that it found orphaned:
	 * they are removed after this chunk commits, or only recorded in a dry run, with the
	 * sizes the storage gives when asked: the bytes the real run's deletes then report.
	 * @param objects the objects
	 */
	public void removeAfterCommit(List<ObjectToRemove> objects) {
		handedOver(handOver(objects));
	}

	/**
	 * Hands over stored objects whose rows a transaction of the level's own, beside the
	 * chunk's, changed: as {@link #removeAfterCommit} does, but within the calling
	 * thread's transaction, so that they are queued (or recorded, in a dry run) with the
	 * rows. Safe to call from another thread. Once that transaction has committed, the
	 * chunk takes them with {@link #handedOver}; they are removed after a later chunk's
	 * commit.
	 * @param objects the objects
	 * @return what the chunk is to take
	 */
	public HandedOver handOver(List<ObjectToRemove> objects) {
		if (dryRun()) {
			List<ObjectToRemove> sized = (this.storage != null) ? StorageSizes.sized(this.storage, objects) : objects;
			this.manifest.recordDryRun(this.stepExecution, sized);
			return new HandedOver(null, sized.size(), listedBytes(sized));
		}
		return new HandedOver(this.manifest.queue(this.stepExecution, objects), 0, 0);
	}

	/**
	 * Takes objects handed over by a transaction that has committed: queued ones are
	 * removed after this chunk commits, a dry run's are counted in the report.
	 * @param objects what {@link #handOver} returned
	 */
	public void handedOver(HandedOver objects) {
		if (objects.queued != null) {
			this.queued.add(objects.queued);
		}
		objects.reportTo(report());
	}

	/**
	 * A table of our schema, for what a level keeps beside its checkpoint.
	 * @param name the table's name
	 * @return the name qualified with our schema
	 */
	public String ourTable(String name) {
		return this.manifest.schema() + "." + name;
	}

	/**
	 * The storage, for levels that list it.
	 * @return the storage
	 */
	public MediaStorage storage() {
		if (this.storage == null) {
			throw new IllegalStateException("No media storage is configured");
		}
		return this.storage;
	}

	/**
	 * The step execution, for levels that need its identity.
	 * @return the step execution
	 */
	public StepExecution stepExecution() {
		return this.stepExecution;
	}

	List<PendingObjects> queued() {
		return this.queued;
	}

	private static long listedBytes(List<ObjectToRemove> objects) {
		return objects.stream().mapToLong((o) -> (o.listedBytes() != null) ? o.listedBytes() : 0).sum();
	}

	/**
	 * Stored objects handed over by {@link #handOver}, for the chunk to take.
	 */
	public static final class HandedOver {

		private final @Nullable PendingObjects queued;

		private final int dryRunObjects;

		private final long dryRunBytes;

		private HandedOver(@Nullable PendingObjects queued, int dryRunObjects, long dryRunBytes) {
			this.queued = queued;
			this.dryRunObjects = dryRunObjects;
			this.dryRunBytes = dryRunBytes;
		}

		/**
		 * Counts a dry run's objects in a report, for a step that ends with no chunk to
		 * take them: queued objects stay pending in the manifest, where the restart finds
		 * them.
		 * @param report the step's report
		 */
		public void reportTo(LevelReport report) {
			if (this.dryRunObjects > 0) {
				report.objectsRemoved(this.dryRunObjects, this.dryRunBytes);
			}
		}

	}

}
