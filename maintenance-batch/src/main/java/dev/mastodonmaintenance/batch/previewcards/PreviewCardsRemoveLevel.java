package dev.mastodonmaintenance.batch.previewcards;

import java.time.LocalDateTime;
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
import dev.mastodonmaintenance.previewcards.PreviewCardImage;
import dev.mastodonmaintenance.previewcards.PreviewCardImages;
import dev.mastodonmaintenance.schema.MastodonRelease;
import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.storage.ObjectToRemove;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code preview-cards-remove}: the images of preview cards last updated before the
 * cut-off (exclusive) are removed and their file columns cleared; the cards stay. One
 * chunk is one window of {@code preview_cards} ids; the last id of the window is the
 * checkpoint.
 */
public final class PreviewCardsRemoveLevel implements PartitionedLevel<PreviewCardsRemoveOptions> {

	static final String LAST_ID = "preview-cards-remove.last-id";

	private final JdbcTemplate jdbc;

	private final @Nullable MediaStorage storage;

	/**
	 * Creates the level.
	 * @param mastodon Mastodon's resources, whose media storage may be absent
	 */
	public PreviewCardsRemoveLevel(MastodonResources mastodon) {
		this.jdbc = new JdbcTemplate(mastodon.database());
		this.storage = mastodon.storage();
	}

	@Override
	public Level level() {
		return Level.PREVIEW_CARDS_REMOVE;
	}

	@Override
	public Set<String> optionNames() {
		return PreviewCardsRemoveOptions.NAMES;
	}

	@Override
	public PreviewCardsRemoveOptions options(MaintenanceParameters parameters) {
		return PreviewCardsRemoveOptions.from(parameters.of(level()));
	}

	/**
	 * Partitions by ranges of the ids of {@code preview_cards}.
	 */
	@Override
	public List<ExecutionContext> partition(PreviewCardsRemoveOptions options, MaintenanceParameters parameters,
			int gridSize) {
		return IdRange.partitions(new IdRanges(this.jdbc, "preview_cards"), gridSize);
	}

	@Override
	public LevelWork open(PreviewCardsRemoveOptions options, MaintenanceParameters parameters) {
		// tootctl's summary reads "Removed media from N preview cards" from Mastodon 4.6
		// on, "Removed N preview
		// cards" before; a schema of no known release gets the newest words
		boolean mediaWording = MastodonSchema.read(this.jdbc)
			.release()
			.map((release) -> release.compareTo(MastodonRelease.V4_6) >= 0)
			.orElse(true);
		return new Work(options, parameters.daysBeforeRun(options.days()), mediaWording);
	}

	private final class Work implements LevelWork {

		private final PreviewCardsRemoveOptions options;

		private final LocalDateTime cutoff;

		private final PreviewCardImages images = new PreviewCardImages(PreviewCardsRemoveLevel.this.jdbc);

		private final IdWindow windows = new IdWindow(PreviewCardsRemoveLevel.this.jdbc, "preview_cards");

		private final TableProgress progress = new TableProgress(PreviewCardsRemoveLevel.this.jdbc, "preview_cards");

		private final boolean mediaWording;

		Work(PreviewCardsRemoveOptions options, LocalDateTime cutoff, boolean mediaWording) {
			this.options = options;
			this.cutoff = cutoff;
			this.mediaWording = mediaWording;
		}

		@Override
		public @Nullable String unavailableReason() {
			return (PreviewCardsRemoveLevel.this.storage == null) ? "no media storage configured" : null;
		}

		@Override
		public boolean nextChunk(LevelTransaction chunk) {
			IdRange range = IdRange.of(chunk.checkpoint());
			long lastId = chunk.checkpoint().getLong(LAST_ID, range.afterId());
			Long upTo = range.done(lastId) ? null
					: this.windows.upperBound(lastId, range.upToId(), this.options.batchSize());
			if (upTo == null) {
				return false;
			}
			this.progress.report(chunk, null, upTo, range);
			List<PreviewCardImage> cards = chunk.dryRun()
					? this.images.find(lastId, upTo, this.cutoff, this.options.link())
					: this.images.clear(lastId, upTo, this.cutoff, this.options.link());
			chunk.visited(cards.size());
			chunk.changed("preview_cards", cards.stream().map(PreviewCardImage::cardId).toList());
			chunk.report().bytesRecorded(cards.stream().mapToLong(PreviewCardImage::recordedBytes).sum());
			chunk.removeAfterCommit(
					cards.stream().map((card) -> ObjectToRemove.recorded(card.storageKey(), card.fileSize())).toList());
			chunk.checkpoint().putLong(LAST_ID, upTo);
			return true;
		}

		@Override
		public List<String> summary(LevelReport report) {
			String dryRun = report.dryRun() ? " (DRY RUN)" : "";
			return List.of((this.mediaWording ? "Removed media from " : "Removed ") + report.rowsChanged() + " "
					+ (this.options.link() ? "link-type " : "") + "preview cards (approx. "
					+ LevelReport.humanSize(report.bytesRecorded()) + ")" + dryRun, report.storageSummary());
		}

	}

}
