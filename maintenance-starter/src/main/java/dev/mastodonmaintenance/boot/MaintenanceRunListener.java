package dev.mastodonmaintenance.boot;

/**
 * Called around every execution of the maintenance job that runs in this application,
 * whoever started it, and as its levels commit their chunks. Declare beans of this type
 * to be told (metrics, notifications, a log). Unlike a Spring Batch
 * {@code JobExecutionListener}, {@link #runEnded} is called once the execution's final
 * status is saved, so what it is told is final. {@link #runStarting} and
 * {@link #runEnded} are called on the thread that runs the levels. A listener that throws
 * is logged and ignored.
 */
public interface MaintenanceRunListener {

	/**
	 * Called before the first step of an execution runs.
	 * @param run the execution, already saved as started
	 */
	default void runStarting(MaintenanceRun run) {
	}

	/**
	 * Called once a chunk of a level committed. The partitions of a partitioned level
	 * commit their chunks on threads of their own: this may then be called from several
	 * threads at once.
	 * @param progress what the chunk did
	 */
	default void levelProgressed(LevelProgress progress) {
	}

	/**
	 * Called once an execution ended, whatever its status, with its levels.
	 * @param run the execution, its final status saved
	 */
	default void runEnded(MaintenanceRun run) {
	}

}
