package dev.mastodonmaintenance.boot;

import dev.mastodonmaintenance.batch.LevelReport;

/**
 * What a level did (or, in a dry run, would have done), in the figures of its
 * {@link LevelReport}; summed over the steps of a run in
 * {@link ExecutionSummary#totals()}.
 *
 * @param rowsVisited rows (or Redis keys) looked at
 * @param rowsChanged rows deleted or changed
 * @param rowsCascaded rows the database removed by cascade
 * @param objectsRemoved stored objects removed
 * @param objectsFailed stored objects that could not be removed
 * @param bytesStorage bytes freed, as the storage reported them
 * @param bytesRecorded bytes as Mastodon's size columns record them (tootctl's "approx."
 * figures)
 */
public record LevelFigures(long rowsVisited, long rowsChanged, long rowsCascaded, long objectsRemoved,
		long objectsFailed, long bytesStorage, long bytesRecorded) {

	/** No work at all. */
	public static final LevelFigures NONE = new LevelFigures(0, 0, 0, 0, 0, 0, 0);

	/**
	 * The figures of a level's report.
	 * @param report the report
	 * @return its figures
	 */
	public static LevelFigures of(LevelReport report) {
		return new LevelFigures(report.rowsVisited(), report.rowsChanged(), report.rowsCascaded(),
				report.objectsRemoved(), report.objectsFailed(), report.bytesStorage(), report.bytesRecorded());
	}

	/**
	 * These figures added to others.
	 * @param other other figures
	 * @return the sum
	 */
	public LevelFigures plus(LevelFigures other) {
		return new LevelFigures(this.rowsVisited + other.rowsVisited, this.rowsChanged + other.rowsChanged,
				this.rowsCascaded + other.rowsCascaded, this.objectsRemoved + other.objectsRemoved,
				this.objectsFailed + other.objectsFailed, this.bytesStorage + other.bytesStorage,
				this.bytesRecorded + other.bytesRecorded);
	}

	/**
	 * The bytes freed: as the storage reported them when it did, else as Mastodon
	 * recorded them.
	 * @return bytes
	 */
	public long bytesFreed() {
		return (this.bytesStorage > 0) ? this.bytesStorage : this.bytesRecorded;
	}

}
