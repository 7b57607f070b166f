package dev.mastodonmaintenance.operator.cli;

/**
 * A command refused before anything ran, with the message for the operator.
 */
final class CliException extends RuntimeException {

	CliException(String message) {
		super(message);
	}

}
