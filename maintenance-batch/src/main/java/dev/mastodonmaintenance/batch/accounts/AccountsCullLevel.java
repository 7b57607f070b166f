package dev.mastodonmaintenance.batch.accounts;

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
 * {@code accounts-cull}: its options are read and checked; its work is not written yet, so the step ends as
 * skipped, saying so.
 */
public final class AccountsCullLevel implements LevelDefinition {

	/**
	 * Creates the level.
	 * @param server the Mastodon server
	 */
	public AccountsCullLevel(MastodonServer server) {
	}

	@Override
	public Level level() {
		return Level.ACCOUNTS_CULL;
	}

	@Override
	public Set<String> parameterNames() {
		return AccountsCullOptions.NAMES;
	}

	@Override
	public void validate(MaintenanceParameters parameters) {
		AccountsCullOptions.from(parameters);
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
