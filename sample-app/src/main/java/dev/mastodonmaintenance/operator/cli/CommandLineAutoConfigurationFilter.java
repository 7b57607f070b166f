package dev.mastodonmaintenance.operator.cli;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves out, for every command but {@code serve}, the auto-configurations only the
 * server uses: actuator endpoints and health, metrics and observations, security, the
 * console's templates and HTTP message conversion. A command runs the job and exits;
 * building those beans (and loading their classes from the nested jars) took about a
 * fifth of its start-up's CPU time (docs/benchmarks/statuses-remove.md). Decided from the
 * class names alone, before any of them is loaded.
 */
public final class CommandLineAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	/** Set by the command line for the commands that do not serve. */
	static final String COMMAND_LINE = "mastodon.operator.command-line";

	private static final List<String> SERVER_ONLY = List.of("org.springframework.boot.actuate.",
			"org.springframework.boot.health.", "org.springframework.boot.micrometer.",
			"org.springframework.boot.batch.autoconfigure.observation.", "org.springframework.boot.security.",
			"org.springframework.boot.thymeleaf.", "org.springframework.boot.http.converter.",
			"dev.mastodonmaintenance.boot.actuate.", "dev.mastodonmaintenance.boot.metrics.");

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean commandLine = this.environment != null
				&& this.environment.getProperty(COMMAND_LINE, Boolean.class, false);
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			matches[i] = !commandLine || !serverOnly(autoConfigurationClasses[i]);
		}
		return matches;
	}

	private static boolean serverOnly(@Nullable String autoConfiguration) {
		return autoConfiguration != null && SERVER_ONLY.stream().anyMatch(autoConfiguration::startsWith);
	}

}
