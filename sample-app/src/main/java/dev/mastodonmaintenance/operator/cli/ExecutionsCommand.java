package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.boot.Durations;
import dev.mastodonmaintenance.boot.ExecutionPage;
import dev.mastodonmaintenance.boot.ExecutionQuery;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code executions}: the job's executions, newest first, filtered and paged.
 */
@Command(name = "executions", description = "List executions, newest first.")
final class ExecutionsCommand implements Callable<Integer> {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

	private final CommandContext cli;

	@Option(names = "--status", split = ",", paramLabel = "STATUS",
			description = "Only these statuses: COMPLETED, FAILED, STOPPED, STARTED, ABANDONED...")
	List<BatchStatus> statuses = new ArrayList<>();

	@Option(names = "--level", paramLabel = "LEVEL",
			description = "Only runs that included this level, by step name: cache-clear, preview-cards-remove, "
					+ "media-remove, media-remove-orphans, accounts-cull, statuses-remove.")
	@Nullable String level;

	@Option(names = "--since", paramLabel = "DATE",
			description = "Only executions created on or after this day " + "(yyyy-mm-dd, UTC).")
	@Nullable LocalDate since;

	@Option(names = "--page", paramLabel = "N", converter = OptionValues.AtLeastZero.class,
			description = "Page number, from 0 for the newest (default 0).")
	int page;

	@Option(names = "--size", paramLabel = "N", converter = OptionValues.PageSize.class,
			description = "Executions per page, at most " + ExecutionQuery.MAX_SIZE + " (default 20).")
	int size = ExecutionQuery.DEFAULT_SIZE;

	@Mixin
	JsonOption json;

	ExecutionsCommand(CommandContext cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() {
		ExecutionQuery query = query();
		ExecutionPage page = this.cli.maintenance().executions(query);
		PrintWriter out = this.cli.out();
		if (this.json.json) {
			Json.print(out, ExecutionDocuments.page(page));
			return ExitCodes.OK;
		}
		if (page.total() == 0) {
			out.println("No executions.");
			return ExitCodes.OK;
		}
		String format = "%6s  %-9s  %-19s  %-12s  %-7s  %10s  %s%n";
		out.printf(format, "ID", "STATUS", "STARTED (UTC)", "DURATION", "DRY RUN", "FREED", "LEVELS");
		for (ExecutionSummary execution : page.executions()) {
			out.printf(format, execution.id(), execution.status(),
					(execution.startTime() != null) ? TIME.format(execution.startTime()) : "-",
					(execution.duration() != null) ? Durations.words(execution.duration()) : "-",
					execution.dryRun() ? "yes" : "no", LevelReport.humanSize(execution.totals().bytesFreed()),
					levels(execution.levels()));
		}
		out.println("Page " + (page.page() + 1) + " of " + Math.max(1, page.totalPages()) + " (" + page.total()
				+ " executions)" + (page.hasNext() ? "; older: --page " + (page.page() + 1) : ""));
		return ExitCodes.OK;
	}

	private ExecutionQuery query() {
		try {
			Instant from = (this.since != null) ? this.since.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
			return new ExecutionQuery(Set.copyOf(this.statuses), from, null,
					(this.level != null) ? Level.ofStepName(this.level) : null, this.page, this.size);
		}
		catch (IllegalArgumentException ex) {
			throw new CliException(ex.getMessage());
		}
	}

	static String levels(Set<Level> levels) {
		if (levels.isEmpty() || levels.equals(EnumSet.allOf(Level.class))) {
			return "all";
		}
		return levels.stream().map(Level::stepName).collect(Collectors.joining(","));
	}

}
