package dev.mastodonmaintenance.batch;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What a level did, in numbers a person reads, and how far it is. Kept in the step's
 * {@link ExecutionContext}, so it is saved with every chunk and survives a restart: the
 * figures of a restarted step add up over its attempts.
 */
public final class LevelReport {

	/**
	 * The key of the level's summary lines, in tootctl's words, once its step has ended.
	 */
	public static final String SUMMARY = "report.summary";

	static final String PHASE = "report.progress.phase";

	static final String PHASE_START = "report.progress.phase-start";

	static final String POSITION = "report.progress.position";

	static final String TOTAL = "report.progress.total";

	static final String ROWS_VISITED = "report.rows.visited";

	static final String ROWS_CHANGED = "report.rows.changed";

	static final String ROWS_CASCADED = "report.rows.cascaded";

	static final String OBJECTS_REMOVED = "report.objects.removed";

	static final String OBJECTS_FAILED = "report.objects.failed";

	static final String BYTES_STORAGE = "report.bytes.storage";

	static final String BYTES_RECORDED = "report.bytes.recorded";

	static final String DRY_RUN = "report.dry-run";

	private final ExecutionContext context;

	LevelReport(ExecutionContext context) {
		this.context = context;
	}

	/**
	 * Reads the report of a step execution.
	 * @param context the step's execution context
	 * @return the report
	 */
	public static LevelReport of(ExecutionContext context) {
		return new LevelReport(context);
	}

	/**
	 * Counts rows the level looked at, tootctl's "visited" / "processed".
	 * @param rows rows visited
	 */
	public void rowsVisited(long rows) {
		add(ROWS_VISITED, rows);
	}

	/**
	 * Counts rows the level deleted or changed (or would have, in a dry run).
	 * @param rows rows changed
	 */
	public void rowsChanged(long rows) {
		add(ROWS_CHANGED, rows);
	}

	/**
	 * Counts rows the database removed by cascade, beyond those deleted directly.
	 * @param rows rows removed by cascade
	 */
	public void rowsCascaded(long rows) {
		add(ROWS_CASCADED, rows);
	}

	/**
	 * Counts stored objects removed, and the bytes the storage reported freeing.
	 * @param objects objects removed
	 * @param bytes bytes freed as the storage reported them
	 */
	public void objectsRemoved(long objects, long bytes) {
		add(OBJECTS_REMOVED, objects);
		add(BYTES_STORAGE, bytes);
	}

	/**
	 * Counts stored objects that could not be removed.
	 * @param objects objects left in storage
	 */
	public void objectsFailed(long objects) {
		add(OBJECTS_FAILED, objects);
	}

	/**
	 * Counts bytes as Mastodon's size columns record them ({@code file_file_size} and the
	 * like): what tootctl's "approx." figures are made of.
	 * @param bytes recorded bytes
	 */
	public void bytesRecorded(long bytes) {
		add(BYTES_RECORDED, bytes);
	}

	/**
	 * Adds to one of the level's own counters, such as the statuses it found removable.
	 * @param key the counter's key in the step's context, prefixed with the level's step
	 * name
	 * @param amount what to add
	 * @return the counter's new value
	 */
	public long count(String key, long amount) {
		long total = count(key) + amount;
		this.context.putLong(key, total);
		return total;
	}

	/**
	 * One of the level's own counters.
	 * @param key the counter's key in the step's context
	 * @return its value, 0 when never counted
	 */
	public long count(String key) {
		return this.context.containsKey(key) ? this.context.getLong(key) : 0;
	}

	/**
	 * Notes how far the level is, as {@link LevelTransaction#progress} reports it.
	 * @param phase the part of its work the level is in, {@code null} for a level of one
	 * phase
	 * @param phaseStart the step's read count when the phase started
	 * @param position how far the phase is, from 0 to {@code total}
	 * @param total how far it goes, in the same unit
	 */
	void progress(@Nullable String phase, long phaseStart, long position, long total) {
		if (phase != null) {
			this.context.putString(PHASE, phase);
		}
		else {
			this.context.remove(PHASE);
		}
		this.context.putLong(PHASE_START, phaseStart);
		this.context.putLong(POSITION, Math.max(0, Math.min(position, total)));
		this.context.putLong(TOTAL, total);
	}

	/**
	 * The part of its work the level is in.
	 * @return such as {@code conversations}, {@code null} for a level of one phase or
	 * before it reported
	 */
	public @Nullable String phase() {
		return this.context.containsKey(PHASE) ? this.context.getString(PHASE) : null;
	}

	/**
	 * The share of its current phase the level has done, as it last reported it.
	 * @return from 0 to 1, {@code null} when the level reports no position (it cannot
	 * know its total)
	 */
	public @Nullable Double fraction() {
		long total = count(TOTAL);
		return (total > 0) ? (double) count(POSITION) / total : null;
	}

