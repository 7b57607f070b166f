package dev.mastodonmaintenance.operator.cli;

import picocli.CommandLine.Option;

/**
 * tootctl's {@code -c/--concurrency} of the levels that delete files (media, preview
 * cards), checked as tootctl checks it, with no effect: these levels change rows a window
 * at a time and delete the files in batches.
 */
final class StorageConcurrencyOption {

	@Option(names = { "-c", "--concurrency" }, paramLabel = "N", converter = OptionValues.Concurrency.class,
			description = "Accepted and checked as tootctl's (default: ${DEFAULT-VALUE}), with no effect here: rows "
					+ "change a window at a time and files are deleted in batches (1000 keys per S3 request), "
					+ "S3_BATCH_DELETE_CONCURRENCY requests at once.")
	Integer concurrency;

}
