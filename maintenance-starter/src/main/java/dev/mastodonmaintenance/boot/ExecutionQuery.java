package dev.mastodonmaintenance.boot;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import dev.mastodonmaintenance.batch.Level;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;

/**
 * A filter and a page over the job's executions, newest first. Every filter is optional.
 *
 * @param statuses only executions in one of these statuses; all when empty
 * @param from only executions created at or after this instant
 * @param to only executions created before this instant
 * @param level only runs that included this level
 * @param page the page number, from 0
 * @param size the page size, from 1 to {@value #MAX_SIZE}
 */
public record ExecutionQuery(Set<BatchStatus> statuses, @Nullable Instant from, @Nullable Instant to,
		@Nullable Level level, int page, int size) {

	/** The largest page size. */
	public static final int MAX_SIZE = 500;

	/** The page size of {@link #firstPage()}. */
	public static final int DEFAULT_SIZE = 20;

	public ExecutionQuery {
		statuses = statuses.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(BatchStatus.class))
				: Collections.unmodifiableSet(EnumSet.copyOf(statuses));
		if (page < 0) {
			throw new IllegalArgumentException("Invalid page " + page + ": pages are numbered from 0");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("Invalid page size " + size + ": from 1 to " + MAX_SIZE);
		}
		if (from != null && to != null && !from.isBefore(to)) {
			throw new IllegalArgumentException("Invalid date range: from " + from + " is not before to " + to);
		}
	}

	/**
	 * The newest {@value #DEFAULT_SIZE} executions, unfiltered.
	 * @return the query
	 */
	public static ExecutionQuery firstPage() {
		return new ExecutionQuery(Set.of(), null, null, null, 0, DEFAULT_SIZE);
	}

	/**
	 * This query restricted to statuses.
	 * @param statuses the statuses
	 * @return a new query
	 */
	public ExecutionQuery withStatuses(BatchStatus... statuses) {
		return new ExecutionQuery(Set.of(statuses), this.from, this.to, this.level, this.page, this.size);
	}

	/**
	 * This query restricted to a creation time range.
	 * @param from inclusive lower bound, or {@code null}
	 * @param to exclusive upper bound, or {@code null}
	 * @return a new query
	 */
	public ExecutionQuery between(@Nullable Instant from, @Nullable Instant to) {
		return new ExecutionQuery(this.statuses, from, to, this.level, this.page, this.size);
	}

	/**
	 * This query restricted to runs that included a level.
	 * @param level the level, or {@code null} for all runs
	 * @return a new query
	 */
	public ExecutionQuery withLevel(@Nullable Level level) {
		return new ExecutionQuery(this.statuses, this.from, this.to, level, this.page, this.size);
	}

	/**
	 * This query on another page.
	 * @param page the page number, from 0
	 * @param size the page size
	 * @return a new query
	 */
	public ExecutionQuery page(int page, int size) {
		return new ExecutionQuery(this.statuses, this.from, this.to, this.level, page, size);
	}

}
