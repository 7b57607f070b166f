package dev.mastodonmaintenance.operator.cli;

import java.util.EnumSet;
import java.util.concurrent.Callable;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.RunRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code run}: every level, light to very heavy, with the configured defaults.
 */
@Command(name = "run", description = { "Run every level in one restartable run, light to very heavy: cache clear, "
		+ "preview_cards remove, media remove, media remove-orphans, accounts cull, statuses remove; each with the "
		+ "configured defaults (mastodon.maintenance.levels.<level>.<option>), else tootctl's." })
final class RunCommand implements Callable<Integer> {

	private final Cli cli;

	@Mixin
	DryRunOption dryRun;

	@Mixin
	AllowNewerSchemaOption allowNewerSchema;

	RunCommand(Cli cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() throws Exception {
		RunRequest request = RunRequest.allLevels()
			.dryRun(this.dryRun.dryRun)
			.allowNewerSchema(this.allowNewerSchema.allowNewerSchema);
		return this.cli.run(request, EnumSet.allOf(Level.class), true);
	}

}
