package dev.mastodonmaintenance.batch.statuses;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.mastodonmaintenance.IdRanges;
import dev.mastodonmaintenance.IdWindow;
import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.IdRange;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.LevelTransaction;
import dev.mastodonmaintenance.batch.LevelTransaction.HandedOver;
import dev.mastodonmaintenance.batch.LevelWork;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.batch.PartitionedLevel;
import dev.mastodonmaintenance.media.MediaAttachmentFiles;
import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.statuses.KeepRules;
import dev.mastodonmaintenance.statuses.MediaAttachmentRows;
import dev.mastodonmaintenance.statuses.OrphanedConversations;
import dev.mastodonmaintenance.statuses.RemovableStatuses;
import dev.mastodonmaintenance.statuses.RemovedReplies;
import dev.mastodonmaintenance.statuses.StatusDeletion;
import dev.mastodonmaintenance.statuses.TableStatistics;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code statuses-remove}: tootctl's five steps in its order (statuses, their statistics,
 * unattached media, orphaned conversations, their statistics) as phases of one step, each
 * chunk a window of the table the phase walks. The phases, the lanes of the statuses
 * phase and its checkpoint are described in docs/database-levels.md.
 */
public final class StatusesRemoveLevel implements PartitionedLevel<StatusesRemoveOptions> {

	static final String PHASE = "statuses-remove.phase";

	static final String LAST_ID = "statuses-remove.last-id";

	static final String LANES = "statuses-remove.lanes";

	/** Our table where a run notes the statuses whose replies it deleted. */
	static final String REPLIED_STATUSES = "replied_statuses";

	/** Context key: the statuses found removable so far, tootctl's "out of" count. */
	public static final String CANDIDATES = "statuses-remove.statuses.candidates";

	/** Context key: the statuses removed so far. */
	public static final String REMOVED = "statuses-remove.statuses.removed";

	static final String CASCADED = "statuses-remove.statuses.cascaded";

	static final String CARD_LINKS = "statuses-remove.card-links";

	/** Context key: the media attachments left unattached that were removed so far. */
	public static final String MEDIA = "statuses-remove.media.removed";

	/** Context key: the orphaned conversations removed so far. */
	public static final String CONVERSATIONS = "statuses-remove.conversations.removed";

	static final String STATISTICS = "statuses-remove.statistics";

	/**
	 * Context key: the partitions' statuses phase is over, and the parents they noted are
	 * to be forgotten.
	 */
	static final String FORGET_REPLIES = "statuses-remove.forget-replies";

	/** How many times a window of statuses is tried when it loses a deadlock. */
	static final int WINDOW_ATTEMPTS = 3;

	private static final Log logger = LogFactory.getLog(StatusesRemoveLevel.class);

	/**
	 * How young a conversation may be and still be orphaned: its first status may not be
	 * committed yet.
	 */
	static final double CONVERSATION_MIN_AGE_DAYS = 1.0 / 24;

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate windowTransaction;

	private final @Nullable MediaStorage storage;

	/**
	 * Creates the level.
	 * @param mastodon Mastodon's resources; without media storage the unattached media
	 * are left for a run that has one
	 */
	public StatusesRemoveLevel(MastodonResources mastodon) {
		this.dataSource = mastodon.database();
		this.jdbc = new JdbcTemplate(mastodon.database());
		this.windowTransaction = new TransactionTemplate(new DataSourceTransactionManager(mastodon.database()));
		this.storage = mastodon.storage();
	}

	@Override
	public Level level() {
		return Level.STATUSES_REMOVE;
	}

	@Override
	public Set<String> optionNames() {
		return StatusesRemoveOptions.NAMES;
	}

	@Override
	public StatusesRemoveOptions options(MaintenanceParameters parameters) {
		return StatusesRemoveOptions.from(parameters.of(level()));
	}

	/** The chunk's connection, and one for each window deleted beside it. */
	@Override
	public int connections(StatusesRemoveOptions options) {
		return 1 + options.concurrency();
	}

