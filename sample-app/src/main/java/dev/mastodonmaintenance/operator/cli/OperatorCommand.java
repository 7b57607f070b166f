package dev.mastodonmaintenance.operator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root command: lists the others.
 */
@Command(name = "mastodon-maintenance", mixinStandardHelpOptions = true, sortOptions = false,
		customSynopsis = "java -jar sample-app.jar [--mastodon-env=FILE] [--spring.property=value...] COMMAND [OPTIONS]",
		description = { "Mastodon's clean-up, as tootctl does it, in one restartable Spring Batch job.",
				"Configured from Mastodon's environment (DATABASE_URL or DB_*, REDIS_*, CACHE_REDIS_*, "
						+ "PAPERCLIP_ROOT_PATH, S3_*...) and, with --mastodon-env=/home/mastodon/live/.env.production "
						+ "or MASTODON_ENV_FILE, Mastodon's own .env.production. Any Spring property given as "
						+ "--name=value wins. With no Mastodon configured, a demo instance is used." },
		subcommands = { CacheCommands.class, MediaCommands.class, PreviewCardsCommands.class, AccountsCommands.class,
				StatusesCommands.class, RunCommand.class, ExecutionsCommand.class, StatusCommand.class,
				ExecutionCommands.Restart.class, ExecutionCommands.Stop.class, ExecutionCommands.Abandon.class,
				ExecutionCommands.Recover.class, ServeCommand.class },
		footer = { "", "Exit status: 0 completed, 1 wrong arguments or refused, 2 run failed (restart it), "
				+ "3 stopped, abandoned or not completed." })
final class OperatorCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		this.spec.commandLine().usage(this.spec.commandLine().getOut());
	}

}
