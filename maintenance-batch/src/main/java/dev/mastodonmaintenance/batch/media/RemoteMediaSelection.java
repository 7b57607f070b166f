package dev.mastodonmaintenance.batch.media;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.media.MediaAttachmentFiles;
import dev.mastodonmaintenance.media.RemoteMedia;

/**
 * {@code media remove} without profile options: cached remote media attachments.
 */
final class RemoteMediaSelection implements MediaSelection {

	private final RemoteMedia media;

	private final LocalDateTime cutoff;

	private final boolean keepInteracted;

	RemoteMediaSelection(RemoteMedia media, LocalDateTime cutoff, boolean keepInteracted) {
		this.media = media;
		this.cutoff = cutoff;
		this.keepInteracted = keepInteracted;
	}

	@Override
	public String table() {
		return "media_attachments";
	}

	@Override
	public TakenFiles take(long afterId, long upToId, boolean dryRun) {
		List<MediaAttachmentFiles> rows = dryRun ? this.media.find(afterId, upToId, this.cutoff, this.keepInteracted)
				: this.media.clear(afterId, upToId, this.cutoff, this.keepInteracted);
		return new TakenFiles(rows.size(), MediaSelection.ids(rows, MediaAttachmentFiles::mediaId),
				rows.stream().flatMap((row) -> row.files().stream()).toList(),
				rows.stream().mapToLong(MediaAttachmentFiles::recordedBytes).sum(),
				rows.stream().map(MediaAttachmentFiles::statusId).filter(Objects::nonNull).distinct().toList());
	}

	@Override
	public String summary(LevelReport report) {
		return "Removed " + report.rowsVisited() + " media attachments (approx. "
				+ LevelReport.humanSize(report.bytesRecorded()) + ")" + MediaSelection.dryRun(report);
	}

}