	/**
	 * Partitions the statuses phase by ranges of the ids of {@code statuses} below the
	 * cut-off; each partition walks its range in {@code concurrency} lanes. The later
	 * phases run once the partitions have all completed, in the level's own step.
	 */
	@Override
	public List<ExecutionContext> partition(StatusesRemoveOptions options, MaintenanceParameters parameters,
			int gridSize) {
		long cutoffId = KeepRules.olderThan(options.days(), parameters.runAt(), options.cleanFollowed()).cutoffId();
		return IdRange.partitions(new IdRanges(this.jdbc, "statuses"), gridSize, cutoffId);
	}

	@Override
	public Set<String> counters() {
		return Set.of(CANDIDATES, REMOVED, CASCADED, CARD_LINKS);
	}

	@Override
	public boolean continuesAfterPartitions() {
		return true;
	}

	@Override
	public void afterPartitions(ExecutionContext total) {
		total.putString(PHASE, Phase.STATUSES_STATISTICS.name());
		total.putLong(LAST_ID, 0);
		total.remove(LANES);
		total.putString(FORGET_REPLIES, "true");
	}

	@Override
	public LevelWork open(StatusesRemoveOptions options, MaintenanceParameters parameters) {
		return new Work(options, KeepRules.olderThan(options.days(), parameters.runAt(), options.cleanFollowed()),
				parameters.daysBeforeRun(options.days() - 1), parameters.daysBeforeRun(CONVERSATION_MIN_AGE_DAYS));
	}

	/** tootctl's steps, in its order. */
	enum Phase {

		STATUSES("statuses"), STATUSES_STATISTICS("statistics"), MEDIA("media"), CONVERSATIONS("conversations"),
		CONVERSATIONS_STATISTICS("statistics");

		/** The phase as a progress display names it. */
		final String label;

		Phase(String label) {
			this.label = label;
		}

	}

	private final class Work implements LevelWork {

		private final StatusesRemoveOptions options;

		private final KeepRules rules;

		private final LocalDateTime mediaCreatedBefore;

		private final LocalDateTime conversationsCreatedBefore;

		// noting the parents of the replies it deletes, once the run is known
		private @Nullable RemovableStatuses statuses;

		// the round of windows after the checkpoint that the last chunk committed
		private @Nullable Round ahead;

		// what the schema holds is read once, as the step starts
		private final MediaAttachmentRows media = new MediaAttachmentRows(StatusesRemoveLevel.this.jdbc,
				MastodonSchema.read(StatusesRemoveLevel.this.jdbc));

		private final OrphanedConversations conversations = new OrphanedConversations(StatusesRemoveLevel.this.jdbc);

		private final TableStatistics statistics = new TableStatistics(StatusesRemoveLevel.this.dataSource);

		private final ExecutorService windows;

		// the step's context, where the phases' own figures are kept for the summary
		private ExecutionContext figures = new ExecutionContext();

		Work(StatusesRemoveOptions options, KeepRules rules, LocalDateTime mediaCreatedBefore,
				LocalDateTime conversationsCreatedBefore) {
			this.options = options;
			this.rules = rules;
			this.mediaCreatedBefore = mediaCreatedBefore;
			this.conversationsCreatedBefore = conversationsCreatedBefore;
			this.windows = Executors.newFixedThreadPool(options.concurrency(), (task) -> {
				Thread thread = new Thread(task, "statuses-remove-window");
				thread.setDaemon(true);
				return thread;
			});
		}

