package dev.mastodonmaintenance.boot.log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.mastodonmaintenance.boot.MaintenanceRun;
import dev.mastodonmaintenance.boot.MaintenanceRunListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;
import org.springframework.context.SmartLifecycle;

/**
 * Captures the lines logged on the thread that runs an execution's levels (found by the
 * execution's id in the MDC): {@code INFO} and above of the project's own loggers,
 * {@code WARN} and above of any other. A Logback turbo filter sees each line before the
 * configured levels do, so the levels' summaries are kept even when the console shows
 * warnings only, and it decides nothing: what is printed stays as configured. The lines
 * wait in memory and are written in batches by a thread of their own every second, and at
 * the execution's end, so that a chunk never waits for the log.
 */
final class RunLogCapture extends TurboFilter implements MaintenanceRunListener, SmartLifecycle {

	private static final String PROJECT = "dev.mastodonmaintenance.";

	private final RunLog log;

	private final LoggerContext context;

	private final Map<Long, Lines> runs = new ConcurrentHashMap<>();

	private @Nullable ScheduledExecutorService writer;

	RunLogCapture(RunLog log, LoggerContext context) {
		this.log = log;
		this.context = context;
		setName("mastodon-maintenance-run-log");
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		// format is null when a logger is only asked whether it is enabled
		if (format == null || !level.isGreaterOrEqual(Level.INFO)) {
			return FilterReply.NEUTRAL;
		}
		String execution = MDC.get(RunLog.MDC_EXECUTION);
		if (execution == null || (!level.isGreaterOrEqual(Level.WARN) && !logger.getName().startsWith(PROJECT))) {
			return FilterReply.NEUTRAL;
		}
		long id = Long.parseLong(execution);
		Lines lines = this.runs.get(id);
		if (lines != null) {
			lines.add(new RunLogLine(id, MDC.get(RunLog.MDC_STEP), level.toString(), Instant.now(),
					text(format, params, t)));
		}
		return FilterReply.NEUTRAL;
	}

	private static String text(String format, Object @Nullable [] params, @Nullable Throwable failure) {
		String text = (params != null && params.length > 0) ? MessageFormatter.arrayFormat(format, params).getMessage()
				: format;
		if (failure != null) {
			text = text + " (" + failure + ")";
		}
		return (text.length() > RunLog.MAX_LENGTH) ? text.substring(0, RunLog.MAX_LENGTH - 1) + "…" : text;
	}

	@Override
	public void runStarting(MaintenanceRun run) {
		this.runs.put(run.executionId(), new Lines());
	}

	@Override
	public void runEnded(MaintenanceRun run) {
		Lines lines = this.runs.remove(run.executionId());
		if (lines != null) {
			write(run.executionId(), lines, true);
		}
	}

	private void writeAll() {
		this.runs.forEach((id, lines) -> write(id, lines, false));
	}

	private void write(long executionId, Lines lines, boolean last) {
		List<RunLogLine> batch = lines.drain(executionId, last);
		if (batch.isEmpty()) {
			return;
		}
		try {
			this.log.write(batch);
		}
		catch (RuntimeException ex) {
			// the database is away: the lines wait for the next write, unless the
			// execution is over
			if (!last) {
				lines.putBack(batch);
			}
		}
	}

	@Override
	public synchronized void start() {
		if (this.writer != null) {
			return;
		}
		ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "mastodon-maintenance-run-log");
			thread.setDaemon(true);
			return thread;
		});
		writer.scheduleWithFixedDelay(this::writeAll, 1, 1, TimeUnit.SECONDS);
		this.writer = writer;
		super.start();
		this.context.addTurboFilter(this);
	}

	@Override
	public synchronized void stop() {
		if (this.writer == null) {
			return;
		}
		this.context.getTurboFilterList().remove(this);
		super.stop();
		this.writer.shutdown();
		this.writer = null;
		writeAll();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.writer != null;
	}

	/**
	 * The lines of one execution not yet written, and how many it logged beyond
	 * {@link RunLog#MAX_LINES}.
	 */
	private static final class Lines {

		private final List<RunLogLine> pending = new ArrayList<>();

		private int kept;

		private long dropped;

		synchronized void add(RunLogLine line) {
			if (this.kept >= RunLog.MAX_LINES) {
				this.dropped++;
				return;
			}
			this.kept++;
			this.pending.add(line);
		}

		synchronized List<RunLogLine> drain(long executionId, boolean last) {
			List<RunLogLine> drained = new ArrayList<>(this.pending);
			this.pending.clear();
			if (last && this.dropped > 0) {
				drained.add(new RunLogLine(executionId, null, "WARN", Instant.now(),
						this.dropped + " more lines were not kept: the log keeps the first " + RunLog.MAX_LINES
								+ " of an execution"));
			}
			return drained;
		}

		synchronized void putBack(List<RunLogLine> lines) {
			this.pending.addAll(0, lines);
		}

	}

}
