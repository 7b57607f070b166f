package dev.mastodonmaintenance.operator.cli;

import dev.mastodonmaintenance.batch.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cache}, as tootctl's.
 */
@Command(name = "cache", description = "Rails cache commands, as tootctl cache.",
		subcommands = CacheCommands.Clear.class)
final class CacheCommands {

	/**
	 * {@code cache clear}: removes every {@code cache:*} key of Mastodon's cache Redis.
	 */
	@Command(name = "clear", description = { "Clear out the Rails cache: every cache:* key of Mastodon's cache Redis "
			+ "(CACHE_REDIS_URL, else REDIS_URL); Sidekiq queues and feeds sharing the database are left alone.",
			"tootctl cache clear; --dry-run is ours: it counts the keys." })
	static final class Clear extends LevelCommand {

		@Mixin
		DryRunOption dryRun;

		Clear(CommandContext cli) {
			super(cli, Level.CACHE_CLEAR);
		}

		@Override
		void options() {
			dryRun(this.dryRun);
		}

	}

}
