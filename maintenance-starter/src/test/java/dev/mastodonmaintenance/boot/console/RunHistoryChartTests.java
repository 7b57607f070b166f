package dev.mastodonmaintenance.boot.console;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.LevelFigures;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history plot has one bar per execution and panel, oldest on the left, scaled to the
 * largest, coloured by how the execution ended, with the figures in its tooltip; dry runs
 * are drawn on a plot of their own, hollow, in the words of what they would remove.
 */
class RunHistoryChartTests {

	@Test
	void oneBarPerExecutionAndPanelOldestFirst() {
		ExecutionSummary newest = execution(3, BatchStatus.FAILED, false, 0, 0);
		ExecutionSummary middle = execution(2, BatchStatus.STOPPED, false, 2048, 10);
		ExecutionSummary oldest = execution(1, BatchStatus.COMPLETED, false, 3_565_158, 120);

		String svg = RunHistoryChart.svg(List.of(newest, middle, oldest), false);

		assertThat(svg).startsWith("<svg").endsWith("</svg>");
		assertThat(svg.split("<rect class=\"bar ", -1)).hasSize(1 + 2 * 3 + 4);
		assertThat(svg.indexOf("Execution 1 (COMPLETED)")).isLessThan(svg.indexOf("Execution 2 (STOPPED)"));
		assertThat(svg).contains("bar completed")
			.contains("bar failed")
			.contains("bar stopped")
			.contains("Bytes freed")
			.contains("Rows removed")
			.doesNotContain(" dry")
			.contains("3.4 MB")
			.contains("130 rows")
			.contains(">130<");
	}

	@Test
	void dryRunsAreDrawnApartInTheWordsOfWhatTheyWouldRemove() {
		ExecutionSummary dryRun = execution(2, BatchStatus.COMPLETED, true, 2048, 10);

		String svg = RunHistoryChart.svg(List.of(dryRun), true);

		assertThat(svg).contains("Would free")
			.contains("Would remove")
			.doesNotContain("Bytes freed")
			.doesNotContain("Rows removed")
			.contains("bar completed dry")
			.contains("Execution 2 (COMPLETED, dry run)")
			.contains("2 KB");
	}

	@Test
	void noExecutionsYet() {
		assertThat(RunHistoryChart.svg(List.of(), false)).contains("No real runs yet");
		assertThat(RunHistoryChart.svg(List.of(), true)).contains("No dry runs yet");
	}

	@Test
	void textIsEscaped() {
		assertThat(RunHistoryChart.escape("<a & \"b\">")).isEqualTo("&lt;a &amp; &quot;b&quot;&gt;");
	}

	private static ExecutionSummary execution(long id, BatchStatus status, boolean dryRun, long bytes, long rows) {
		Instant start = Instant.parse("2026-11-20T04:00:00Z").plusSeconds(id * 86_400);
		return new ExecutionSummary(id, id, status, status.name(), start, start, start.plusSeconds(60),
				EnumSet.of(Level.MEDIA_REMOVE), dryRun, Map.of(), new LevelFigures(rows, rows, 10, 0, 0, bytes, 0));
	}

}