		@Override
		public boolean nextChunk(LevelTransaction chunk) {
			ExecutionContext checkpoint = chunk.checkpoint();
			this.figures = checkpoint;
			windowSettings(WINDOW_SETTINGS);
			Phase phase = Phase.valueOf(checkpoint.getString(PHASE, Phase.STATUSES.name()));
			if (checkpoint.containsKey(FORGET_REPLIES)) {
				// the partitions noted parents for each other: forgotten once all are
				// done
				forgetRemovedReplies(chunk);
				checkpoint.remove(FORGET_REPLIES);
				return true;
			}
			boolean phaseGoesOn = switch (phase) {
				case STATUSES -> !this.options.skipStatusRemove() && removeStatuses(chunk);
				case MEDIA -> mediaRemovable() && removeMedia(chunk);
				case CONVERSATIONS -> removeConversations(chunk);
				case STATUSES_STATISTICS, CONVERSATIONS_STATISTICS -> updateStatistics(chunk, phase);
			};
			if (phaseGoesOn) {
				return true;
			}
			if (phase == Phase.CONVERSATIONS_STATISTICS || partition(checkpoint)) {
				// a partition does the statuses phase alone
				return false;
			}
			logger.info("statuses-remove: phase " + phase + " done");
			checkpoint.putString(PHASE, Phase.values()[phase.ordinal() + 1].name());
			checkpoint.putLong(LAST_ID, 0);
			checkpoint.remove(LANES);
			return true;
		}

		private boolean removeStatuses(LevelTransaction chunk) {
			if (this.statuses == null) {
				long run = chunk.stepExecution().getJobExecution().getJobInstance().getInstanceId();
				forgetRepliesOfEndedRuns(chunk, run);
				this.statuses = new RemovableStatuses(StatusesRemoveLevel.this.jdbc,
						new RemovedReplies(chunk.ourTable(REPLIED_STATUSES), run));
			}
			RemovableStatuses statuses = this.statuses;
			if (walkLanes(chunk, Phase.STATUSES, (lane) -> removeStatusesWindow(chunk, statuses, lane))) {
				return true;
			}
			// the parents noted are all decided now, unless other partitions still walk
			if (!partition(chunk.checkpoint())) {
				statuses.forgetRemovedReplies();
			}
			return false;
		}

		private boolean removeMedia(LevelTransaction chunk) {
			return walkLanes(chunk, Phase.MEDIA, (lane) -> removeMediaWindow(chunk, lane));
		}

		private boolean removeConversations(LevelTransaction chunk) {
			return walkLanes(chunk, Phase.CONVERSATIONS, (lane) -> removeConversationsWindow(chunk, lane));
		}

		// One round of the phase's lanes per chunk. The next round starts as soon as this
		// one is counted, on its own connections, rather than after the chunk has
		// committed.
		private boolean walkLanes(LevelTransaction chunk, Phase phase, Function<Lane, LaneWindow> window) {
			Round round = (this.ahead != null) ? this.ahead
					: startRound(chunk, lanes(chunk.checkpoint(), phase), window);
			this.ahead = null;
			if (round.windows().stream().allMatch(Objects::isNull)) {
				return false;
			}
			List<Lane> reached = finish(round, chunk.checkpoint(), chunk);
			chunk.progress(phase.label, Lane.walked(reached), Lane.width(reached));
			this.ahead = startRound(chunk, reached, window);
			return true;
		}

		// A run forgets its noted parents when its statuses phase ends; one abandoned
		// before that (or whose job
		// executions were deleted) never will, and no restart will read them again: they
		// go here. A run that
		// failed or stopped keeps them for its restart.
		// This asks Spring Batch's tables in SQL, not the JobRepository, on purpose: the
		// ledger is keyed by job
		// instance, and one statement in this chunk's transaction decides for every run
		// it holds, whereas the
		// repository answers one instance at a time (each of its executions loaded with
		// parameters and context)
		// and has no query for "instances still restartable". The join reads only
		// BATCH_JOB_EXECUTION's
		// instance id and status, both columns Spring Batch's schema defines.
		private void forgetRemovedReplies(LevelTransaction chunk) {
			long run = chunk.stepExecution().getJobExecution().getJobInstance().getInstanceId();
			new RemovableStatuses(StatusesRemoveLevel.this.jdbc,
					new RemovedReplies(chunk.ourTable(REPLIED_STATUSES), run))
				.forgetRemovedReplies();
		}

