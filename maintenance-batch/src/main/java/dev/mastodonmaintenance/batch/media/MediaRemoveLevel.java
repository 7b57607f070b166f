package dev.mastodonmaintenance.batch.media;

import java.util.List;
import java.util.Set;

import dev.mastodonmaintenance.IdRanges;
import dev.mastodonmaintenance.IdWindow;
import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.IdRange;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.LevelTransaction;
import dev.mastodonmaintenance.batch.LevelWork;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.batch.PartitionedLevel;
import dev.mastodonmaintenance.batch.TableProgress;
import dev.mastodonmaintenance.media.ProfileMedia;
import dev.mastodonmaintenance.media.RemoteMedia;
import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code media-remove}: the stored files of cached remote media, or with
 * {@code prune-profiles} / {@code remove-headers} of remote avatars and headers, go;
 * their rows stay with the file columns cleared. One chunk is one window of ids of
 * {@code media_attachments} (or {@code accounts}): its rows are cleared and their files
 * queued in the deletion manifest in the same transaction, which also saves the window's
 * last id as the checkpoint. The files are removed after that commit, so a crash can
 * leave a file without a row (removed on restart from the manifest), never a row naming a
 * file that is gone. The cached renderings of the media's statuses are dropped after the
 * commit too.
 */
public final class MediaRemoveLevel implements PartitionedLevel<MediaRemoveOptions> {

	static final String LAST_ID = "media-remove.last-id";

	private final JdbcTemplate jdbc;

	private final @Nullable MediaStorage storage;

	private final @Nullable String cacheRedisUrl;

	/**
	 * Creates the level.
	 * @param mastodon Mastodon's resources, whose media storage and cache Redis may be
	 * absent
	 */
	public MediaRemoveLevel(MastodonResources mastodon) {
		this.jdbc = new JdbcTemplate(mastodon.database());
		this.storage = mastodon.storage();
		this.cacheRedisUrl = mastodon.cacheRedisUrl();
	}

	@Override
	public Level level() {
		return Level.MEDIA_REMOVE;
	}

	@Override
	public Set<String> optionNames() {
		return MediaRemoveOptions.NAMES;
	}

	@Override
	public MediaRemoveOptions options(MaintenanceParameters parameters) {
		return MediaRemoveOptions.from(parameters.of(level()));
	}

	/**
	 * Partitions by ranges of the ids of {@code media_attachments}, or of
	 * {@code accounts} for profiles.
	 */
	@Override
	public List<ExecutionContext> partition(MediaRemoveOptions options, MaintenanceParameters parameters,
			int gridSize) {
		return IdRange.partitions(new IdRanges(this.jdbc, options.profiles() ? "accounts" : "media_attachments"),
				gridSize);
	}

	@Override
	public LevelWork open(MediaRemoveOptions options, MaintenanceParameters parameters) {
		// what the schema holds is read once, as the step starts
		MastodonSchema schema = MastodonSchema.read(this.jdbc);
		MediaSelection selection = options.profiles()
				? new ProfileMediaSelection(new ProfileMedia(this.jdbc, schema),
						parameters.daysBeforeRun(options.days()),
						options.pruneProfiles() ? ProfileMedia.Target.AVATARS_AND_HEADERS : ProfileMedia.Target.HEADERS,
						options.includeFollows())
				: new RemoteMediaSelection(new RemoteMedia(this.jdbc, schema), parameters.daysBeforeRun(options.days()),
						options.keepInteracted());
		return new Work(selection, new IdWindow(this.jdbc, selection.table()),
				new TableProgress(this.jdbc, selection.table()), options.batchSize());
	}

	private final class Work implements LevelWork {

		private final MediaSelection selection;

		private final IdWindow windows;

		private final TableProgress progress;

		private final int batchSize;

		private final StatusCacheEviction eviction = new StatusCacheEviction(MediaRemoveLevel.this.cacheRedisUrl);

		Work(MediaSelection selection, IdWindow windows, TableProgress progress, int batchSize) {
			this.selection = selection;
			this.windows = windows;
			this.progress = progress;
			this.batchSize = batchSize;
		}

		@Override
		public @Nullable String unavailableReason() {
			return (MediaRemoveLevel.this.storage == null) ? "no media storage configured" : null;
		}

		@Override
		public boolean nextChunk(LevelTransaction chunk) {
			IdRange range = IdRange.of(chunk.checkpoint());
			long lastId = chunk.checkpoint().getLong(LAST_ID, range.afterId());
			Long upTo = range.done(lastId) ? null : this.windows.upperBound(lastId, range.upToId(), this.batchSize);
			if (upTo == null) {
				return false;
			}
			this.progress.report(chunk, null, upTo, range);
			TakenFiles taken = this.selection.take(lastId, upTo, chunk.dryRun());
			chunk.visited(taken.visited());
			chunk.changed(this.selection.table(), taken.ids());
			chunk.report().bytesRecorded(taken.recordedBytes());
			chunk.removeAfterCommit(taken.files());
			if (!chunk.dryRun()) {
				this.eviction.afterCommit(taken.statusIds());
			}
			chunk.checkpoint().putLong(LAST_ID, upTo);
			return true;
		}

		@Override
		public List<String> summary(LevelReport report) {
			return List.of(this.selection.summary(report), report.storageSummary());
		}

		@Override
		public void close() {
			this.eviction.close();
		}

	}

}
