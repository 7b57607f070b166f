package dev.mastodonmaintenance.boot.support;

import java.time.Instant;

import dev.mastodonmaintenance.boot.MaintenanceException;
import dev.mastodonmaintenance.boot.RunRequest;

/**
 * Starts the run of a schedule's slot, with the slot's time as its launch instant on
 * every node, unless some node already launched it: what {@link ScheduledRuns} needs
 * beyond the facade.
 */
@FunctionalInterface
public interface SlotLauncher {

	/**
	 * Starts the run of a slot.
	 * @param request what to run
	 * @param slot the instant the schedule fired for
	 * @return the id of the new execution
	 * @throws MaintenanceException as {@code MastodonMaintenance.start}, and
	 * {@code ALREADY_RUNNING} when the slot's run was already launched
	 */
	long startScheduled(RunRequest request, Instant slot);

}
