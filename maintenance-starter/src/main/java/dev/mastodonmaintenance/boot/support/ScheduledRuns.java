package dev.mastodonmaintenance.boot.support;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.MaintenanceException;
import dev.mastodonmaintenance.boot.RunRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;

/**
 * Starts a run at each time of a cron expression. Every node sharing the database may have the same
 * schedule: each fire starts the run with the slot's time as its launch instant, so the nodes agree on
 * which run a slot is, and the run lock and the look-up of that slot's run let exactly one of them launch
 * it. The others log why they did not.
 * <p>
 * Unless told otherwise, a slot first resumes the last execution when it failed or was left running by a
 * node that no longer runs it: that slot is spent on the resumed run, the next one starts a new run.
 */
public final class ScheduledRuns implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ScheduledRuns.class);

	private final DefaultMastodonMaintenance maintenance;

	private final String expression;

	private final CronExpression cron;

	private final ZoneId zone;

	private final RunRequest request;

	private final boolean resume;

	private final Clock clock;

	private @Nullable ThreadPoolTaskScheduler scheduler;

	private @Nullable ScheduledFuture<?> next;

	/**
	 * Creates the schedule.
	 * @param maintenance the facade
	 * @param cron the cron expression, Spring's six fields or a macro
	 * @param zone the zone the expression is read in
	 * @param request what each scheduled run does
	 * @param resume whether a slot resumes a failed or stranded last execution rather than start a new run
	 * @param clock the clock
	 * @throws IllegalArgumentException for an invalid cron expression, naming it
	 */
	public ScheduledRuns(DefaultMastodonMaintenance maintenance, String cron, ZoneId zone, RunRequest request,
			boolean resume, Clock clock) {
		this.maintenance = maintenance;
		this.expression = cron;
		try {
			this.cron = CronExpression.parse(cron);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Invalid mastodon.maintenance.schedule.cron '" + cron + "': "
					+ ex.getMessage() + " (six fields: second minute hour day month weekday, or @daily...)", ex);
		}
		this.zone = zone;
		this.request = request;
		this.resume = resume;
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("mastodon-maintenance-schedule-");
		scheduler.setPoolSize(1);
		scheduler.initialize();
		this.scheduler = scheduler;
		scheduleNext();
	}

	@Override
	public synchronized void stop() {
		if (this.next != null) {
			this.next.cancel(false);
			this.next = null;
		}
		if (this.scheduler != null) {
			this.scheduler.shutdown();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	/** Stops before {@link GracefulShutdown}, so that no run starts while running ones are being stopped. */
	@Override
	public int getPhase() {
		return GracefulShutdown.PHASE + 1;
	}

	/**
	 * The cron expression, as configured.
	 * @return the expression
	 */
	public String expression() {
		return this.expression;
	}

	/**
	 * The zone the expression is read in.
	 * @return the zone
	 */
	public ZoneId zone() {
		return this.zone;
	}

	/**
	 * The next time a run is due.
	 * @return the next slot, {@code null} when the expression has no more
	 */
	public @Nullable ZonedDateTime nextSlot() {
		return this.cron.next(ZonedDateTime.now(this.clock.withZone(this.zone)));
	}

	private synchronized void scheduleNext() {
		ThreadPoolTaskScheduler scheduler = this.scheduler;
		ZonedDateTime slot = nextSlot();
		if (scheduler == null || slot == null) {
			return;
		}
		this.next = scheduler.schedule(() -> fire(slot), slot.toInstant());
	}

	private boolean resumed(ZonedDateTime slot) {
		Optional<ExecutionSummary> failed = this.maintenance.toResume();
		if (failed.isEmpty()) {
			return false;
		}
		long id = this.maintenance.restart(failed.get().id());
		logger.info("Scheduled maintenance run of " + slot + ": resumed execution " + failed.get().id() + " ("
				+ failed.get().status() + ") as execution " + id + " before any new run");
		return true;
	}

	void fire(ZonedDateTime slot) {
		try {
			if (this.resume && resumed(slot)) {
				return;
			}
			long id = this.maintenance.startScheduled(this.request, slot.toInstant());
			logger.info("Scheduled maintenance run of " + slot + " started: execution " + id);
		}
		catch (MaintenanceException ex) {
			logger.info("Scheduled maintenance run of " + slot + " not started here: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.error("Scheduled maintenance run of " + slot + " could not be started", ex);
		}
		finally {
			scheduleNext();
		}
	}

}
