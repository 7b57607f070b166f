package dev.mastodonmaintenance.operator.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults {@code --help} shows, tootctl's, from each level command: options shared
 * by several commands ({@code --days}, {@code --concurrency}) are declared once, in a
 * mixin, but their defaults differ.
 */
final class TootctlDefaults implements IDefaultValueProvider {

	@Override
	public @Nullable String defaultValue(ArgSpec argSpec) {
		if (argSpec instanceof OptionSpec option && argSpec.command().userObject() instanceof LevelCommand command) {
			return command.tootctlDefaults().get(option.longestName());
		}
		return null;
	}

}
