package dev.mastodonmaintenance.boot.support;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.MaintenanceException;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.audit.OperatorAction;
import dev.mastodonmaintenance.boot.audit.OperatorActions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;

/**
 * Starts a run at each time of a cron expression. Every node sharing the database may
 * have the same schedule: each fire starts the run with the slot's time as its launch
 * instant, so the nodes agree on which run a slot is, and the run lock and the look-up of
 * that slot's run let exactly one of them launch it. The others log why they did not.
 * <p>
 * Unless told otherwise, a slot first resumes the last execution when it failed or was
 * left running by a node that no longer runs it: that slot is spent on the resumed run,
 * the next one starts a new run.
 * <p>
 * What a slot launches or restarts is recorded in {@link OperatorActions} under the
 * operator {@value #OPERATOR}, so that the console and the command line name the schedule
 * as its launcher.
 */
public final class ScheduledRuns implements SmartLifecycle {

	/** The operator name under which scheduled launches and restarts are recorded. */
	public static final String OPERATOR = "schedule";

	private static final Log logger = LogFactory.getLog(ScheduledRuns.class);

	private final MastodonMaintenance maintenance;

	private final SlotLauncher launcher;

	private final String expression;

	private final CronExpression cron;

	private final ZoneId zone;

	private final RunRequest request;

	private final boolean resume;

	private final Clock clock;

	private final OperatorActions operatorActions;

	private @Nullable ThreadPoolTaskScheduler scheduler;

	private @Nullable ScheduledFuture<?> next;

	/**
	 * Creates the schedule.
	 * @param maintenance the facade, which finds and restarts the execution a slot
	 * resumes
	 * @param launcher what starts a slot's run
	 * @param cron the cron expression, Spring's six fields or a macro
	 * @param zone the zone the expression is read in
	 * @param request what each scheduled run does
	 * @param resume whether a slot resumes a failed or stranded last execution rather
	 * than start a new run
	 * @param clock the clock
	 * @param operatorActions where the launches and restarts of the slots are recorded
	 * @throws IllegalArgumentException for an invalid cron expression, naming it
	 */
	public ScheduledRuns(MastodonMaintenance maintenance, SlotLauncher launcher, String cron, ZoneId zone,
			RunRequest request, boolean resume, Clock clock, OperatorActions operatorActions) {
		// its restarts are recorded as any operator's; its launches (not the facade's
		// start) below
		this.maintenance = operatorActions.by(maintenance, OPERATOR);
		this.launcher = launcher;
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
		this.operatorActions = operatorActions;
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

	/**
	 * Stops before {@link GracefulShutdown}, so that no run starts while running ones are
	 * being stopped.
	 */
	@Override
	public int getPhase() {
		return GracefulShutdown.PHASE + 1;
	}

	/**
	 * The next time a run is due.
	 * @return the next slot, {@code null} when the expression has no more
	 */
	public @Nullable ZonedDateTime nextSlot() {
		return this.cron.next(ZonedDateTime.now(this.clock.withZone(this.zone)));
	}

	/**
	 * The cron expression the slots follow.
	 * @return the expression, as configured
	 */
	public String cron() {
		return this.expression;
	}

	/**
	 * The zone the cron expression is read in.
	 * @return the zone
	 */
	public ZoneId zone() {
		return this.zone;
	}

	/**
	 * What each scheduled run does.
	 * @return the request
	 */
	public RunRequest request() {
		return this.request;
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
			long id = this.launcher.startScheduled(this.request, slot.toInstant());
			this.operatorActions.record(id, OperatorAction.Kind.LAUNCH, OPERATOR);
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
