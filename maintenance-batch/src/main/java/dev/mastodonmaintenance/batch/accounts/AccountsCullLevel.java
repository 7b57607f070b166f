package dev.mastodonmaintenance.batch.accounts;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
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
import dev.mastodonmaintenance.accounts.ReachabilityChecks;
import dev.mastodonmaintenance.accounts.ReachabilityProbe;
import dev.mastodonmaintenance.accounts.RemoteAccountDeletion.AccountPurge;
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
 * the end. Its chunks (probe a window, touch, delete) and checkpoint are described in
 * docs/database-levels.md.
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

		private final RemoteAccountDeletion deletion;

		private @Nullable AccountPurge purge;

		private long purgedAccount;

		private final TableProgress progress = new TableProgress(AccountsCullLevel.this.jdbc, "accounts");

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
			if (context.containsKey(FLUSH)) {
				// the previous chunk queued files: they are removed now, in a short
				// transaction of their own,
				// before a window's requests keep the next one open
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
			return probeNextWindow(chunk);
		}

		private boolean probeNextWindow(LevelTransaction chunk) throws InterruptedException {
			ExecutionContext context = chunk.checkpoint();
			long lastId = context.getLong(LAST_ID, 0);
			Long upTo = new IdWindow(AccountsCullLevel.this.jdbc, "accounts").upperBound(lastId,
					this.options.batchSize());
			if (upTo == null) {
				return false;
			}
			this.progress.report(chunk, null, upTo);
			DomainBucket bucket = DomainBucket.of(context);
			List<CullCandidate> scope = this.candidates.scope(lastId, upTo, this.options.domains(), this.recentSince);
			if (bucket != null) {
				scope = scope.stream().filter((candidate) -> bucket.holds(candidate.domain())).toList();
			}
			Set<String> unreachable = new LinkedHashSet<>(strings(context.getString(UNREACHABLE, "")));
			List<AccountCheck> checked = this.checks.check(scope.stream().filter(CullCandidate::due).toList(),
					unreachable);
			List<Long> gone = new ArrayList<>();
			List<Long> answered = new ArrayList<>();
			int failed = 0;
			for (AccountCheck check : checked) {
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
			chunk.visited(scope.size());
			chunk.report().count(CULLED, gone.size());
			chunk.report().count(FAILED, failed);
			context.putString(UNREACHABLE, String.join(",", unreachable));
			context.putString(TO_TOUCH, join(answered));
			context.putString(TO_DELETE, chunk.dryRun() ? "" : join(gone));
			context.putLong(LAST_ID, upTo);
			return true;
		}

		// One bounded statement of the first gone account's deletion.
		private void deleteNext(LevelTransaction chunk, List<Long> toDelete) {
			long accountId = toDelete.get(0);
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
