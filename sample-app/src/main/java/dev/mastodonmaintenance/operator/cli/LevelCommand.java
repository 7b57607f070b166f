package dev.mastodonmaintenance.operator.cli;

import java.util.Set;
import java.util.concurrent.Callable;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.RunRequest;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * A tootctl clean-up command: one run of the job with only its level, the options given on the command
 * line (the others keep the configured defaults, else tootctl's), followed to its end.
 */
abstract class LevelCommand implements Callable<Integer> {

	private final Cli cli;

	private final Level level;

	private RunRequest request;

	@Option(names = "--allow-newer-schema", description = "Run even on a Mastodon schema newer than the newest "
			+ "release known, whose tootctl may keep more (recorded with the run).")
	boolean allowNewerSchema;

	LevelCommand(Cli cli, Level level) {
		this.cli = cli;
		this.level = level;
		this.request = RunRequest.of(level);
	}

	@Override
	public final Integer call() throws Exception {
		this.request = RunRequest.of(this.level);
		options();
		return this.cli.run(this.request.allowNewerSchema(this.allowNewerSchema), Set.of(this.level), false);
	}

	/**
	 * Adds the options given on the command line, with {@link #option} and {@link #flag}.
	 */
	abstract void options();

	/**
	 * Passes an option when it was given.
	 * @param name the option's tootctl name
	 * @param value the value given, {@code null} when not given
	 */
	final void option(String name, @Nullable Object value) {
		if (value != null) {
			this.request = this.request.option(this.level, name, value);
		}
	}

	/**
	 * Passes a flag when it was given.
	 * @param name the option's tootctl name
	 * @param given whether it was given
	 */
	final void flag(String name, boolean given) {
		if (given) {
			this.request = this.request.option(this.level, name, true);
		}
	}

	/**
	 * Makes the run a dry run.
	 * @param dryRun whether {@code --dry-run} was given
	 */
	final void dryRun(boolean dryRun) {
		this.request = this.request.dryRun(dryRun);
	}

}
