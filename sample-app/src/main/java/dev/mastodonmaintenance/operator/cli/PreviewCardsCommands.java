package dev.mastodonmaintenance.operator.cli;

import java.util.Map;

import dev.mastodonmaintenance.batch.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code preview_cards}, as tootctl's.
 */
@Command(name = "preview_cards", aliases = "preview-cards",
		description = "Preview card commands, as tootctl " + "preview_cards.",
		subcommands = PreviewCardsCommands.Remove.class)
final class PreviewCardsCommands {

	/**
	 * {@code preview_cards remove}.
	 */
	@Command(name = "remove",
			description = { "Remove the images of preview cards last updated more than --days ago "
					+ "(the cards stay). Mastodon does not fetch a card again for two weeks: keep --days above 14.",
					"tootctl preview_cards remove." })
	static final class Remove extends LevelCommand {

		@Mixin
		DaysOption days;

		@Option(names = "--link", description = "Only link-type cards, not photo or video ones.")
		boolean link;

		@Mixin
		StorageConcurrencyOption concurrency;

		@Mixin
		PartitionOptions partitioning;

		@Mixin
		DryRunOption dryRun;

		Remove(CommandContext cli) {
			super(cli, Level.PREVIEW_CARDS_REMOVE);
		}

		@Override
		Map<String, String> tootctlDefaults() {
			return Map.of("--days", "180", "--concurrency", "5");
		}

		@Override
		void options() {
			days(this.days);
			flag("link");
			option("concurrency");
			this.partitioning.apply(this);
			dryRun(this.dryRun);
		}

	}

}
