package dev.mastodonmaintenance.operator.cli;

import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.batch.Level;
import picocli.CommandLine.Command;
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
	@Command(name = "cull", description = { "Ask each remote account's server whether it still exists and remove "
			+ "those answered 404 or 410 Gone, with their content. Accounts seen in the last week are skipped; "
			+ "unreachable servers are listed, never culled.", "tootctl accounts cull." })
	static final class Cull extends LevelCommand {

		@Parameters(paramLabel = "DOMAIN", arity = "0..*", description = "Only accounts of these domains.")
		List<String> domains = new ArrayList<>();

		@Option(names = { "-c", "--concurrency" }, paramLabel = "N",
				description = "How many requests at once (default 5).")
		String concurrency;

		@Option(names = { "--dry-run", "--dry_run" },
				description = "Check, remove nothing (reachable accounts are still marked seen, as tootctl does).")
		boolean dryRun;

		Cull(Cli cli) {
			super(cli, Level.ACCOUNTS_CULL);
		}

		@Override
		void options() {
			if (!this.domains.isEmpty()) {
				option("domains", String.join(",", this.domains));
			}
			option("concurrency", this.concurrency);
			dryRun(this.dryRun);
		}

	}

}