		private boolean partition(ExecutionContext checkpoint) {
			return IdRange.isPartition(checkpoint);
		}

		private void forgetRepliesOfEndedRuns(LevelTransaction chunk, long run) {
			StatusesRemoveLevel.this.jdbc.update("""
					DELETE FROM %s r
					WHERE r.run_id <> ?
					  AND r.run_id <> ALL (array(
					    SELECT e.JOB_INSTANCE_ID FROM %s e
					    GROUP BY e.JOB_INSTANCE_ID
					    HAVING bool_and(e.STATUS NOT IN ('COMPLETED', 'ABANDONED'))))
					""".formatted(chunk.ourTable(REPLIED_STATUSES), chunk.ourTable("BATCH_JOB_EXECUTION")), run);
		}

		// Should a window not start (the JVM out of threads), those already started still
		// commit on their own:
		// they are waited for and counted, and their lanes moved past them, before the
		// error goes up.
		private Round startRound(LevelTransaction chunk, List<Lane> lanes, Function<Lane, LaneWindow> window) {
			List<@Nullable Future<LaneWindow>> windows = new ArrayList<>();
			try {
				for (Lane lane : lanes) {
					windows.add(lane.done() ? null : this.windows.submit(() -> window.apply(lane)));
				}
			}
			catch (RuntimeException | Error ex) {
				while (windows.size() < lanes.size()) {
					windows.add(null);
				}
				try {
					finish(new Round(lanes, windows), chunk.checkpoint(), chunk);
				}
				catch (RuntimeException windowFailure) {
					ex.addSuppressed(windowFailure);
				}
				throw ex;
			}
			return new Round(lanes, windows);
		}

