package dev.mastodonmaintenance.operator.cli;

import java.util.Map;

import dev.mastodonmaintenance.batch.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code statuses}, as tootctl's.
 */
@Command(name = "statuses", description = "Status commands, as tootctl statuses.",
		subcommands = StatusesCommands.Remove.class)
final class StatusesCommands {

	/**
	 * {@code statuses remove}.
	 */
	@Command(name = "remove", description = { "Remove remote statuses older than --days that no local user "
			+ "interacted with (favourited, bookmarked, boosted, replied to, mentioned in, pinned; by default also "
			+ "those of followed accounts), then the media and conversations they leave behind.",
			"tootctl statuses remove; an interrupted run is resumed with 'restart ID' instead of --continue." })
	static final class Remove extends LevelCommand {

		@Mixin
		DaysOption days;

		@Option(names = { "-b", "--batch-size", "--batch_size" }, paramLabel = "N",
				converter = OptionValues.BatchSize.class, description = "Ids of statuses one window covers, so the "
						+ "most deleted per transaction (default: ${DEFAULT-VALUE}).")
		Integer batchSize;

		@Option(names = { "-c", "--concurrency" }, paramLabel = "N", converter = OptionValues.Concurrency.class,
				description = "Windows of --batch-size statuses, then of unattached media, then of conversations, "
						+ "deleted at once, each on a database connection of its own (default: ${DEFAULT-VALUE}; ours, "
						+ "tootctl deletes one at a time).")
		Integer concurrency;

		@Option(names = { "--clean-followed", "--clean_followed" },
				description = "Also statuses of accounts local users follow.")
		boolean cleanFollowed;

		@Option(names = { "--skip-status-remove", "--skip_status_remove" },
				description = "Skip the statuses, only remove what is left behind.")
		boolean skipStatusRemove;

		@Option(names = { "--skip-media-remove", "--skip_media_remove" },
				description = "Skip the media left unattached.")
		boolean skipMediaRemove;

		@Option(names = { "--compress-database", "--compress_database" },
				description = "Then VACUUM FULL and REINDEX, which lock the tables: Mastodon must be stopped.")
		boolean compressDatabase;

		@Option(names = "--downtime-confirmed",
				description = "Confirms that Mastodon is stopped, as --compress-database requires (ours).")
		boolean downtimeConfirmed;

		@Option(names = "--continue", hidden = true)
		boolean resume;

		@Mixin
		PartitionOptions partitioning;

		@Mixin
		DryRunOption dryRun;

		Remove(CommandContext cli) {
			super(cli, Level.STATUSES_REMOVE);
		}

		@Override
		Map<String, String> tootctlDefaults() {
			return Map.of("--days", "90", "--batch-size", "1000", "--concurrency", "2");
		}

		@Override
		void options() {
			if (this.resume) {
				throw new CliException("--continue is not needed here: an interrupted run keeps its place; resume it "
						+ "with 'restart ID' (see 'executions --status FAILED,STOPPED')");
			}
			days(this.days);
			option("batch-size");
			option("concurrency");
			flag("clean-followed");
			flag("skip-status-remove");
			flag("skip-media-remove");
			flag("compress-database");
			flag("downtime-confirmed");
			this.partitioning.apply(this);
			dryRun(this.dryRun);
		}

	}

}
