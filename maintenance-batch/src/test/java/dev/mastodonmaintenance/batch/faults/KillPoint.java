package dev.mastodonmaintenance.batch.faults;

import dev.mastodonmaintenance.batch.Level;

/**
 * Where the fault matrix interrupts a run, and how. A point is reached when its trigger
 * happens for the {@code n}-th time in its step, on whichever thread causes it:
 * <ul>
 * <li>{@link Trigger#AFTER_SQL}: a statement containing {@code sql} has executed (its
 * transaction, if any, is still open);</li>
 * <li>{@link Trigger#BEFORE_DELETE}: the job asks the storage to delete a batch of keys,
 * before anything is sent: for the levels that queue objects, the chunk that freed them
 * has committed;</li>
 * <li>{@link Trigger#AFTER_DELETE}: the storage has deleted a batch and answered, before
 * the manifest records it;</li>
 * <li>{@link Trigger#BEFORE_DELETE_OBJECTS} and {@link Trigger#AFTER_DELETE_OBJECTS}: one
 * S3 DeleteObjects request of a batch is about to be sent, or its answer has arrived,
 * while the batch's other requests may be in flight.</li>
 * </ul>
 *
 * @param name a short name for the report
 * @param step the step in which triggers are counted
 * @param trigger what is counted
 * @param sql part of the statement's text, blanks collapsed, for
 * {@link Trigger#AFTER_SQL}
 * @param n which occurrence, from 1
 * @param action what happens there
 * @param partitioned whether the run cuts its levels into partitions
 * ({@link FaultMatrix#PARTITIONED}), run side by side
 */
record KillPoint(String name, Level step, Trigger trigger, String sql, int n, Action action, boolean partitioned) {

	static KillPoint afterSql(String name, Level step, String sql, int n, Action action) {
		return new KillPoint(name, step, Trigger.AFTER_SQL, sql, n, action, false);
	}

	static KillPoint storage(String name, Level step, Trigger trigger, int n, Action action) {
		return new KillPoint(name, step, trigger, "", n, action, false);
	}

	/**
	 * The same point in a run whose levels are partitioned.
	 * @return the point
	 */
	KillPoint inPartitionedRun() {
		return new KillPoint("partitioned " + this.name, this.step, this.trigger, this.sql, this.n, this.action, true);
	}

	/**
	 * The point as one command-line argument of the child JVM.
	 * @return the argument
	 */
	String encode() {
		return String.join("\u001f", this.name, this.step.name(), this.trigger.name(), this.sql,
				Integer.toString(this.n), this.action.name(), Boolean.toString(this.partitioned));
	}

	static KillPoint decode(String encoded) {
		String[] parts = encoded.split("\u001f", -1);
		return new KillPoint(parts[0], Level.valueOf(parts[1]), Trigger.valueOf(parts[2]), parts[3],
				Integer.parseInt(parts[4]), Action.valueOf(parts[5]), Boolean.parseBoolean(parts[6]));
	}

	/** What a point counts. */
	enum Trigger {

		AFTER_SQL, BEFORE_DELETE, AFTER_DELETE, BEFORE_DELETE_OBJECTS, AFTER_DELETE_OBJECTS

	}

	/** What happens at a point. */
	enum Action {

		/**
		 * The child halts itself ({@code Runtime.halt}): no shutdown hook, no rollback,
		 * as {@code kill -9}.
		 */
		HALT,

		/** The child says where it is and waits; the parent kills it with SIGKILL. */
		KILL,

		/**
		 * The child says where it is and waits; the parent shuts PostgreSQL down
		 * immediately and starts it again, then lets the child go on with connections
		 * that are gone.
		 */
		RESTART_POSTGRES

	}

}
