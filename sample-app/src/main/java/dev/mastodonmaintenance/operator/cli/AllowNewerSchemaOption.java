package dev.mastodonmaintenance.operator.cli;

import picocli.CommandLine.Option;

/**
 * {@code --allow-newer-schema}, the same for every command that may remove something.
 */
final class AllowNewerSchemaOption {

	@Option(names = "--allow-newer-schema", description = "Run even on a Mastodon schema newer than the newest "
			+ "release known, whose tootctl may keep more (recorded with the run).")
	boolean allowNewerSchema;

}
