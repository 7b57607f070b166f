package dev.mastodonmaintenance.operator.cli;

import picocli.CommandLine.Option;

/**
 * {@code --json}: the command's result as one JSON document on standard output, for
 * scripts; everything else it says (progress, notices, how a run ended) goes to standard
 * error.
 */
final class JsonOption {

	@Option(names = "--json", description = "Print the result as one JSON document on standard output (field "
			+ "names in the operator guide); progress and notices go to standard error.")
	boolean json;

}
