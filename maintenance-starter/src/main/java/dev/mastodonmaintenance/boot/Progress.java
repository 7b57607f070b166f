package dev.mastodonmaintenance.boot;

import java.time.Duration;

import dev.mastodonmaintenance.batch.Level;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;

/**
 * How far a running execution is: which of the levels it selected runs, how many rows it
 * processed and an estimate of how many it will have processed once done. Spring Batch
 * knows no totals; each level reports its own position ({@code LevelReport}), and the
 * estimate is made in this order:
 * <ol>
 * <li>{@link Basis#ID_RANGE ID_RANGE}: the level reported where it stands in what its
 * current phase walks (for the levels that walk a Mastodon table by primary-key windows,
 * the last id reached between the table's smallest and largest id); the total is the rows
 * of its earlier phases plus those of this phase divided by the phase's fraction done.
 * Mastodon's ids are time-based, so the fraction is the share of the table's history
 * walked, an estimate when the rows are unevenly spread in time.</li>
 * <li>{@link Basis#PREVIOUS_RUN PREVIOUS_RUN}: else, the read count of the same step in
 * the last execution where it completed.</li>
 * <li>{@link Basis#NONE NONE}: else no estimate; {@code estimatedTotal} and
 * {@code fraction} are {@code null}.</li>
 * </ol>
 * Once the execution is over, the progress is that of its last selected step:
 * {@link Basis#DONE DONE} when it completed (the total is what it processed, the fraction
 * 1), else estimated as above, showing how far the failed or stopped step got.
 *
 * @param executionId the execution
 * @param status the execution's status
 * @param stepName the running (or, once over, the last) step, {@code null} before the
 * first step started
 * @param level that step's level
 * @param stepNumber that step's position among the levels the run selected, from 1
 * @param stepCount the number of levels the run selected
 * @param phase the part of its work the level is in, as it reports it (for
 * {@code statuses-remove}: {@code statuses}, {@code statistics}, {@code media},
 * {@code conversations}), {@code null} for a level of one phase, once the step completed,
 * or when unknown
 * @param processed rows (or keys) the step has processed so far: its read count,
 * committed chunks only
 * @param estimatedTotal the estimated count once the step is done, {@code null} when
 * unknown
 * @param fraction the estimated share of the step (of its current phase, for a level that
 * reports one) that is done, from 0 to 1, {@code null} when unknown
 * @param perSecond rows (or keys) processed per second by the step so far, {@code null}
 * before its first chunk committed
 * @param remaining the estimated time until the step is done, {@code null} when unknown
 * @param basis what the estimate rests on
 */
public record Progress(long executionId, BatchStatus status, @Nullable String stepName, @Nullable Level level,
		int stepNumber, int stepCount, @Nullable String phase, long processed, @Nullable Long estimatedTotal,
		@Nullable Double fraction, @Nullable Double perSecond, @Nullable Duration remaining, Basis basis) {

	/**
	 * What an estimate rests on.
	 */
	public enum Basis {

		/**
		 * The position the level reported in what its current phase walks, such as a
		 * table's id range.
		 */
		ID_RANGE,

		/** The read count of the same step the last time it completed. */
		PREVIOUS_RUN,

		/** Nothing: no estimate. */
		NONE,

		/** The step is over: the total is what it processed. */
		DONE

	}

}
