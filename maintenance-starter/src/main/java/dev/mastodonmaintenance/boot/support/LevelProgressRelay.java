package dev.mastodonmaintenance.boot.support;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.boot.LevelFigures;
import dev.mastodonmaintenance.boot.LevelProgress;
import dev.mastodonmaintenance.boot.MaintenanceRunListener;
import dev.mastodonmaintenance.boot.log.RunLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;

/**
 * Tells the {@link MaintenanceRunListener}s what each committed chunk of a level added to
 * its figures: Spring Batch calls {@link #afterChunk} once the chunk's transaction
 * committed, so a rolled-back chunk is never told. A restarted level's context starts
 * with what its earlier execution did; only what this one adds is told, also when it adds
 * nothing; the steps of levels the run did not select are not. It also names the running
 * level in the logging MDC ({@link RunLog#MDC_STEP}).
 */
public final class LevelProgressRelay implements ChunkListener<Object, Object> {

	private static final Log logger = LogFactory.getLog(LevelProgressRelay.class);

	private final List<MaintenanceRunListener> listeners;

	// the figures each running step execution had at its last commit; gone with the step
	// execution
	private final Map<StepExecution, LevelFigures> committed = Collections.synchronizedMap(new WeakHashMap<>());

	/**
	 * Creates the relay.
	 * @param listeners the listeners, in order
	 */
	public LevelProgressRelay(List<MaintenanceRunListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void beforeChunk(ChunkContext context) {
		StepExecution step = context.getStepContext().getStepExecution();
		MDC.put(RunLog.MDC_STEP, step.getStepName());
		this.committed.computeIfAbsent(step, LevelProgressRelay::figures);
	}

	@Override
	public void afterChunk(ChunkContext context) {
		StepExecution step = context.getStepContext().getStepExecution();
		LevelFigures now = figures(step);
		LevelFigures before = this.committed.put(step, now);
		if (before == null || this.listeners.isEmpty()) {
			return;
		}
		LevelProgress progress;
		try {
			// a partition's chunk adds to its level's figures
			Level level = Level.ofExecutionName(step.getStepName());
			if (level == null) {
				return;
			}
			MaintenanceParameters parameters = new MaintenanceParameters(step.getJobParameters());
			if (!parameters.levels().contains(level)) {
				// the job's other steps pass through without work
				return;
			}
			progress = new LevelProgress(step.getJobExecutionId(), level, parameters.dryRun(), minus(now, before), now);
		}
		catch (IllegalArgumentException ex) {
			// a step this version does not know: the chunk is not the listeners' concern,
			// nor the step's failure
			return;
		}
		for (MaintenanceRunListener listener : this.listeners) {
			try {
				listener.levelProgressed(progress);
			}
			catch (RuntimeException ex) {
				logger.warn("Maintenance run listener " + listener + " failed; ignored", ex);
			}
		}
	}

	private static LevelFigures figures(StepExecution step) {
		return LevelFigures.of(LevelReport.of(step.getExecutionContext()));
	}

	private static LevelFigures minus(LevelFigures now, LevelFigures before) {
		return new LevelFigures(now.rowsVisited() - before.rowsVisited(), now.rowsChanged() - before.rowsChanged(),
				now.rowsCascaded() - before.rowsCascaded(), now.objectsRemoved() - before.objectsRemoved(),
				now.objectsFailed() - before.objectsFailed(), now.bytesStorage() - before.bytesStorage(),
				now.bytesRecorded() - before.bytesRecorded());
	}

}
