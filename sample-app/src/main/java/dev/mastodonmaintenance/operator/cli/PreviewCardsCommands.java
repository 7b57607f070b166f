package dev.mastodonmaintenance.operator.cli;

import dev.mastodonmaintenance.batch.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code preview_cards}, as tootctl's.
 */
@Command(name = "preview_cards", aliases = "preview-cards", description = "Preview card commands, as tootctl "
		+ "preview_cards.", subcommands = PreviewCardsCommands.Remove.class)
final class PreviewCardsCommands {

	/**
	 * {@code preview_cards remove}.
	 */
	@Command(name = "remove", description = { "Remove the images of preview cards last updated more than --days ago "
			+ "(the cards stay). Mastodon does not fetch a card again for two weeks: keep --days above 14.",
			"tootctl preview_cards remove." })
	static final class Remove extends LevelCommand {

		@Option(names = "--days", paramLabel = "N", description = "How old cards must be, in days (default 180).")
		String days;

		@Option(names = "--link", description = "Only link-type cards, not photo or video ones.")
		boolean link;

		@Option(names = { "-c", "--concurrency" }, paramLabel = "N", description = "Accepted as tootctl's (default 5).")
		String concurrency;

		@Option(names = { "--dry-run", "--dry_run" }, description = "Walk and count, remove nothing.")
		boolean dryRun;

		Remove(Cli cli) {
			super(cli, Level.PREVIEW_CARDS_REMOVE);
		}

		@Override
		void options() {
			option("days", this.days);
			flag("link", this.link);
			option("concurrency", this.concurrency);
			dryRun(this.dryRun);
		}

	}

}
