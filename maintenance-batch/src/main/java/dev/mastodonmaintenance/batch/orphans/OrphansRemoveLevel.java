package dev.mastodonmaintenance.batch.orphans;

import java.util.List;
import java.util.Set;

import dev.mastodonmaintenance.MastodonServer;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelChunk;
import dev.mastodonmaintenance.batch.LevelDefinition;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.LevelWork;
import dev.mastodonmaintenance.batch.MaintenanceParameters;

/**
 * {@code media-remove-orphans}: its options are read and checked; its work is not written yet, so the step ends as
 * skipped, saying so.
 */
public final class OrphansRemoveLevel implements LevelDefinition {

	/**
	 * Creates the level.
	 * @param server the Mastodon server
	 */
	public OrphansRemoveLevel(MastodonServer server) {
	}

	@Override
	public Level level() {
		return Level.MEDIA_REMOVE_ORPHANS;
	}

	@Override
	public Set<String> parameterNames() {
		return OrphansRemoveOptions.NAMES;
	}

	@Override
	public void validate(MaintenanceParameters parameters) {
		OrphansRemoveOptions.from(parameters);
	}

	@Override
	public LevelWork open(MaintenanceParameters parameters) {
		return new LevelWork() {

			@Override
			public String unavailableReason() {
				return "not implemented yet";
			}

			@Override
			public boolean nextChunk(LevelChunk chunk) {
				return false;
			}

			@Override
			public List<String> summary(LevelReport report) {
				return List.of();
			}

		};
	}

}
