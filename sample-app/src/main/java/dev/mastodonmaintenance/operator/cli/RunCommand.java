package dev.mastodonmaintenance.operator.cli;

import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.RunRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run}: every level, light to very heavy, with the configured defaults.
 */
@Command(name = "run", description = { "Run every level in one restartable run, light to very heavy: cache clear, "
		+ "preview_cards remove, media remove, media remove-orphans, accounts cull, statuses remove; each with the "
		+ "configured defaults (mastodon.maintenance.levels.<level>.<option>), else tootctl's.",
		"When the last execution failed, or was left running by a process that no longer runs it, it is resumed "
				+ "first (as 'restart ID' does), and the new run starts once it has completed." })
final class RunCommand implements Callable<Integer> {

	private final CommandContext cli;

	@Mixin
	DryRunOption dryRun;

	@Mixin
	AllowNewerSchemaOption allowNewerSchema;

	@Mixin
	JsonOption json;

	@Option(names = "--no-resume", description = "Start a new run without resuming a failed last execution first.")
	boolean noResume;

	RunCommand(CommandContext cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() throws Exception {
		this.cli.json(this.json.json);
		if (!this.noResume) {
			Optional<ExecutionSummary> failed = this.cli.maintenance().toResume();
			if (failed.isPresent()) {
				int resumed = this.cli.resume(failed.get());
				if (resumed != ExitCodes.OK) {
					return this.cli.reported(resumed);
				}
			}
		}
		RunRequest request = RunRequest.allLevels()
			.dryRun(this.dryRun.dryRun)
			.allowNewerSchema(this.allowNewerSchema.allowNewerSchema);
		return this.cli.reported(this.cli.run(request, EnumSet.allOf(Level.class), true));
	}

}