		// Waits for the round's windows, then counts those that committed and moves their
		// lanes past them: also
		// when a window failed, since Spring Batch keeps the context of a chunk that
		// failed, so the windows that
		// committed are neither counted nor done again.
		private List<Lane> finish(Round round, ExecutionContext checkpoint, @Nullable LevelTransaction chunk) {
			List<Lane> reached = new ArrayList<>(round.lanes());
			RuntimeException failure = null;
			for (int i = 0; i < reached.size(); i++) {
				Future<LaneWindow> window = round.windows().get(i);
				if (window == null) {
					continue;
				}
				try {
					LaneWindow done = window.get();
					done.count(checkpoint, chunk);
					reached.set(i, reached.get(i).reached(done.upTo()));
				}
				catch (ExecutionException ex) {
					RuntimeException cause = (ex.getCause() instanceof RuntimeException runtime) ? runtime
							: new IllegalStateException(ex.getCause());
					if (failure == null) {
						failure = cause;
					}
					else {
						failure.addSuppressed(cause);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while windows were being removed", ex);
				}
			}
			checkpoint.putString(LANES, Lane.format(reached));
			checkpoint.putLong(LAST_ID, Lane.equivalentPosition(reached));
			if (failure != null) {
				throw failure;
			}
			return reached;
		}

		// The lanes of the checkpoint or, at the start of the phase, the ids of the
		// phase's table cut into concurrency ranges of equal width: for statuses, from
		// the first status to the cut-off (statuses at or above it are never
		// candidates); for media attachments and conversations, the whole table as it
		// is now (a row created later is younger than the phase's age limit).
		private List<Lane> lanes(ExecutionContext checkpoint, Phase phase) {
			if (checkpoint.containsKey(LANES)) {
				return Lane.parse(checkpoint.getString(LANES));
			}
			long lastId = checkpoint.getLong(LAST_ID, 0);
			String table = switch (phase) {
				case STATUSES -> "statuses";
				case MEDIA -> "media_attachments";
				default -> "conversations";
			};
			IdWindow.Extent ids = new IdWindow(StatusesRemoveLevel.this.jdbc, table).extent();
			if (ids == null) {
				return Lane.split(lastId, lastId, this.options.concurrency());
			}
			long start = Math.max(lastId, ids.first() - 1);
			if (phase != Phase.STATUSES) {
				return Lane.split(start, ids.last(), this.options.concurrency());
			}
			// a partition walks its range of ids only
			IdRange range = IdRange.of(checkpoint);
			return Lane.split(Math.max(start, range.afterId()), Math.min(range.upToId(), this.rules.cutoffId() - 1),
					this.options.concurrency());
		}

		// A window that PostgreSQL chose to fail to break a deadlock (with Mastodon's own
		// writes, or with another window over rows the deletion locks do not foresee) is
		// redone from scratch, finding what the winner left.
		private LaneWindow retried(Lane lane, Supplier<LaneWindow> window) {
			for (int attempt = 1;; attempt++) {
				try {
					return window.get();
				}
				catch (PessimisticLockingFailureException ex) {
					if (attempt == WINDOW_ATTEMPTS) {
						throw ex;
					}
					logger.info("Redoing the window after " + lane.after() + ": " + ex.getMessage());
				}
			}
		}

		// On a thread of the pool, in a transaction of its own that records its rows
		// before committing: the next batch-size ids of the lane.
		private LaneWindow removeStatusesWindow(LevelTransaction chunk, RemovableStatuses statuses, Lane lane) {
			return retried(lane, () -> StatusesRemoveLevel.this.windowTransaction.execute((transaction) -> {
				windowSettings(STATUSES_WINDOW_SETTINGS);
				long upTo = upTo(lane, "statuses");
				List<Long> candidates = statuses.candidates(lane.after(), upTo, this.rules);
				StatusDeletion deleted = chunk.dryRun() ? new StatusDeletion(candidates, List.of(), 0, 0)
						: statuses.delete(candidates, this.rules);
				chunk.record("statuses", deleted.removed());
				return new StatusesWindow(upTo, candidates.size(), deleted);
			}));
		}

		// On a thread of the pool, in a transaction of its own that queues the files of
		// the rows it deletes before committing (Paperclip's order: the rows first, the
		// files after the commit): the next batch-size ids of the lane.
		private LaneWindow removeMediaWindow(LevelTransaction chunk, Lane lane) {
			return retried(lane, () -> StatusesRemoveLevel.this.windowTransaction.execute((transaction) -> {
				windowSettings(WINDOW_SETTINGS);
				long upTo = upTo(lane, "media_attachments");
				List<MediaAttachmentFiles> rows = chunk.dryRun()
						? this.media.findUnattached(lane.after(), upTo, this.mediaCreatedBefore)
						: this.media.deleteUnattached(lane.after(), upTo, this.mediaCreatedBefore);
				chunk.record("media_attachments", rows.stream().map(MediaAttachmentFiles::mediaId).toList());
				HandedOver files = chunk.handOver(rows.stream().flatMap((row) -> row.files().stream()).toList());
				return new MediaWindow(upTo, rows.size(),
						rows.stream().mapToLong(MediaAttachmentFiles::recordedBytes).sum(), files);
			}));
		}

		// On a thread of the pool, in a transaction of its own: the next batch-size ids
		// of the lane.
		private LaneWindow removeConversationsWindow(LevelTransaction chunk, Lane lane) {
			return retried(lane, () -> StatusesRemoveLevel.this.windowTransaction.execute((transaction) -> {
				windowSettings(WINDOW_SETTINGS);
				long upTo = upTo(lane, "conversations");
				LocalDateTime createdBefore = this.conversationsCreatedBefore;
				int orphaned = chunk.dryRun() ? this.conversations.count(lane.after(), upTo, createdBefore)
						: this.conversations.delete(lane.after(), upTo, createdBefore);
				return new ConversationsWindow(upTo, orphaned);
			}));
		}

		private long upTo(Lane lane, String table) {
			Long last = new IdWindow(StatusesRemoveLevel.this.jdbc, table).upperBound(lane.after(),
					this.options.batchSize());
			return (last != null) ? Math.min(last, lane.end()) : lane.end();
		}

		private boolean mediaRemovable() {
			return !this.options.skipMediaRemove() && StatusesRemoveLevel.this.storage != null;
		}

		// One statement per chunk, after which the phase is over.
		private boolean updateStatistics(LevelTransaction chunk, Phase phase) {
			if (chunk.dryRun()) {
				return false;
			}
			// one statement whose length nothing foretells
			chunk.progress(phase.label, 0, 0);
			String table = (phase == Phase.STATUSES_STATISTICS) ? "statuses" : "conversations";
			if (this.options.compressDatabase()) {
				this.statistics.compress(table);
			}
			else {
				this.statistics.analyze(table);
			}
			String done = chunk.checkpoint().getString(STATISTICS, "");
			chunk.checkpoint().putString(STATISTICS, done.isEmpty() ? table : done + " and " + table);
			return false;
		}

		@Override
		public void close() {
			// the step ended (stopped, or failed after a chunk) with a round in flight:
			// its windows commit on their
			// own, so their figures and positions go to the context Spring Batch saves
			// last
			Round round = this.ahead;
			this.ahead = null;
			if (round != null) {
				try {
					finish(round, this.figures, null);
				}
				catch (RuntimeException ex) {
					logger.warn("A window of statuses in flight when the step ended failed: " + ex.getMessage());
				}
			}
			this.windows.shutdownNow();
		}

		@Override
		public List<String> summary(LevelReport report) {
			String dryRun = report.dryRun() ? " (DRY RUN)" : "";
			List<String> lines = new ArrayList<>();
			if (this.options.skipStatusRemove()) {
				lines.add("Skipped removing statuses (skip-status-remove)");
			}
			else {
				long removed = report.count(REMOVED);
				long candidates = report.count(CANDIDATES);
				long cascaded = report.count(CASCADED);
				lines.add("Removed " + removed + " out of " + candidates + " statuses"
						+ ((cascaded > 0) ? ", and " + cascaded + " boosts of them by cascade" : "")
						+ ((candidates > removed && !report.dryRun()) ? "; " + (candidates - removed)
								+ " kept: they gained local activity since they were found" : "")
						+ dryRun);
				if (report.count(CARD_LINKS) > 0) {
					lines.add("Removed " + report.count(CARD_LINKS) + " preview card links of removed statuses");
				}
			}
			if (this.options.skipMediaRemove()) {
				lines.add("Skipped removing unattached media attachments (skip-media-remove)");
			}
			else if (StatusesRemoveLevel.this.storage == null) {
				lines.add("Skipped removing unattached media attachments: no media storage configured");
			}
			else {
				long media = report.count(MEDIA);
				lines.add("Removed " + media + " out of " + media + " media_attachments (approx. "
						+ LevelReport.humanSize(report.bytesRecorded()) + ")" + dryRun);
			}
			long conversations = report.count(CONVERSATIONS);
			lines.add("Removed " + conversations + " out of " + conversations + " conversations" + dryRun);
			String analyzed = report.text(STATISTICS, "");
			if (report.dryRun()) {
				lines.add("Skipped updating statistics (DRY RUN)");
			}
			else if (!analyzed.isEmpty()) {
				lines.add((this.options.compressDatabase() ? "Ran VACUUM FULL ANALYZE and REINDEX on "
						: "Ran ANALYZE on ") + analyzed);
			}
			lines.add(report.storageSummary());
			return lines;
		}

	}

