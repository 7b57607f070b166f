package dev.mastodonmaintenance.operator.cli;

import picocli.CommandLine.Option;

/**
 * {@code --dry-run}, the same for every command that removes something.
 */
final class DryRunOption {

	@Option(names = { "--dry-run", "--dry_run" },
			description = "Walk and count exactly as for real, remove nothing; what would go is recorded in the "
					+ "deletion manifest as dry-run.")
	boolean dryRun;

}
