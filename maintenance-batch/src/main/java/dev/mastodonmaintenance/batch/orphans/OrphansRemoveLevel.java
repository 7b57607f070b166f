package dev.mastodonmaintenance.batch.orphans;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelDefinition;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.LevelTransaction;
import dev.mastodonmaintenance.batch.LevelWork;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.orphans.OrphanScan;
import dev.mastodonmaintenance.orphans.OrphanScanner;
import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import dev.mastodonmaintenance.storage.StoredObject;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code media-remove-orphans}: walks the storage in key order under an optional prefix,
 * one listed page per chunk, judges the page against the database with one query per
 * model class, and queues its orphans in the deletion manifest with the page's
 * checkpoint: they are removed in one batch once that chunk has committed, so no restart
 * loses the record of a removal. The last key of the page is the checkpoint, so a restart
 * continues after it without anyone pasting {@code --start-after} (still accepted, for
 * the first attempt). Unrecognised keys are logged and kept; objects younger than
 * {@code min-age} before the run's launch are never judged, so an upload whose row is not
 * committed yet is safe.
 */
public final class OrphansRemoveLevel implements LevelDefinition<OrphansRemoveOptions> {

	static final String LAST_KEY = "media-remove-orphans.last-key";

	static final String KEPT = "media-remove-orphans.kept";

	static final String UNRECOGNIZED = "media-remove-orphans.unrecognized";

	static final String TOO_YOUNG = "media-remove-orphans.too-young";

	private static final Log logger = LogFactory.getLog(OrphansRemoveLevel.class);

	private final JdbcTemplate jdbc;

	private final @Nullable MediaStorage storage;

	/**
	 * Creates the level.
	 * @param mastodon Mastodon's resources, whose media storage may be absent
	 */
	public OrphansRemoveLevel(MastodonResources mastodon) {
		this.jdbc = new JdbcTemplate(mastodon.database());
		this.storage = mastodon.storage();
	}

	@Override
	public Level level() {
		return Level.MEDIA_REMOVE_ORPHANS;
	}

	@Override
	public Set<String> optionNames() {
		return OrphansRemoveOptions.NAMES;
	}

	@Override
	public OrphansRemoveOptions options(MaintenanceParameters parameters) {
		return OrphansRemoveOptions.from(parameters.of(level()));
	}

	@Override
	public LevelWork open(OrphansRemoveOptions options, MaintenanceParameters parameters) {
		return new Work(options, parameters.runAt().minus(options.minAge()));
	}

	private final class Work implements LevelWork {

		private final OrphansRemoveOptions options;

		private final Instant judgedBefore;

		// what the schema holds is read once, as the step starts
		private final OrphanScanner scanner = new OrphanScanner(OrphansRemoveLevel.this.jdbc,
				MastodonSchema.read(OrphansRemoveLevel.this.jdbc));

		Work(OrphansRemoveOptions options, Instant judgedBefore) {
			this.options = options;
			this.judgedBefore = judgedBefore;
		}

		@Override
		public @Nullable String unavailableReason() {
			return (OrphansRemoveLevel.this.storage == null) ? "no media storage configured" : null;
		}

		@Override
		public boolean nextChunk(LevelTransaction chunk) {
			ExecutionContext checkpoint = chunk.checkpoint();
			String after = checkpoint.containsKey(LAST_KEY) ? checkpoint.getString(LAST_KEY)
					: this.options.startAfter();
			List<StoredObject> page = chunk.storage().list(this.options.prefix(), after, this.options.batchSize());
			if (page.isEmpty()) {
				return false;
			}
			OrphanScan scan = this.scanner.scan(page, this.judgedBefore);
			chunk.visited(page.size());
			scan.unrecognized().forEach((object) -> logger.warn("Unrecognized file found: " + object.key()));
			List<ObjectToRemove> orphans = new ArrayList<>();
			scan.orphans().forEach((object) -> orphans.add(ObjectToRemove.listed(object.key(), object.size())));
			chunk.removeAfterCommit(orphans);
			chunk.report().count(KEPT, scan.kept().size());
			chunk.report().count(UNRECOGNIZED, scan.unrecognized().size());
			chunk.report().count(TOO_YOUNG, scan.tooYoung().size());
			checkpoint.putString(LAST_KEY, page.get(page.size() - 1).key());
			return page.size() == this.options.batchSize();
		}

		@Override
		public List<String> summary(LevelReport report) {
			String dryRun = report.dryRun() ? " (DRY RUN)" : "";
			List<String> lines = new ArrayList<>();
			lines.add("Removed " + report.objectsRemoved() + " orphans (approx. "
					+ LevelReport.humanSize(report.bytesStorage()) + ")" + dryRun);
			lines.add("Visited " + report.rowsVisited() + " stored objects; kept " + report.count(UNRECOGNIZED)
					+ " unrecognized and " + report.count(TOO_YOUNG) + " younger than "
					+ describe(this.options.minAge()));
			if (report.objectsFailed() > 0) {
				lines.add(report.objectsFailed() + " orphans could not be removed");
			}
			return lines;
		}

		private static String describe(Duration duration) {
			return duration.toString().substring(2).toLowerCase();
		}

	}

}