	// A window is about a thousand rows: parallel workers would cost more to start than
	// they save, and take CPUs from the live Mastodon; JIT compilation too, which
	// PostgreSQL starts from the estimated cost of a generic plan that knows nothing of
	// the window's bounds (figures in docs/database-levels.md, Measured boundedness).
	// For the current transaction only, in one round trip.
	private static final String WINDOW_SETTINGS = "SELECT set_config('max_parallel_workers_per_gather', '0', true), "
			+ "set_config('jit', 'off', true)";

	// A statuses window also plans its statements once per connection: PostgreSQL
	// judges the candidates' custom plan cheaper than the generic one, whose estimate
	// for the window's bounds is a guess, and so planned that statement, keep rules
	// and all, again for every window (1.6 ms of a window's 47 ms at 1M statuses); the
	// generic plans are the same index walks (docs/benchmarks/statuses-remove.md).
	private static final String STATUSES_WINDOW_SETTINGS = WINDOW_SETTINGS
			+ ", set_config('plan_cache_mode', 'force_generic_plan', true)";

	private void windowSettings(String settings) {
		this.jdbc.queryForList(settings);
	}

	/** Windows of the lanes deleted at once, {@code null} for a lane that is done. */
	private record Round(List<Lane> lanes, List<@Nullable Future<LaneWindow>> windows) {
	}

