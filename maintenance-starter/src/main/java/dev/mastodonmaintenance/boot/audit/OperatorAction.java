package dev.mastodonmaintenance.boot.audit;

import java.time.Instant;

/**
 * One thing an operator did to an execution.
 *
 * @param executionId the execution: the one launched or restarted as, or the one stopped,
 * abandoned or recovered
 * @param kind what was done
 * @param operator who did it, as the console, the API or the command line named them
 * @param at when
 */
public record OperatorAction(long executionId, Kind kind, String operator, Instant at) {

	/**
	 * What an operator may do to an execution.
	 */
	public enum Kind {

		/** Started a new run. */
		LAUNCH("launched"),

		/** Restarted a failed or stopped execution, as this new one. */
		RESTART("restarted"),

		/** Asked a running execution to stop. */
		STOP("stopped"),

		/** Gave up a failed or stopped execution. */
		ABANDON("abandoned"),

		/** Marked an execution left running by a dead process as failed. */
		RECOVER("recovered");

		private final String verb;

		Kind(String verb) {
			this.verb = verb;
		}

		/**
		 * The past participle, for lines such as "launched by admin".
		 * @return the verb
		 */
		public String verb() {
			return this.verb;
		}

	}

}
