package dev.mastodonmaintenance.boot.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.boot.Durations;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.LevelFigures;
import dev.mastodonmaintenance.boot.PartitionDetails;
import dev.mastodonmaintenance.boot.Progress;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;

/**
 * Formats the console's values: times in UTC (Mastodon's timestamps are UTC), durations
 * and sizes in the words tootctl uses. Exposed to the templates as {@code fmt}.
 */
public final class ConsoleFormat {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	/**
	 * A time in UTC.
	 * @param time the instant, may be {@code null}
	 * @return such as {@code 2026-11-25 04:00:12}, or a dash
	 */
	public String time(@Nullable Instant time) {
		return (time != null) ? TIME.format(time) : "–";
	}

	/**
	 * A duration in words.
	 * @param duration the duration, may be {@code null}
	 * @return such as {@code 850 ms}, {@code 12 min 30 s}, or a dash
	 */
	public String duration(@Nullable Duration duration) {
		return (duration != null) ? Durations.words(duration) : "–";
	}

	/**
	 * A size as tootctl prints it.
	 * @param bytes the size
	 * @return such as {@code 59.6 KB}
	 */
	public String size(long bytes) {
		return LevelReport.humanSize(bytes);
	}

	/**
	 * The lines of a text, blank ones left out.
	 * @param text the text, may be {@code null}
	 * @return its lines
	 */
	public List<String> lines(@Nullable String text) {
		return (text != null) ? text.lines().filter((line) -> !line.isBlank()).toList() : List.of();
	}

	/**
	 * The first line of a text, such as an exception's message above its stack trace.
	 * @param text the text, may be {@code null}
	 * @return the first line, empty for none
	 */
	public String firstLine(@Nullable String text) {
		return (text != null) ? text.lines().findFirst().orElse("").strip() : "";
	}

	/**
	 * A count with thousands separators.
	 * @param count the count
	 * @return such as {@code 12,345}
	 */
	public String count(long count) {
		return String.format(Locale.ROOT, "%,d", count);
	}

	/**
	 * An execution's exit code as an operator reads it: a dash while it runs (Spring
	 * Batch says {@code UNKNOWN} until the end), and {@code COMPLETED} for a completed
	 * run whose last steps were levels it did not select (the job takes the exit code of
	 * its last step, {@code NOOP} there).
	 * @param execution the execution
	 * @return the exit code to show
	 */
	public String exitCode(ExecutionSummary execution) {
		if (execution.running()) {
			return "–";
		}
		boolean skippedLast = "NOOP".equals(execution.exitCode()) && execution.status() == BatchStatus.COMPLETED;
		return skippedLast ? BatchStatus.COMPLETED.name() : execution.exitCode();
	}

	/**
	 * What a run removed, or in a dry run would remove, in one line.
	 * @param figures the run's (or a level's) figures
	 * @return such as {@code 120 rows, 40 stored objects, 3.4 MB}
	 */
	public String removed(LevelFigures figures) {
		return count(figures.rowsChanged() + figures.rowsCascaded()) + " rows, " + count(figures.objectsRemoved())
				+ " stored objects, " + size(figures.bytesFreed());
	}

	/**
	 * A partitioned level's partitions, counted by status.
	 * @param partitions the level's partitions
	 * @return such as {@code 4 partitions: 3 completed, 1 started}
	 */
	public String partitions(List<PartitionDetails> partitions) {
		Map<BatchStatus, Long> byStatus = partitions.stream()
			.collect(Collectors.groupingBy(PartitionDetails::status, () -> new EnumMap<>(BatchStatus.class),
					Collectors.counting()));
		return partitions.size() + ((partitions.size() == 1) ? " partition: " : " partitions: ")
				+ byStatus.entrySet()
					.stream()
					.map((entry) -> entry.getValue() + " " + entry.getKey().name().toLowerCase(Locale.ROOT))
					.collect(Collectors.joining(", "));
	}

	/**
	 * How far a running partition is.
	 * @param partition the partition
	 * @return such as {@code statuses 40%}; empty once it ended or when it reports
	 * nothing
	 */
	public String partitionProgress(PartitionDetails partition) {
		if (partition.fraction() == null) {
			return "";
		}
		return ((partition.phase() != null) ? partition.phase() + " " : "") + Math.round(partition.fraction() * 100)
				+ "%";
	}

	/**
	 * Where a run is, in one line: the level among the run's levels, its phase, how far
	 * it got, its rate and the time it has left.
	 * @param progress the progress, may be {@code null}
	 * @return such as
	 * {@code Step 2 of 2: statuses-remove (media) · 1,200 of ~4,800 (25%) · 300/s · about
	 * 12 s left}
	 */
	public String progress(@Nullable Progress progress) {
		if (progress == null || progress.stepName() == null) {
			return "Starting…";
		}
		StringBuilder line = new StringBuilder("Step ").append(progress.stepNumber())
			.append(" of ")
			.append(progress.stepCount())
			.append(": ")
			.append(progress.stepName());
		if (progress.phase() != null) {
			line.append(" (").append(progress.phase()).append(')');
		}
		line.append(" · ").append(count(progress.processed()));
		if (progress.fraction() != null && progress.estimatedTotal() != null) {
			line.append(" of ~")
				.append(count(progress.estimatedTotal()))
				.append(" (")
				.append(Math.round(progress.fraction() * 100))
				.append("%)");
		}
		else {
			line.append(" processed");
		}
		if (progress.perSecond() != null) {
			line.append(" · ").append(String.format(Locale.ROOT, "%,.0f", progress.perSecond())).append("/s");
		}
		if (progress.remaining() != null && progress.status().isRunning()) {
			line.append(" · about ").append(duration(progress.remaining())).append(" left");
		}
		return line.toString();
	}

}
