package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.boot.manifest.DeletionManifestRecords;
import dev.mastodonmaintenance.boot.manifest.ManifestEntry;
import dev.mastodonmaintenance.boot.manifest.ManifestPage;
import dev.mastodonmaintenance.boot.manifest.ManifestPosition;
import dev.mastodonmaintenance.boot.manifest.ManifestQuery;
import dev.mastodonmaintenance.boot.manifest.ManifestState;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code manifest [RUN]}: what an execution removed, row by row and stored object by
 * stored object, from the deletion manifest; without an execution, the executions that
 * removed a given key, status or account.
 */
@Command(name = "manifest",
		description = {
				"Show what an execution removed (or failed to remove, left pending, "
						+ "or would have removed in a dry run), from the deletion manifest, a page at a time.",
				"Without an execution, look a stored object (--key), a status (--status) or an account (--account) up "
						+ "across all executions: when and why was it removed?" })
final class ManifestCommand implements Callable<Integer> {

	private final CommandContext cli;

	@Parameters(paramLabel = "RUN", arity = "0..1", description = "The execution, as 'executions' lists it.")
	@Nullable Long executionId;

	@Option(names = "--level", paramLabel = "LEVEL",
			description = "Only this level, by step name: "
					+ "preview-cards-remove, media-remove, media-remove-orphans, accounts-cull, statuses-remove.")
	@Nullable String level;

	@Option(names = "--state", paramLabel = "STATE",
			description = "Only this state: pending, removed, failed, " + "dry-run.")
	@Nullable String state;

	@Option(names = "--table", paramLabel = "TABLE",
			description = "Only rows of this Mastodon table, such as " + "statuses.")
	@Nullable String table;

	@Option(names = "--key", paramLabel = "PREFIX",
			description = "Only stored objects whose key starts with this; "
					+ "without RUN, the stored object of exactly this key.")
	@Nullable String key;

	@Option(names = "--status", paramLabel = "ID", description = "Only this status.")
	@Nullable Long statusId;

	@Option(names = "--account", paramLabel = "ID", description = "Only this account and its avatar and header.")
	@Nullable Long accountId;

	@Option(names = "--limit", paramLabel = "N", converter = ManifestCommand.Limit.class,
			description = "Entries at most, up to " + ManifestQuery.MAX_LIMIT + " (default 100).")
	int limit = ManifestQuery.DEFAULT_LIMIT;

	@Option(names = "--after", paramLabel = "POSITION",
			description = "Start after this position, as the last " + "page's 'more' line gives it.")
	@Nullable String after;

	@Mixin
	JsonOption json;

