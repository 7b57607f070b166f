package dev.mastodonmaintenance.boot.support;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.Progress;
import dev.mastodonmaintenance.boot.Progress.Basis;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Estimates how far a step is, as {@link Progress} documents: from the position of its checkpoint in the id
 * range of the table it walks, else from the last completed run of the same step.
 */
public final class ProgressEstimator {

	/** The tables the levels walk by primary-key windows, keeping their last id under {@code <level>.last-id}. */
	public static final Map<Level, String> WALKED_TABLES = Map.of(Level.PREVIEW_CARDS_REMOVE, "preview_cards",
			Level.MEDIA_REMOVE, "media_attachments", Level.ACCOUNTS_CULL, "accounts", Level.STATUSES_REMOVE,
			"statuses");

	private final JdbcTemplate mastodon;

	private final Map<Level, String> walkedTables;

	private final ExecutionRecords records;

	ProgressEstimator(JdbcTemplate mastodon, Map<Level, String> walkedTables, ExecutionRecords records) {
		this.mastodon = mastodon;
		this.walkedTables = walkedTables.isEmpty() ? Map.of() : new EnumMap<>(walkedTables);
		this.records = records;
	}

	Progress of(JobExecution execution) {
		StepExecution step = execution.getStepExecutions()
			.stream()
			.max((a, b) -> Long.compare(a.getId(), b.getId()))
			.orElse(null);
		int stepCount = Level.values().length;
		if (step == null) {
			return new Progress(execution.getId(), execution.getStatus(), null, null, 0, stepCount, null, 0, null, null,
					null, null, Basis.NONE);
		}
		Level level = level(step.getStepName());
		int number = (level != null) ? level.ordinal() + 1 : 0;
		long processed = step.getReadCount();
		if (step.getStatus() == BatchStatus.COMPLETED) {
			return new Progress(execution.getId(), execution.getStatus(), step.getStepName(), level, number, stepCount, null,
					processed, processed, 1.0, rate(step, processed), Duration.ZERO, Basis.DONE);
		}
		Double fraction = (level != null) ? idRangeFraction(level, step) : null;
		if (fraction != null) {
			Long total = (fraction > 0) ? Math.max(processed, Math.round(processed / fraction)) : null;
			return new Progress(execution.getId(), execution.getStatus(), step.getStepName(), level, number, stepCount, null,
					processed, total, fraction, rate(step, processed), remaining(step, processed, total),
					Basis.ID_RANGE);
		}
		Optional<Long> previous = this.records.lastCompletedReadCount(step.getStepName(), execution.getId());
		if (previous.isPresent() && previous.get() > 0) {
			long total = Math.max(previous.get(), processed);
			return new Progress(execution.getId(), execution.getStatus(), step.getStepName(), level, number, stepCount, null,
					processed, total, (double) processed / total, rate(step, processed),
					remaining(step, processed, total), Basis.PREVIOUS_RUN);
		}
		return new Progress(execution.getId(), execution.getStatus(), step.getStepName(), level, number, stepCount, null,
				processed, null, null, rate(step, processed), null, Basis.NONE);
	}

	private static @Nullable Double rate(StepExecution step, long processed) {
		if (step.getStartTime() == null || processed == 0) {
			return null;
		}
		LocalDateTime end = (step.getEndTime() != null) ? step.getEndTime() : LocalDateTime.now();
		double seconds = Duration.between(step.getStartTime(), end).toMillis() / 1000.0;
		return (seconds > 0) ? processed / seconds : null;
	}

	private static @Nullable Duration remaining(StepExecution step, long processed, @Nullable Long total) {
		Double rate = rate(step, processed);
		if (rate == null || total == null) {
			return null;
		}
		return Duration.ofSeconds(Math.round(Math.max(0, total - processed) / rate));
	}

	private @Nullable Double idRangeFraction(Level level, StepExecution step) {
		String table = this.walkedTables.get(level);
		String key = level.stepName() + ".last-id";
		if (table == null || !step.getExecutionContext().containsKey(key)) {
			return null;
		}
		long lastId = step.getExecutionContext().getLong(key);
		// index: <table>_pkey (min and max are two reads of the index's ends)
		Map<String, Object> range = this.mastodon.queryForMap("SELECT min(id) AS low, max(id) AS high FROM " + table);
		if (!(range.get("low") instanceof Number low) || !(range.get("high") instanceof Number high)) {
			return null;
		}
		double span = (double) high.longValue() - low.longValue() + 1;
		double done = (double) lastId - low.longValue() + 1;
		return Math.max(0, Math.min(1, done / span));
	}

	private static @Nullable Level level(String stepName) {
		try {
			return Level.ofStepName(stepName);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
