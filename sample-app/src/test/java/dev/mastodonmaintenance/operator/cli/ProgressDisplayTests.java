package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.statuses.StatusesRemoveLevel;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.ExecutionPage;
import dev.mastodonmaintenance.boot.ExecutionQuery;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.LevelFigures;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.Progress;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.StepDetails;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run is followed with a bar redrawn in place on a terminal and with time-stamped lines
 * otherwise; either way the levels' summaries follow (with tootctl's closing lines for
 * statuses remove), and the exit status says how the run ended. The facade here replays a
 * run's progress, so that what is drawn at each step is known.
 */
class ProgressDisplayTests {

	private static final Pattern LOG_LINE = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ [a-z_ -]+: .+");

	@Test
	void terminalGetsABarPerLevelWithCountTotalRateAndTimeLeft() throws Exception {
		StringWriter out = new StringWriter();
		int status = watch(out, true, BatchStatus.COMPLETED);

		assertThat(status).isZero();
		assertThat(out.toString()).contains("\r[2/6] preview_cards remove")
			.contains("40/40")
			.contains("/s")
			.contains("\r[3/6] media remove")
			.contains("5/?")
			.doesNotContain("null")
			.contains("Removed media from 40 preview cards (approx. 2.33 MB)\n");
	}

	@Test
	void otherwiseTimeStampedLinesInTootctlsNames() throws Exception {
		StringWriter out = new StringWriter();
		int status = watch(out, false, BatchStatus.COMPLETED);

		assertThat(status).isZero();
		List<String> lines = out.toString().lines().toList();
		assertThat(out.toString()).doesNotContain("\r");
		assertThat(lines.get(0)).matches(LOG_LINE)
			.endsWith(" preview_cards remove: started, 10 of ~40 processed (25%)");
		assertThat(lines.get(1)).matches(LOG_LINE).endsWith(" media remove: started, 5 processed");
		assertThat(lines).contains("Removed media from 40 preview cards (approx. 2.33 MB)",
				"Execution 7 completed in 3 s.");
	}

	@Test
	void logLinesAreAtMostOneEveryThirtySecondsPerLevel() {
		StringWriter out = new StringWriter();
		MutableClock clock = new MutableClock(Instant.parse("2026-11-25T04:00:00.250Z"));
		ProgressLogLines lines = new ProgressLogLines(new PrintWriter(out, true), clock);

		lines.show(Replay.progress(BatchStatus.STARTED, "media-remove", Level.MEDIA_REMOVE, 3, 100, 0.1));
		clock.now = clock.now.plusSeconds(20);
		lines.show(Replay.progress(BatchStatus.STARTED, "media-remove", Level.MEDIA_REMOVE, 3, 300, 0.3));
		clock.now = clock.now.plusSeconds(10);
		lines.show(Replay.progress(BatchStatus.STARTED, "media-remove", Level.MEDIA_REMOVE, 3, 500, 0.5));

		assertThat(out.toString().lines()).containsExactly(
				"2026-11-25T04:00:00Z media remove: started, 100 of ~1000 processed (10%)",
				"2026-11-25T04:00:30Z media remove: 500 of ~1000 processed (50%)");
	}

	@Test
	void theLevelsPhaseIsShownAndItsChangeLoggedAtOnce() {
		StringWriter out = new StringWriter();
		MutableClock clock = new MutableClock(Instant.parse("2026-11-25T04:00:00.250Z"));
		ProgressLogLines lines = new ProgressLogLines(new PrintWriter(out, true), clock);

		lines.show(Replay.progress(BatchStatus.STARTED, "statuses-remove", Level.STATUSES_REMOVE, 1, 100, 0.1,
				"statuses"));
		clock.now = clock.now.plusSeconds(10);
		lines.show(Replay.progress(BatchStatus.STARTED, "statuses-remove", Level.STATUSES_REMOVE, 1, 1000, 1.0,
				"statuses"));
		lines.show(Replay.progress(BatchStatus.STARTED, "statuses-remove", Level.STATUSES_REMOVE, 1, 1010, 0.5,
				"conversations"));

		assertThat(out.toString().lines()).containsExactly(
				"2026-11-25T04:00:00Z statuses remove: started, statuses (10%): 100 of ~1000 processed",
				"2026-11-25T04:00:10Z statuses remove: conversations (50%): 1010 of ~2020 processed");
		StringWriter bar = new StringWriter();
		try (ProgressBarDisplay display = new ProgressBarDisplay(new PrintWriter(bar, true))) {
			display.show(Replay.progress(BatchStatus.STARTED, "statuses-remove", Level.STATUSES_REMOVE, 1, 1010, 0.5,
					"conversations"));
		}
		assertThat(bar.toString()).contains("[1/6] statuses remove").contains("conversations");
	}

