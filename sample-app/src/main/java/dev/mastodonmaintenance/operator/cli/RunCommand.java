package dev.mastodonmaintenance.operator.cli;

import java.util.EnumSet;
import java.util.concurrent.Callable;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.RunRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run}: every level, light to very heavy, with the configured defaults.
 */
@Command(name = "run", description = { "Run every level in one restartable run, light to very heavy: cache clear, "
		+ "preview_cards remove, media remove, media remove-orphans, accounts cull, statuses remove; each with the "
		+ "configured defaults (mastodon.maintenance.levels.<level>.<option>), else tootctl's." })
final class RunCommand implements Callable<Integer> {

	private final Cli cli;

	@Option(names = { "--dry-run", "--dry_run" }, description = "Walk and count, remove nothing.")
	boolean dryRun;

	@Option(names = "--allow-newer-schema", description = "Run even on a Mastodon schema newer than the newest "
			+ "release known, whose tootctl may keep more (recorded with the run).")
	boolean allowNewerSchema;

	RunCommand(Cli cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() throws Exception {
		return this.cli.run(RunRequest.allLevels().dryRun(this.dryRun).allowNewerSchema(this.allowNewerSchema), EnumSet.allOf(Level.class), true);
	}

}
