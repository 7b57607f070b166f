package dev.mastodonmaintenance.batch.orphans;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.LevelTransaction;
import dev.mastodonmaintenance.batch.LevelWork;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.batch.PartitionedLevel;
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
public final class OrphansRemoveLevel implements PartitionedLevel<OrphansRemoveOptions> {

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

	/**
	 * Partitions by segments of keys ({@link KeySegments}), each listed with its own
	 * cursor.
	 */
	@Override
	public List<ExecutionContext> partition(OrphansRemoveOptions options, MaintenanceParameters parameters,
			int gridSize) {
		return KeySegments.partitions(this.jdbc, options.prefix(), options.startAfter(), gridSize);
	}

	@Override
	public String describe(ExecutionContext partition) {
		KeySegments segments = KeySegments.of(partition);
		return (segments != null) ? segments.description() : "every key";
	}

	@Override
	public Set<String> counters() {
		return Set.of(KEPT, UNRECOGNIZED, TOO_YOUNG);
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
			KeySegments segments = KeySegments.of(checkpoint);
			if (segments != null) {
				return nextInSegment(chunk, segments);
			}
			String after = checkpoint.containsKey(LAST_KEY) ? checkpoint.getString(LAST_KEY)
					: this.options.startAfter();
			List<StoredObject> page = chunk.storage().list(this.options.prefix(), after, this.options.batchSize());
			if (page.isEmpty()) {
				return false;
			}
			judge(chunk, page);
			return page.size() == this.options.batchSize();
		}

		/**
		 * A partition's chunk: the next page of its current segment, cut at the segment's
		 * end; the segment done, the next one starts from its own start.
		 */
		private boolean nextInSegment(LevelTransaction chunk, KeySegments segments) {
			ExecutionContext checkpoint = chunk.checkpoint();
			int segment = checkpoint.getInt(KeySegments.SEGMENT, 0);
			if (segment >= segments.size()) {
				return false;
			}
			String after = checkpoint.containsKey(LAST_KEY) ? checkpoint.getString(LAST_KEY)
					: segments.starts().get(segment);
			List<StoredObject> listed = chunk.storage().list(this.options.prefix(), after, this.options.batchSize());
			List<StoredObject> page = listed.stream()
				.takeWhile((object) -> !segments.beyond(segment, object.key()))
				.toList();
			if (!page.isEmpty()) {
				judge(chunk, page);
			}
			boolean segmentDone = page.size() < listed.size() || listed.size() < this.options.batchSize();
			if (segmentDone) {
				checkpoint.putInt(KeySegments.SEGMENT, segment + 1);
				checkpoint.remove(LAST_KEY);
			}
			return !segmentDone || segment + 1 < segments.size();
		}

		private void judge(LevelTransaction chunk, List<StoredObject> page) {
			ExecutionContext checkpoint = chunk.checkpoint();
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
