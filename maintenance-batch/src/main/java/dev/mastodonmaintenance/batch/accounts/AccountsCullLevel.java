package dev.mastodonmaintenance.batch.accounts;

import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.mastodonmaintenance.IdWindow;
import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.accounts.CullCandidate;
import dev.mastodonmaintenance.accounts.CullCandidates;
import dev.mastodonmaintenance.accounts.PrivateAddressGuard;
import dev.mastodonmaintenance.accounts.ProbeTimeouts;
import dev.mastodonmaintenance.accounts.Reachability;
import dev.mastodonmaintenance.accounts.ReachabilityChecks.AccountCheck;
import dev.mastodonmaintenance.accounts.ReachabilityChecks.Batch;
import dev.mastodonmaintenance.accounts.ReachabilityChecks;
import dev.mastodonmaintenance.accounts.ReachabilityProbe;
import dev.mastodonmaintenance.accounts.RemoteAccountDeletion.AccountPurge;
import dev.mastodonmaintenance.accounts.RemoteAccountDeletion.DeletedAccounts;
import dev.mastodonmaintenance.accounts.RemoteAccountDeletion.PurgeChunk;
import dev.mastodonmaintenance.accounts.RemoteAccountDeletion;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.LevelTransaction;
import dev.mastodonmaintenance.batch.LevelWork;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.batch.PartitionedLevel;
import dev.mastodonmaintenance.batch.TableProgress;
import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code accounts-cull}: remote ActivityPub accounts quiet for 7 days get an unsigned
 * {@code HEAD} to their ActivityPub id; 404 or 410 deletes the account as Mastodon's
 * DeleteAccountService does in the database, any other answer or a failed request touches
 * it, and a domain whose request failed is skipped for the rest of the run and listed at
 * the end. Its chunks (commit a window, touch, delete), its windows probed while earlier
 * ones finish, and its checkpoint are described in docs/database-levels.md.
 */
public final class AccountsCullLevel implements PartitionedLevel<AccountsCullOptions> {

	private static final Log logger = LogFactory.getLog(AccountsCullLevel.class);

	static final String LAST_ID = "accounts-cull.last-id";

	static final String TO_TOUCH = "accounts-cull.to-touch";

	static final String TO_DELETE = "accounts-cull.to-delete";

	static final String UNREACHABLE = "accounts-cull.unreachable-domains";

	static final String FLUSH = "accounts-cull.flush";

	static final String CULLED = "accounts-cull.culled";

	static final String TOUCHED = "accounts-cull.touched";

	static final String FAILED = "accounts-cull.failed";

	// the most windows read ahead of the one being committed
	private static final int MAX_WINDOWS = 100;

	private final JdbcTemplate jdbc;

	private final PrivateAddressGuard guard;

	private final ProbeTimeouts timeouts;

	/**
	 * Creates the level with Mastodon's request timeouts.
	 * @param mastodon Mastodon's resources, whose {@code ALLOWED_PRIVATE_ADDRESSES} the
	 * probes honour
	 */
	public AccountsCullLevel(MastodonResources mastodon) {
		this(mastodon, ProbeTimeouts.MASTODON);
	}

	/**
	 * Creates the level.
	 * @param mastodon Mastodon's resources, whose {@code ALLOWED_PRIVATE_ADDRESSES} the
	 * probes honour
	 * @param timeouts the probes' time limits
	 */
	public AccountsCullLevel(MastodonResources mastodon, ProbeTimeouts timeouts) {
		this.jdbc = new JdbcTemplate(mastodon.database());
		this.guard = PrivateAddressGuard.allowing(String.join(",", mastodon.allowedPrivateAddresses()));
		this.timeouts = timeouts;
	}

	@Override
	public Level level() {
		return Level.ACCOUNTS_CULL;
	}

	@Override
	public Set<String> optionNames() {
		return AccountsCullOptions.NAMES;
	}

	@Override
	public AccountsCullOptions options(MaintenanceParameters parameters) {
		return AccountsCullOptions.from(parameters.of(level()));
	}