	/** What one window of a lane did in its own transaction, once it has committed. */
	private interface LaneWindow {

		/** The last id the window covered. */
		long upTo();

		/**
		 * Adds the window to the step's figures: to its read and write counts too when a
		 * chunk is at hand; a round finished as the step ends only has the report.
		 */
		void count(ExecutionContext checkpoint, @Nullable LevelTransaction chunk);

		/**
		 * Counts a window's rows in the report, and in the step's read and write counts
		 * when a chunk is at hand.
		 */
		static void countRows(LevelReport report, @Nullable LevelTransaction chunk, int changed, int visited) {
			if (chunk != null) {
				chunk.counted(changed);
				chunk.visited(visited);
			}
			else {
				report.rowsChanged(changed);
				report.rowsVisited(visited);
			}
		}

	}

	/** What one window of statuses removed, out of how many candidates. */
	private record StatusesWindow(long upTo, int candidates, StatusDeletion deletion) implements LaneWindow {

		@Override
		public void count(ExecutionContext checkpoint, @Nullable LevelTransaction chunk) {
			LevelReport report = LevelReport.of(checkpoint);
			LaneWindow.countRows(report, chunk, this.deletion.removed().size(), this.candidates);
			report.rowsCascaded(this.deletion.cascaded().size());
			// a candidate deleted meanwhile (a boost whose original another window
			// removed) is counted there
			report.count(CANDIDATES, this.candidates - this.deletion.vanished());
			report.count(REMOVED, this.deletion.removed().size());
			report.count(CASCADED, this.deletion.cascaded().size());
			report.count(CARD_LINKS, this.deletion.cardLinks());
		}

	}

	/**
	 * How many unattached media attachments one window removed (or found, in a dry run),
	 * with the files it handed over.
	 */
	private record MediaWindow(long upTo, int removed, long recordedBytes, HandedOver files) implements LaneWindow {

		@Override
		public void count(ExecutionContext checkpoint, @Nullable LevelTransaction chunk) {
			LevelReport report = LevelReport.of(checkpoint);
			LaneWindow.countRows(report, chunk, this.removed, this.removed);
			if (chunk != null) {
				chunk.handedOver(this.files);
			}
			else {
				this.files.reportTo(report);
			}
			report.bytesRecorded(this.recordedBytes);
			report.count(MEDIA, this.removed);
		}

	}

	/** How many orphaned conversations one window removed (or found, in a dry run). */
	private record ConversationsWindow(long upTo, int orphaned) implements LaneWindow {

		@Override
		public void count(ExecutionContext checkpoint, @Nullable LevelTransaction chunk) {
			LevelReport report = LevelReport.of(checkpoint);
			LaneWindow.countRows(report, chunk, 0, this.orphaned);
			report.count(CONVERSATIONS, this.orphaned);
		}

	}

}
