package dev.mastodonmaintenance.operator.cli;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.RunRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * A tootctl clean-up command: one run of the job with only its level and the options
 * typed on the command line, under their tootctl names and with the types the parser gave
 * them (the others keep the configured defaults, else tootctl's), followed to its end.
 * The parser has checked the values before the application starts.
 */
abstract class LevelCommand implements Callable<Integer> {

	private final CommandContext cli;

	private final Level level;

	@Spec
	CommandSpec spec;

	private RunRequest request;

	@Mixin
	AllowNewerSchemaOption allowNewerSchema;

	@Mixin
	JsonOption json;

	LevelCommand(CommandContext cli, Level level) {
		this.cli = cli;
		this.level = level;
		this.request = RunRequest.of(level);
	}

	Level level() {
		return this.level;
	}

	/**
	 * tootctl's defaults of this command's options, shown by {@code --help}; a run passes
	 * only the options typed, so that a configured default
	 * ({@code mastodon.maintenance.levels.<level>.<option>}) still applies.
	 * @return the default of each option, by its long name ({@code --days})
	 */
	Map<String, String> tootctlDefaults() {
		return Map.of();
	}

	@Override
	public final Integer call() throws Exception {
		this.request = RunRequest.of(this.level);
		options();
		this.cli.json(this.json.json);
		return this.cli.reported(this.cli.run(this.request.allowNewerSchema(this.allowNewerSchema.allowNewerSchema),
				Set.of(this.level), false));
	}

	/**
	 * Adds the options given on the command line, with {@link #option}, {@link #flag} and
	 * {@link #dryRun}.
	 */
	abstract void options();

	/**
	 * Passes an option when it was typed, with the value the parser converted.
	 * @param name the option's tootctl name, also its long name ({@code batch-size} for
	 * {@code --batch-size})
	 */
	final void option(String name) {
		OptionSpec typed = this.spec.commandLine().getParseResult().matchedOption("--" + name);
		if (typed != null) {
			this.request = this.request.option(this.level, name, typed.getValue());
		}
	}

	/**
	 * Passes {@code --days} when it was typed, whole or fractional as the level reads it.
	 * @param days the option
	 */
	final void days(DaysOption days) {
		Number value = days.days();
		if (this.spec.commandLine().getParseResult().hasMatchedOption("--days") && value != null) {
			this.request = this.request.option(this.level, "days", value);
		}
	}

	/**
	 * Passes an option whose value the command computed.
	 * @param name the option's tootctl name
	 * @param value the value
	 */
	final void option(String name, Object value) {
		this.request = this.request.option(this.level, name, value);
	}

	/**
	 * Passes a flag when it was typed.
	 * @param name the flag's tootctl name, also its long name
	 */
	final void flag(String name) {
		if (this.spec.commandLine().getParseResult().hasMatchedOption("--" + name)) {
			this.request = this.request.option(this.level, name, true);
		}
	}

	/**
	 * Makes the run a dry run.
	 * @param dryRun whether {@code --dry-run} was given
	 */
	final void dryRun(DryRunOption dryRun) {
		this.request = this.request.dryRun(dryRun.dryRun);
	}

}