	/**
	 * The step's read count when the level's current phase started, so that the rows of
	 * earlier phases are not taken for the current one's.
	 * @return the read count, 0 for a level of one phase
	 */
	public long phaseStart() {
		return count(PHASE_START);
	}

	/**
	 * A text the level keeps beside its figures, such as a list of domains.
	 * @param key the key in the step's context
	 * @param fallback the value when absent
	 * @return the value
	 */
	public String text(String key, String fallback) {
		return this.context.containsKey(key) ? this.context.getString(key) : fallback;
	}

	/**
	 * Adds a partition's figures to this total: every level's figures and the level's own
	 * counters named.
	 * @param partition a partition's report
	 * @param counters the level's own counters
	 */
	void add(LevelReport partition, java.util.Set<String> counters) {
		for (String key : new String[] { ROWS_VISITED, ROWS_CHANGED, ROWS_CASCADED, OBJECTS_REMOVED, OBJECTS_FAILED,
				BYTES_STORAGE, BYTES_RECORDED }) {
			add(key, partition.get(key));
		}
		counters.forEach((key) -> add(key, partition.count(key)));
		if (partition.dryRun()) {
			markDryRun(true);
		}
	}

	/**
	 * Sets this total's figures to nothing, before partitions are added.
	 * @param counters the level's own counters
	 */
	void clear(java.util.Set<String> counters) {
		for (String key : new String[] { ROWS_VISITED, ROWS_CHANGED, ROWS_CASCADED, OBJECTS_REMOVED, OBJECTS_FAILED,
				BYTES_STORAGE, BYTES_RECORDED }) {
			this.context.remove(key);
		}
		counters.forEach(this.context::remove);
	}

	void markDryRun(boolean dryRun) {
		this.context.put(DRY_RUN, dryRun);
	}

	public long rowsVisited() {
		return get(ROWS_VISITED);
	}

	public long rowsChanged() {
		return get(ROWS_CHANGED);
	}

	public long rowsCascaded() {
		return get(ROWS_CASCADED);
	}

	public long objectsRemoved() {
		return get(OBJECTS_REMOVED);
	}

	public long objectsFailed() {
		return get(OBJECTS_FAILED);
	}

	public long bytesStorage() {
		return get(BYTES_STORAGE);
	}

	public long bytesRecorded() {
		return get(BYTES_RECORDED);
	}

	public boolean dryRun() {
		return this.context.containsKey(DRY_RUN) && (Boolean) this.context.get(DRY_RUN);
	}

	/**
	 * The line on stored objects, separate from the database's figures: what the storage
	 * itself reported, or in a dry run the sizes it gave when asked, which the real run's
	 * deletes then report.
	 * @return such as
	 * {@code Removed 12 stored objects (3.4 MB as reported by the storage)} or
	 * {@code Would remove 12 stored objects (would free 3.4 MB as sized by the storage) (DRY RUN)}
	 */
	public String storageSummary() {
		if (dryRun()) {
			return "Would remove " + objectsRemoved() + " stored objects (" + storageSize("would free ", "sized")
					+ ") (DRY RUN)";
		}
		return "Removed " + objectsRemoved() + " stored objects (" + storageSize("", "reported") + ")"
				+ ((objectsFailed() > 0) ? ", " + objectsFailed() + " could not be removed" : "");
	}

	// S3 deletes say nothing of sizes and its objects are not asked one by one: "0 Bytes"
	// would be a lie
	private String storageSize(String verb, String how) {
		if (bytesStorage() == 0 && objectsRemoved() > 0) {
			return "no sizes from the storage";
		}
		return verb + humanSize(bytesStorage()) + " as " + how + " by the storage";
	}

	private void add(String key, long amount) {
		count(key, amount);
	}

	private long get(String key) {
		return count(key);
	}

	/**
	 * A size as tootctl prints it ({@code number_to_human_size}: 1024 multiples, 3
	 * significant digits).
	 * @param bytes a size
	 * @return such as {@code 59.6 KB} or {@code 0 Bytes}
	 */
	public static String humanSize(long bytes) {
		if (bytes < 1024) {
			return bytes + ((bytes == 1) ? " Byte" : " Bytes");
		}
		String[] units = { "KB", "MB", "GB", "TB", "PB", "EB" };
		double value = bytes;
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		java.math.BigDecimal rounded = new java.math.BigDecimal(value)
			.round(new java.math.MathContext(3, java.math.RoundingMode.HALF_UP))
			.stripTrailingZeros();
		return rounded.toPlainString() + " " + units[unit];
	}

}