	/**
	 * Partitions by buckets of domains ({@link DomainBucket}): each partition walks the
	 * accounts and checks those of its domains.
	 */
	@Override
	public List<ExecutionContext> partition(AccountsCullOptions options, MaintenanceParameters parameters,
			int gridSize) {
		return DomainBucket.partitions(gridSize);
	}

	@Override
	public String describe(ExecutionContext partition) {
		DomainBucket bucket = DomainBucket.of(partition);
		return (bucket != null) ? bucket.description() : "every domain";
	}

	@Override
	public Set<String> counters() {
		return Set.of(CULLED, TOUCHED, FAILED);
	}

	/**
	 * The unreachable domains of all partitions, each listed once: a domain is in one
	 * partition only.
	 */
	@Override
	public void merge(ExecutionContext total, ExecutionContext partition) {
		Set<String> unreachable = new LinkedHashSet<>(strings(total.getString(UNREACHABLE, "")));
		unreachable.addAll(strings(partition.getString(UNREACHABLE, "")));
		total.putString(UNREACHABLE, String.join(",", unreachable));
	}

	@Override
	public LevelWork open(AccountsCullOptions options, MaintenanceParameters parameters) {
		ReachabilityProbe probe = new ReachabilityProbe(this.guard, ReachabilityProbe.userAgent(null), this.timeouts);
		return new Work(options, parameters.daysBeforeRun(CullCandidates.SKIP_DAYS),
				new ReachabilityChecks(probe, options.concurrency(), options.perDomain()));
	}

	private final class Work implements LevelWork {

		private final AccountsCullOptions options;

		private final LocalDateTime recentSince;

		private final ReachabilityChecks checks;

		private final CullCandidates candidates = new CullCandidates(AccountsCullLevel.this.jdbc);

		private final IdWindow idWindows = new IdWindow(AccountsCullLevel.this.jdbc, "accounts");

		private final RemoteAccountDeletion deletion;

		private @Nullable AccountPurge purge;

		// the gone accounts already offered to deleteEmpty in this step execution: those
		// it left get a purge each (after a restart they are offered again, at no harm)
		private final Set<Long> offered = new HashSet<>();

		private long purgedAccount;

		private final TableProgress progress = new TableProgress(AccountsCullLevel.this.jdbc, "accounts");

		// the windows read and being checked, oldest first: only the oldest is committed,
		// once decided; the others are in memory only, and checked again after a restart
		private final Deque<Window> windows = new ArrayDeque<>();

		// the end of the last window read, -1 before this step execution's first chunk
		private long readUpTo = -1;

		private boolean allRead;

		// the accounts of the windows read and not committed yet
		private int held;

		Work(AccountsCullOptions options, LocalDateTime recentSince, ReachabilityChecks checks) {
			this.options = options;
			this.recentSince = recentSince;
			this.checks = checks;
			// what the schema holds is read once, as the step starts
			this.deletion = new RemoteAccountDeletion(AccountsCullLevel.this.jdbc,
					MastodonSchema.read(AccountsCullLevel.this.jdbc), options.batchSize());
		}

		@Override
		public boolean nextChunk(LevelTransaction chunk) throws InterruptedException {
			ExecutionContext context = chunk.checkpoint();
			if (this.readUpTo < 0) {
				// the first chunk of this step execution, also after a restart: on from
				// the last window committed
				this.readUpTo = context.getLong(LAST_ID, 0);
				this.checks.unreachable(strings(context.getString(UNREACHABLE, "")));
			}
			// the threads the chunks of touches and deletions leave idle check the next
			// windows meanwhile
			while (mayReadAhead() && this.checks.idle()) {
				readWindow(DomainBucket.of(context));
			}
			if (context.containsKey(FLUSH)) {
				// the previous chunk queued files: they are removed now, in a short
				// transaction of their own, before the next window's commit waits for
				// its requests
				context.remove(FLUSH);
				return true;
			}
			List<Long> toTouch = ids(context.getString(TO_TOUCH, ""));
			if (!toTouch.isEmpty()) {
				int touched = this.candidates.touch(toTouch);
				context.putString(TO_TOUCH, "");
				chunk.report().count(TOUCHED, touched);
				return true;
			}
			List<Long> toDelete = ids(context.getString(TO_DELETE, ""));
			if (!toDelete.isEmpty()) {
				deleteNext(chunk, toDelete);
				return true;
			}
			return commitNextWindow(chunk);
		}