	ManifestCommand(CommandContext cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() {
		if (this.executionId == null) {
			return lookUp();
		}
		ManifestQuery query = query(this.executionId);
		if (this.cli.maintenance().execution(this.executionId).isEmpty()) {
			throw new CliException("No execution " + this.executionId);
		}
		ManifestPage page = this.cli.manifest().page(query);
		if (this.json.json) {
			Map<String, @Nullable Object> document = new LinkedHashMap<>();
			document.put("executionId", this.executionId);
			document.put("entries", page.entries().stream().map(ManifestCommand::json).toList());
			document.put("next", (page.next() != null) ? page.next().toString() : null);
			Json.print(this.cli.out(), document);
			return ExitCodes.OK;
		}
		PrintWriter out = this.cli.out();
		if (page.entries().isEmpty()) {
			out.println("Nothing recorded in execution " + this.executionId + "'s manifest matches.");
			return ExitCodes.OK;
		}
		String format = "%-19s  %-20s  %-8s  %10s  %s%n";
		out.printf(format, "RECORDED (UTC)", "LEVEL", "STATE", "SIZE", "REMOVED");
		page.entries()
			.forEach((entry) -> out.printf(format, ExecutionsCommand.TIME.format(entry.recordedAt()), entry.stepName(),
					entry.state().value(), size(entry), subject(entry)));
		if (page.next() != null) {
			out.println("More: --after " + page.next());
		}
		return ExitCodes.OK;
	}

	private ManifestQuery query(long executionId) {
		try {
			return ManifestQuery.of(executionId)
				.limit(this.limit)
				.level((this.level != null) ? Level.ofStepName(this.level) : null)
				.state((this.state != null) ? ManifestState.of(this.state) : null)
				.table(this.table)
				.keyPrefix(this.key)
				.statusId(this.statusId)
				.accountId(this.accountId)
				.after((this.after != null) ? ManifestPosition.parse(this.after) : null);
		}
		catch (IllegalArgumentException ex) {
			throw new CliException(ex.getMessage());
		}
	}

	// Across runs: one of --key, --status and --account, and nothing that narrows a run's
	// page.
	private int lookUp() {
		int given = ((this.key != null) ? 1 : 0) + ((this.statusId != null) ? 1 : 0)
				+ ((this.accountId != null) ? 1 : 0);
		if (given != 1 || this.level != null || this.state != null || this.table != null || this.after != null) {
			throw new CliException("Give an execution (manifest RUN), or exactly one of --key, --status and --account "
					+ "to look it up across executions");
		}
		DeletionManifestRecords records = this.cli.manifest();
		List<ManifestEntry> found = (this.key != null) ? records.findKey(this.key, this.limit)
				: (this.statusId != null) ? records.findRow("statuses", this.statusId, this.limit)
						: records.findRow("accounts", this.accountId, this.limit);
		if (this.json.json) {
			Map<String, @Nullable Object> document = new LinkedHashMap<>();
			document.put("entries", found.stream().map(ManifestCommand::json).toList());
			Json.print(this.cli.out(), document);
			return ExitCodes.OK;
		}
		PrintWriter out = this.cli.out();
		if (found.isEmpty()) {
			out.println("No execution recorded it.");
			return ExitCodes.OK;
		}
		String format = "%9s  %-19s  %-20s  %-8s  %s%n";
		out.printf(format, "EXECUTION", "RECORDED (UTC)", "LEVEL", "STATE", "REMOVED");
		found.forEach(
				(entry) -> out.printf(format, entry.executionId(), ExecutionsCommand.TIME.format(entry.recordedAt()),
						entry.stepName(), entry.state().value(), subject(entry)));
		return ExitCodes.OK;
	}

	private static String subject(ManifestEntry entry) {
		return entry.subject() + ((entry.detail() != null) ? " (" + entry.detail() + ")" : "");
	}

	private static String size(ManifestEntry entry) {
		Long bytes = (entry.storageBytes() != null) ? entry.storageBytes() : entry.recordedBytes();
		return (bytes != null) ? LevelReport.humanSize(bytes) : "";
	}

	/** An entry with the field names the operator guide documents. */
	static Map<String, @Nullable Object> json(ManifestEntry entry) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("executionId", entry.executionId());
		json.put("jobInstanceId", entry.jobInstanceId());
		json.put("level", entry.stepName());
		json.put("state", entry.state().value());
		json.put("kind", (entry.kind() == ManifestEntry.Kind.ROW) ? "row" : "object");
		json.put("table", entry.table());
		json.put("rowId", entry.rowId());
		json.put("key", entry.key());
		json.put("recordedBytes", entry.recordedBytes());
		json.put("storageBytes", entry.storageBytes());
		json.put("detail", entry.detail());
		json.put("recordedAt", entry.recordedAt().toString());
		json.put("position", entry.position().toString());
		return json;
	}

	/**
	 * Entries per page, as many as one query may ask for.
	 */
	static final class Limit implements ITypeConverter<Integer> {

		@Override
		public Integer convert(String value) {
			int limit = OptionValues.wholeNumber(value, 1, "must be a whole number >= 1");
			if (limit > ManifestQuery.MAX_LIMIT) {
				throw new TypeConversionException("must be at most " + ManifestQuery.MAX_LIMIT);
			}
			return limit;
		}

	}

}
