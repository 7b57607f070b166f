package dev.mastodonmaintenance.operator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.batch.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code accounts}, as tootctl's.
 */
@Command(name = "accounts", description = "Account commands, as tootctl accounts.",
		subcommands = AccountsCommands.Cull.class)
final class AccountsCommands {

	/**
	 * {@code accounts cull}.
	 */
	@Command(name = "cull",
			description = { "Ask each remote account's server whether it still exists and remove "
					+ "those answered 404 or 410 Gone, with their content. Accounts seen in the last week are skipped; "
					+ "unreachable servers are listed, never culled. A dry run still marks reachable accounts seen, as "
					+ "tootctl's does.", "tootctl accounts cull." })
	static final class Cull extends LevelCommand {

		@Parameters(paramLabel = "DOMAIN", arity = "0..*", description = "Only accounts of these domains.")
		List<String> domains = new ArrayList<>();

		@Option(names = { "-c", "--concurrency" }, paramLabel = "N", converter = OptionValues.Concurrency.class,
				description = "How many servers are asked at once (default: ${DEFAULT-VALUE}).")
		Integer concurrency;

		@Option(names = "--batch-size", paramLabel = "N", converter = OptionValues.BatchSize.class,
				description = "Accounts one window holds, checked and then committed together; a partition's "
						+ "window holds N accounts of its own domains (default: ${DEFAULT-VALUE}; ours).")
		Integer batchSize;

		@Mixin
		PartitionOptions partitioning;

		@Mixin
		DryRunOption dryRun;

		Cull(CommandContext cli) {
			super(cli, Level.ACCOUNTS_CULL);
		}

		@Override
		Map<String, String> tootctlDefaults() {
			return Map.of("--concurrency", "5", "--batch-size", "1000");
		}

		@Override
		void options() {
			if (!this.domains.isEmpty()) {
				option("domains", this.domains);
			}
			option("concurrency");
			option("batch-size");
			this.partitioning.apply(this);
			dryRun(this.dryRun);
		}

	}

}