		// Whether one more window may be read: what is held in memory stays bounded, at
		// a window's accounts and 100 more for each request in flight (enough to keep
		// the other threads busy while one waits up to 10 s for a server that does not
		// answer), and at most MAX_WINDOWS windows, so that a chunk never walks far
		// through accounts outside the scope
		private boolean mayReadAhead() {
			return !this.allRead && this.windows.size() < MAX_WINDOWS
					&& this.held < this.options.batchSize() + 100 * this.options.concurrency();
		}

		/**
		 * Reads the next window: the next {@code batch-size} ids of {@code accounts}, or
		 * for a partition as many windows of {@code batch-size} ids as it takes to hold
		 * {@code batch-size} accounts of its domains, at most as many as there are
		 * buckets (each statement still reads at most {@code batch-size} rows); and
		 * starts checking its due accounts.
		 */
		private void readWindow(@Nullable DomainBucket bucket) {
			List<CullCandidate> scope = new ArrayList<>();
			long upTo = this.readUpTo;
			int idWindows = (bucket != null) ? bucket.buckets() : 1;
			for (int i = 0; i < idWindows && scope.size() < this.options.batchSize(); i++) {
				Long next = this.idWindows.upperBound(upTo, this.options.batchSize());
				if (next == null) {
					this.allRead = true;
					break;
				}
				List<CullCandidate> read = this.candidates.scope(upTo, next, this.options.domains(), this.recentSince);
				read.stream()
					.filter((candidate) -> bucket == null || bucket.holds(candidate.domain()))
					.forEach(scope::add);
				upTo = next;
			}
			if (upTo == this.readUpTo) {
				return;
			}
			Batch batch = this.checks.start(scope.stream().filter(CullCandidate::due).toList());
			this.windows.add(new Window(upTo, scope.size(), batch));
			this.held += scope.size();
			this.readUpTo = upTo;
		}

		/**
		 * Commits the oldest window once all its accounts are decided, while the later
		 * windows are checked: what to touch and delete, the counts, the unreachable
		 * domains; windows are read meanwhile as threads fall idle.
		 */
		private boolean commitNextWindow(LevelTransaction chunk) throws InterruptedException {
			ExecutionContext context = chunk.checkpoint();
			while (true) {
				Window oldest = this.windows.peek();
				if (oldest == null) {
					if (this.allRead) {
						return false;
					}
					readWindow(DomainBucket.of(context));
				}
				else if (this.checks.await(oldest.batch(), mayReadAhead())) {
					break;
				}
				else {
					readWindow(DomainBucket.of(context));
				}
			}
			Window window = this.windows.poll();
			this.held -= window.accounts();
			this.progress.report(chunk, null, window.upTo());
			List<Long> gone = new ArrayList<>();
			List<Long> answered = new ArrayList<>();
			int failed = 0;
			for (AccountCheck check : window.batch().results()) {
				Reachability reachability = check.result().reachability();
				if (reachability == Reachability.GONE) {
					gone.add(check.account().id());
				}
				else if (reachability == Reachability.ALIVE || reachability == Reachability.UNREACHABLE) {
					answered.add(check.account().id());
				}
				else if (reachability == Reachability.FAILED) {
					failed++;
					logger.error("Error processing " + check.account().id() + ": " + check.result().detail());
				}
			}
			chunk.visited(window.accounts());
			chunk.report().count(CULLED, gone.size());
			chunk.report().count(FAILED, failed);
			// the domains this window found unreachable, not those later windows found:
			// those windows are checked again after a restart, and find them again
			Set<String> unreachable = new LinkedHashSet<>(strings(context.getString(UNREACHABLE, "")));
			unreachable.addAll(window.batch().unreachableDomains());
			context.putString(UNREACHABLE, String.join(",", unreachable));
			context.putString(TO_TOUCH, join(answered));
			context.putString(TO_DELETE, chunk.dryRun() ? "" : join(gone));
			this.offered.clear();
			context.putLong(LAST_ID, window.upTo());
			return true;
		}

