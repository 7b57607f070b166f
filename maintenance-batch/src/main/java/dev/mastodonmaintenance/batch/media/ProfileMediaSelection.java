package dev.mastodonmaintenance.batch.media;

import java.time.LocalDateTime;
import java.util.List;

import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.media.ProfileImages;
import dev.mastodonmaintenance.media.ProfileMedia;

/**
 * {@code media remove --prune-profiles} or {@code --remove-headers}: avatars and headers
 * of remote accounts. Every account in the time scope counts as visited, as in tootctl,
 * whether or not its images go.
 */
final class ProfileMediaSelection implements MediaSelection {

	private final ProfileMedia profiles;

	private final LocalDateTime cutoff;

	private final ProfileMedia.Target target;

	private final boolean includeFollows;

	ProfileMediaSelection(ProfileMedia profiles, LocalDateTime cutoff, ProfileMedia.Target target,
			boolean includeFollows) {
		this.profiles = profiles;
		this.cutoff = cutoff;
		this.target = target;
		this.includeFollows = includeFollows;
	}

	@Override
	public String table() {
		return "accounts";
	}

	@Override
	public TakenFiles take(long afterId, long upToId, boolean dryRun) {
		long visited = this.profiles.visited(afterId, upToId, this.cutoff);
		List<ProfileImages> rows = dryRun
				? this.profiles.find(afterId, upToId, this.cutoff, this.target, this.includeFollows)
				: this.profiles.clear(afterId, upToId, this.cutoff, this.target, this.includeFollows);
		return new TakenFiles(visited, MediaSelection.ids(rows, ProfileImages::accountId),
				rows.stream().flatMap((row) -> row.files().stream()).toList(),
				rows.stream().mapToLong(ProfileImages::recordedBytes).sum(), List.of());
	}

	@Override
	public String summary(LevelReport report) {
		return "Visited " + report.rowsVisited() + " accounts and removed profile media totaling "
				+ LevelReport.humanSize(report.bytesRecorded()) + MediaSelection.dryRun(report);
	}

}
