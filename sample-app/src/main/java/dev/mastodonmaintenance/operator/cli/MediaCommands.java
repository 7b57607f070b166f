package dev.mastodonmaintenance.operator.cli;

import java.util.Map;

import dev.mastodonmaintenance.batch.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code media}, as tootctl's.
 */
@Command(name = "media", description = "Media commands, as tootctl media.",
		subcommands = { MediaCommands.Remove.class, MediaCommands.RemoveOrphans.class })
final class MediaCommands {

	/**
	 * {@code media remove}.
	 */
	@Command(name = "remove", description = { "Remove the local copies of remote media attachments older than --days "
			+ "(the rows stay, Mastodon fetches them again when needed); with --prune-profiles or --remove-headers, "
			+ "remote avatars and headers instead.", "tootctl media remove." })
	static final class Remove extends LevelCommand {

		@Mixin
		DaysOption days;

		@Option(names = { "--prune-profiles", "--prune_profiles" },
				description = "Remove remote avatars and headers instead of media attachments.")
		boolean pruneProfiles;

		@Option(names = { "--remove-headers", "--remove_headers" },
				description = "Remove remote headers only instead of media attachments.")
		boolean removeHeaders;

		@Option(names = { "--include-follows", "--include_follows" },
				description = "With --prune-profiles or --remove-headers: also accounts local users follow or are "
						+ "followed by.")
		boolean includeFollows;

		@Option(names = { "--keep-interacted", "--keep_interacted" },
				description = "Keep media of statuses local users interacted with.")
		boolean keepInteracted;

		@Mixin
		StorageConcurrencyOption concurrency;

		@Mixin
		PartitionOptions partitioning;

		@Mixin
		DryRunOption dryRun;

		Remove(CommandContext cli) {
			super(cli, Level.MEDIA_REMOVE);
		}

		@Override
		Map<String, String> tootctlDefaults() {
			return Map.of("--days", "7", "--concurrency", "5");
		}

		@Override
		void options() {
			days(this.days);
			flag("prune-profiles");
			flag("remove-headers");
			flag("include-follows");
			flag("keep-interacted");
			option("concurrency");
			this.partitioning.apply(this);
			dryRun(this.dryRun);
		}

	}

	/**
	 * {@code media remove-orphans}.
	 */
	@Command(name = "remove-orphans", aliases = "remove_orphans",
			description = { "Walk the media storage and remove files no database row refers to.",
					"tootctl media remove-orphans; files younger than a day are never removed (ours)." })
	static final class RemoveOrphans extends LevelCommand {

		@Option(names = "--prefix", paramLabel = "PREFIX", description = "Only keys under this prefix, such as cache.")
		String prefix;

		@Option(names = { "--start-after", "--start_after" }, paramLabel = "KEY",
				description = "Start the walk after this key.")
		String startAfter;

		@Option(names = { "--fix-permissions", "--fix_permissions" }, hidden = true)
		boolean fixPermissions;

		@Mixin
		PartitionOptions partitioning;

		@Mixin
		DryRunOption dryRun;

		RemoveOrphans(CommandContext cli) {
			super(cli, Level.MEDIA_REMOVE_ORPHANS);
		}

		@Override
		void options() {
			if (this.fixPermissions) {
				throw new CliException("--fix-permissions (re-applying S3_PERMISSION to every object) is not supported "
						+ "by this tool; run tootctl media remove-orphans --fix-permissions for it");
			}
			option("prefix");
			option("start-after");
			this.partitioning.apply(this);
			dryRun(this.dryRun);
		}

	}

}