		// One bounded statement of the deletion: of the gone accounts that have nothing
		// left but their row, up to batch-size at once; else of the first gone
		// account's purge.
		private void deleteNext(LevelTransaction chunk, List<Long> toDelete) {
			long accountId = toDelete.get(0);
			if (this.purge == null && !this.offered.contains(accountId)) {
				List<Long> offer = toDelete.stream()
					.filter((id) -> !this.offered.contains(id))
					.limit(this.options.batchSize())
					.toList();
				this.offered.addAll(offer);
				DeletedAccounts deleted = this.deletion.deleteEmpty(offer);
				chunk.removeAfterCommit(
						deleted.fileKeys().stream().map((key) -> ObjectToRemove.recorded(key, null)).toList());
				chunk.changed("accounts", deleted.ids());
				Set<Long> gone = new HashSet<>(deleted.ids());
				chunk.checkpoint()
					.putString(TO_DELETE, join(toDelete.stream().filter((id) -> !gone.contains(id)).toList()));
				if (!deleted.fileKeys().isEmpty()) {
					chunk.checkpoint().putString(FLUSH, "files queued");
				}
				return;
			}
			if (this.purge == null || this.purgedAccount != accountId) {
				// also after a restart: a purge started again from the beginning finishes
				// the job
				this.purge = this.deletion.start(accountId);
				this.purgedAccount = accountId;
			}
			PurgeChunk done = this.purge.next();
			chunk.removeAfterCommit(done.fileKeys().stream().map((key) -> ObjectToRemove.recorded(key, null)).toList());
			if (done.accountDeleted()) {
				chunk.changed("accounts", (done.rows() > 0) ? List.of(accountId) : List.of());
				chunk.checkpoint().putString(TO_DELETE, join(toDelete.subList(1, toDelete.size())));
				this.purge = null;
			}
			else {
				chunk.report().rowsCascaded(done.rows() + done.cascadedStatuses());
			}
			if (!done.fileKeys().isEmpty()) {
				chunk.checkpoint().putString(FLUSH, "files queued");
			}
		}

		@Override
		public List<String> summary(LevelReport report) {
			List<String> lines = new ArrayList<>();
			lines.add("Visited " + report.rowsVisited() + " accounts, removed " + report.count(CULLED)
					+ (report.dryRun() ? " (DRY RUN)" : ""));
			List<String> unreachable = strings(report.text(UNREACHABLE, ""));
			if (!unreachable.isEmpty()) {
				lines.add("The following domains were not available during the check:");
				unreachable.forEach((domain) -> lines.add("    " + domain));
			}
			if (report.dryRun() && report.count(TOUCHED) > 0) {
				lines.add("Touched " + report.count(TOUCHED) + " accounts that answered although this is a dry run, "
						+ "as tootctl does: culls skip them for 7 days");
			}
			if (report.count(FAILED) > 0) {
				lines.add("Could not check " + report.count(FAILED) + " accounts (see the log)");
			}
			lines.add(report.storageSummary());
			return lines;
		}

		@Override
		public void close() {
			this.checks.close();
		}

	}

	/**
	 * A window read and being checked.
	 *
	 * @param upTo its last id
	 * @param accounts the accounts of the scope it holds, due or not
	 * @param batch the checks of its due accounts
	 */
	private record Window(long upTo, int accounts, Batch batch) {
	}

	private static List<Long> ids(String joined) {
		return strings(joined).stream().map(Long::valueOf).toList();
	}

	private static List<String> strings(String joined) {
		return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
	}

	private static String join(List<Long> ids) {
		return String.join(",", ids.stream().map(String::valueOf).toList());
	}

}
