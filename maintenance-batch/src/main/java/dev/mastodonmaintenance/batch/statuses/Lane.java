package dev.mastodonmaintenance.batch.statuses;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One of the ranges of ids that the statuses phase (of {@code statuses}) or the
 * conversations phase (of {@code conversations}) walks at the same time, one window per
 * chunk each. Ranges far apart rather than consecutive windows: a status's boosts and the
 * replies to them come soon after it, so consecutive windows deleted at once would keep
 * waiting for each other's rows.
 *
 * @param from the exclusive lower bound of the range
 * @param after the last id done (exclusive lower bound of what is left)
 * @param end the last id of the range (inclusive)
 */
record Lane(long from, long after, long end) {

	boolean done() {
		return this.after >= this.end;
	}

	Lane reached(long upTo) {
		return new Lane(this.from, upTo, this.end);
	}

	/**
	 * Cuts {@code (start, end]} into ranges of equal width.
	 * @param start exclusive lower bound
	 * @param end inclusive upper bound
	 * @param count how many ranges
	 * @return the lanes, in id order; all done when {@code start >= end}
	 */
	static List<Lane> split(long start, long end, int count) {
		List<Lane> lanes = new ArrayList<>();
		long width = Math.max(0, end - start) / count;
		long after = start;
		for (int i = 1; i <= count; i++) {
			long last = (i == count) ? Math.max(start, end) : start + width * i;
			lanes.add(new Lane(after, after, last));
			after = last;
		}
		return lanes;
	}

	/**
	 * The id the walk would have reached had the lanes been walked one after the other:
	 * the position a progress estimate over the whole id range can use.
	 * @param lanes the lanes, in id order
	 * @return the equivalent last id
	 */
	static long equivalentPosition(List<Lane> lanes) {
		return lanes.get(0).from() + lanes.stream().mapToLong((lane) -> lane.after() - lane.from()).sum();
	}

	/**
	 * How many ids of their ranges the lanes have walked, for a progress display.
	 * @param lanes the lanes
	 * @return the ids walked
	 */
	static long walked(List<Lane> lanes) {
		return lanes.stream().mapToLong((lane) -> lane.after() - lane.from()).sum();
	}

	/**
	 * How many ids the lanes cover in all.
	 * @param lanes the lanes
	 * @return the ids covered
	 */
	static long width(List<Lane> lanes) {
		return lanes.stream().mapToLong((lane) -> lane.end() - lane.from()).sum();
	}

	static String format(List<Lane> lanes) {
		return lanes.stream()
			.map((lane) -> lane.from() + ":" + lane.after() + ":" + lane.end())
			.collect(Collectors.joining(","));
	}

	static List<Lane> parse(String lanes) {
		return Arrays.stream(lanes.split(",")).map((lane) -> {
			String[] bounds = lane.split(":");
			return new Lane(Long.parseLong(bounds[0]), Long.parseLong(bounds[1]), Long.parseLong(bounds[2]));
		}).toList();
	}

}
