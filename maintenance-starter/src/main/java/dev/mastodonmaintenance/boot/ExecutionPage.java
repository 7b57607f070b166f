package dev.mastodonmaintenance.boot;

import java.util.List;

/**
 * One page of executions, newest first.
 *
 * @param executions the executions of this page
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param total how many executions match the query in all
 */
public record ExecutionPage(List<ExecutionSummary> executions, int page, int size, long total) {

	public ExecutionPage {
		executions = List.copyOf(executions);
	}

	/**
	 * How many pages the matching executions fill.
	 * @return the number of pages, at least 0
	 */
	public int totalPages() {
		return (int) ((this.total + this.size - 1) / this.size);
	}

	/**
	 * Whether a page follows this one.
	 * @return {@code true} when there are more executions
	 */
	public boolean hasNext() {
		return (long) (this.page + 1) * this.size < this.total;
	}

}