	@Test
	void statusesRemoveEndsWithTootctlsClosingLines() throws Exception {
		StringWriter out = new StringWriter();
		Replay replay = new Replay(BatchStatus.COMPLETED);
		ExecutionContext context = new ExecutionContext();
		context.putLong(StatusesRemoveLevel.CANDIDATES, 30);
		context.putLong(StatusesRemoveLevel.REMOVED, 28);
		context.putLong(StatusesRemoveLevel.MEDIA, 15);
		context.putLong(StatusesRemoveLevel.CONVERSATIONS, 2);
		RunWatcher watcher = new RunWatcher(replay, (execution, step) -> (step == 6) ? context : new ExecutionContext(),
				new PrintWriter(out, true), new PrintWriter(new StringWriter()),
				RunWatcher.display(new PrintWriter(new StringWriter()), false), Duration.ZERO, null);

		watcher.watch(7, EnumSet.of(Level.STATUSES_REMOVE), false);

		assertThat(out.toString().lines()).containsSubsequence("Removed 28 out of 30 statuses",
				"Done after 3.000s, removed 28 out of 30 statuses.",
				"Done after 3.000s, removed 15 out of 15 media_attachments.",
				"Done after 3.000s, removed 2 out of 2 conversations.", "Execution 7 completed in 3 s.");
	}

	@Test
	void failedRunExitsTwo() throws Exception {
		StringWriter out = new StringWriter();

		assertThat(watch(out, false, BatchStatus.FAILED)).isEqualTo(2);
	}

	private static int watch(StringWriter out, boolean terminal, BatchStatus end) throws Exception {
		Replay replay = new Replay(end);
		PrintWriter writer = new PrintWriter(out, true);
		RunWatcher watcher = new RunWatcher(replay, (execution, step) -> new ExecutionContext(), writer,
				new PrintWriter(new StringWriter()), RunWatcher.display(writer, terminal), Duration.ofMillis(300),
				null);
		return watcher.watch(7, EnumSet.of(Level.PREVIEW_CARDS_REMOVE, Level.MEDIA_REMOVE), false);
	}

	private static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	/**
	 * The facade replaying one run: three progress readings of preview cards, one of
	 * media, then the end.
	 */
	private static final class Replay implements MastodonMaintenance {

		private final Deque<Progress> readings = new ArrayDeque<>();

		private final BatchStatus end;

		Replay(BatchStatus end) {
			this.end = end;
			this.readings
				.add(progress(BatchStatus.STARTED, "preview-cards-remove", Level.PREVIEW_CARDS_REMOVE, 2, 10, 0.25));
			this.readings
				.add(progress(BatchStatus.STARTED, "preview-cards-remove", Level.PREVIEW_CARDS_REMOVE, 2, 40, 1.0));
			this.readings.add(progress(BatchStatus.STARTED, "media-remove", Level.MEDIA_REMOVE, 3, 5, null));
			this.readings.add(progress(end, "statuses-remove", Level.STATUSES_REMOVE, 6, 0, null));
		}

		static Progress progress(BatchStatus status, String step, Level level, int number, long processed,
				Double fraction) {
			return progress(status, step, level, number, processed, fraction, null);
		}

		static Progress progress(BatchStatus status, String step, Level level, int number, long processed,
				Double fraction, String phase) {
			return new Progress(7, status, step, level, number, 6, phase, processed,
					(fraction != null) ? Math.round(processed / fraction) : null, fraction, null, null,
					(fraction != null) ? Progress.Basis.ID_RANGE : Progress.Basis.NONE);
		}

		@Override
		public Optional<Progress> progress(long executionId) {
			return Optional.of((this.readings.size() > 1) ? this.readings.poll() : this.readings.peek());
		}

		@Override
		public Optional<ExecutionDetails> execution(long executionId) {
			Instant start = Instant.parse("2026-11-25T04:00:00Z");
			ExecutionSummary summary = new ExecutionSummary(7, 7, this.end, this.end.name(), start, start,
					start.plusSeconds(3), EnumSet.of(Level.PREVIEW_CARDS_REMOVE, Level.MEDIA_REMOVE), false, Map.of(),
					LevelFigures.NONE);
			StepDetails cards = new StepDetails(2, "preview-cards-remove", Level.PREVIEW_CARDS_REMOVE,
					BatchStatus.COMPLETED, "COMPLETED", "", start, start.plusSeconds(1), 40, 40, 5, 0, 0, 0, 0,
					"Removed media from 40 preview cards (approx. 2.33 MB)", LevelFigures.NONE, List.of(), List.of());
			StepDetails media = new StepDetails(3, "media-remove", Level.MEDIA_REMOVE, this.end, this.end.name(), "",
					start, start.plusSeconds(2), 5, 0, 0, 1, 0, 0, 0, null, LevelFigures.NONE,
					(this.end == BatchStatus.FAILED) ? List.of("java.io.IOException: disk on fire") : List.of(),
					List.of());
			StepDetails statuses = new StepDetails(6, "statuses-remove", Level.STATUSES_REMOVE, BatchStatus.COMPLETED,
					"COMPLETED", "", start, start.plusSeconds(3), 30, 28, 1, 0, 0, 0, 0,
					"Removed 28 out of 30 statuses", LevelFigures.NONE, List.of(), List.of());
			return Optional.of(new ExecutionDetails(summary, "", List.of(cards, media, statuses), List.of(),
					new ExecutionDetails.Actions(false, false, false, false), null));
		}

		@Override
		public long start(RunRequest request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public long restart(long executionId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void stop(long executionId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void abandon(long executionId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void recover(long executionId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ExecutionPage executions(ExecutionQuery query) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<ExecutionSummary> lastExecution() {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<ExecutionSummary> toResume() {
			throw new UnsupportedOperationException();
		}

	}

}
