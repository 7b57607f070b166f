package dev.mastodonmaintenance.operator.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command: the options every command takes, and the commands.
 */
@Command(name = ProgramName.NAME, sortOptions = false, versionProvider = ProgramVersion.class,
		description = { "Mastodon's clean-up, as tootctl does it, in one restartable Spring Batch job.",
				"Configured from Mastodon's environment (DATABASE_URL or DB_*, REDIS_*, CACHE_REDIS_*, "
						+ "PAPERCLIP_ROOT_PATH, S3_*...) and, with --mastodon-env=/home/mastodon/live/.env.production "
						+ "or MASTODON_ENV_FILE, Mastodon's own .env.production. Any Spring property given as "
						+ "--name.with.dots=value wins. Without a Mastodon configured, commands refuse to run; "
						+ "--demo runs them on a demo instance instead." },
		subcommands = { CacheCommands.class, MediaCommands.class, PreviewCardsCommands.class, AccountsCommands.class,
				StatusesCommands.class, RunCommand.class, ExecutionsCommand.class, StatusCommand.class,
				ManifestCommand.class, ExecutionCommands.Restart.class, ExecutionCommands.Stop.class,
				ExecutionCommands.Abandon.class, ExecutionCommands.Recover.class, ServeCommand.class,
				WorkerCommand.class, HelpCommand.class },
		footer = { "", "Exit status: 0 completed, 1 wrong arguments, configuration or refused, 2 run failed "
				+ "(restart it), 3 stopped, abandoned or not completed." })
final class RootCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Option(names = { "-h", "--help" }, usageHelp = true, scope = ScopeType.INHERIT,
			description = "Show this help and exit.")
	boolean help;

	@Option(names = { "-V", "--version" }, versionHelp = true,
			description = "Print the version, and the Spring Batch and Mastodon versions it works with, and exit.")
	boolean version;

	@Option(names = "--mastodon-env", paramLabel = "FILE", scope = ScopeType.INHERIT,
			description = "Mastodon's .env.production to read (else MASTODON_ENV_FILE, else Mastodon's variables "
					+ "in the environment).")
	@Nullable String mastodonEnv;

	@Option(names = "--demo", scope = ScopeType.INHERIT,
			description = "Run on a demo instance (an embedded "
					+ "PostgreSQL and Redis with synthetic data, kept under $XDG_DATA_HOME/mastodon-maintenance/demo), "
					+ "not on a Mastodon.")
	boolean demo;

	@Option(names = { "--trace", "--debug" }, scope = ScopeType.INHERIT,
			description = "Print stack traces: of an error, and of a run's failures in 'status'.")
	boolean trace;

	@Override
	public void run() {
		this.spec.commandLine().usage(this.spec.commandLine().getOut());
	}

}
