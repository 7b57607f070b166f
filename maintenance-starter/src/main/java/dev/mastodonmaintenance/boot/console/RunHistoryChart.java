package dev.mastodonmaintenance.boot.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;

/**
 * The plot of bytes freed and rows removed per execution over time, drawn as inline SVG
 * on the server so that the console needs no script library: one bar per execution,
 * oldest on the left, coloured by how it ended. Real runs and dry runs are drawn apart,
 * each on its own scale: a dry run's bars (what it would remove, drawn hollow) never
 * stand beside what real runs removed.
 */
final class RunHistoryChart {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final int WIDTH = 760;

	private static final int PANEL_HEIGHT = 120;

	private static final int LEFT = 70;

	private static final int RIGHT = 10;

	private static final int TOP = 22;

	private static final int GAP = 46;

	private RunHistoryChart() {
	}

	/**
	 * Draws the plot.
	 * @param newestFirst executions, newest first as the facade lists them, all real runs
	 * or all dry runs
	 * @param dryRuns whether they are dry runs, whose figures are what they would remove
	 * @return an {@code <svg>} element
	 */
	static String svg(List<ExecutionSummary> newestFirst, boolean dryRuns) {
		List<ExecutionSummary> executions = new ArrayList<>(newestFirst);
		Collections.reverse(executions);
		int height = TOP + 2 * PANEL_HEIGHT + GAP + 46;
		StringBuilder svg = new StringBuilder();
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"history\" role=\"img\" viewBox=\"0 0 ")
			.append(WIDTH)
			.append(' ')
			.append(height)
			.append("\" preserveAspectRatio=\"xMinYMin meet\" aria-label=\"")
			.append(dryRuns ? "What each dry run would free and remove" : "Bytes freed and rows removed per execution")
			.append("\">");
		if (executions.isEmpty()) {
			svg.append("<text x=\"")
				.append(WIDTH / 2)
				.append("\" y=\"60\" text-anchor=\"middle\">")
				.append(dryRuns ? "No dry runs yet" : "No real runs yet")
				.append("</text></svg>");
			return svg.toString();
		}
		panel(svg, executions, TOP, dryRuns ? "Would free" : "Bytes freed",
				(execution) -> execution.totals().bytesFreed(), true);
		panel(svg, executions, TOP + PANEL_HEIGHT + GAP, dryRuns ? "Would remove (rows)" : "Rows removed",
				(execution) -> execution.totals().rowsChanged() + execution.totals().rowsCascaded(), false);
		legend(svg, height - 8, dryRuns);
		return svg.append("</svg>").toString();
	}

	private static void panel(StringBuilder svg, List<ExecutionSummary> executions, int top, String title,
			ToLongFunction<ExecutionSummary> value, boolean bytes) {
		long max = Math.max(1, executions.stream().mapToLong(value).max().orElse(1));
		int plotWidth = WIDTH - LEFT - RIGHT;
		int bottom = top + PANEL_HEIGHT;
		svg.append("<text class=\"title\" x=\"")
			.append(LEFT)
			.append("\" y=\"")
			.append(top - 8)
			.append("\">")
			.append(escape(title))
			.append("</text>");
		svg.append("<text class=\"axis\" x=\"")
			.append(LEFT - 6)
			.append("\" y=\"")
			.append(top + 10)
			.append("\" text-anchor=\"end\">")
			.append(escape(bytes ? LevelReport.humanSize(max) : String.format(Locale.ROOT, "%,d", max)))
			.append("</text>");
		svg.append("<text class=\"axis\" x=\"")
			.append(LEFT - 6)
			.append("\" y=\"")
			.append(bottom)
			.append("\" text-anchor=\"end\">0</text>");
		svg.append("<line class=\"frame\" x1=\"")
			.append(LEFT)
			.append("\" y1=\"")
			.append(bottom)
			.append("\" x2=\"")
			.append(WIDTH - RIGHT)
			.append("\" y2=\"")
			.append(bottom)
			.append("\"/>");
		svg.append("<line class=\"frame\" x1=\"")
			.append(LEFT)
			.append("\" y1=\"")
			.append(top)
			.append("\" x2=\"")
			.append(LEFT)
			.append("\" y2=\"")
			.append(bottom)
			.append("\"/>");
		double slot = (double) plotWidth / executions.size();
		double barWidth = Math.max(2, Math.min(28, slot * 0.7));
		for (int i = 0; i < executions.size(); i++) {
			ExecutionSummary execution = executions.get(i);
			long amount = value.applyAsLong(execution);
			double barHeight = (amount == 0) ? 0 : Math.max(1.5, (double) amount / max * PANEL_HEIGHT);
			double x = LEFT + slot * i + (slot - barWidth) / 2;
			svg.append("<rect class=\"bar ")
				.append(cssClass(execution))
				.append("\" x=\"")
				.append(format(x))
				.append("\" y=\"")
				.append(format(bottom - barHeight))
				.append("\" width=\"")
				.append(format(barWidth))
				.append("\" height=\"")
				.append(format(barHeight))
				.append("\"><title>")
				.append(escape("Execution " + execution.id() + " (" + execution.status()
						+ (execution.dryRun() ? ", dry run" : "") + "), " + label(execution.startTime()) + " UTC: "
						+ (bytes ? LevelReport.humanSize(amount) : amount + " rows")))
				.append("</title></rect>");
		}
		int labels = Math.min(executions.size(), 6);
		for (int l = 0; l < labels; l++) {
			int i = (labels == 1) ? 0 : Math.round((float) l * (executions.size() - 1) / (labels - 1));
			double x = LEFT + slot * i + slot / 2;
			svg.append("<text class=\"axis\" x=\"")
				.append(format(x))
				.append("\" y=\"")
				.append(bottom + 14)
				.append("\" text-anchor=\"middle\">")
				.append(escape("#" + executions.get(i).id() + " " + label(executions.get(i).startTime())))
				.append("</text>");
		}
	}

	private static void legend(StringBuilder svg, int y, boolean dryRuns) {
		String[][] entries = { { "completed", "completed" }, { "failed", "failed" }, { "stopped", "stopped" },
				{ "running", "running" } };
		int x = LEFT;
		for (String[] entry : entries) {
			svg.append("<rect class=\"bar ")
				.append(entry[0])
				.append(dryRuns ? " dry" : "")
				.append("\" x=\"")
				.append(x)
				.append("\" y=\"")
				.append(y - 9)
				.append("\" width=\"10\" height=\"10\"/>");
			svg.append("<text class=\"axis\" x=\"")
				.append(x + 14)
				.append("\" y=\"")
				.append(y)
				.append("\">")
				.append(entry[1])
				.append("</text>");
			x += 100;
		}
	}

	private static String cssClass(ExecutionSummary execution) {
		String status = (execution.status() == BatchStatus.COMPLETED) ? "completed"
				: (execution.status() == BatchStatus.FAILED) ? "failed"
						: execution.status().isRunning() ? "running" : "stopped";
		return execution.dryRun() ? status + " dry" : status;
	}

	private static String label(@Nullable Instant time) {
		return (time != null) ? DAY.format(time) : "-";
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
