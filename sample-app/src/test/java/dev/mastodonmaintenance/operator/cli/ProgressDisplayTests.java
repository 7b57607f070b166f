package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.mastodonmaintenance.batch.Level;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run is followed with a bar redrawn in place on a terminal and with plain lines otherwise; either way
 * the levels' summaries follow, and the exit status says how the run ended. The facade here replays a run's
 * progress, so that what is drawn at each step is known.
 */
class ProgressDisplayTests {

	@Test
	void terminalGetsABarRedrawnInPlace() throws Exception {
		StringWriter out = new StringWriter();
		int status = watch(out, true, BatchStatus.COMPLETED);

		assertThat(status).isZero();
		assertThat(out.toString()).contains("\r[2/6] preview-cards-remove  10/40 |======                  | 25%")
			.contains("\r[2/6] preview-cards-remove  40/40 |========================| 100%")
			.contains("\r[3/6] media-remove  5 processed")
			.contains("Removed media from 40 preview cards (approx. 2.33 MB)\n")
			.doesNotContain("running\n");
	}

	@Test
	void otherwisePlainLines() throws Exception {
		StringWriter out = new StringWriter();
		int status = watch(out, false, BatchStatus.COMPLETED);

		assertThat(status).isZero();
		assertThat(out.toString()).doesNotContain("\r")
			.startsWith("preview-cards-remove: running\nmedia-remove: running\n")
			.contains("Removed media from 40 preview cards (approx. 2.33 MB)\n")
			.contains("Execution 7 completed");
	}

	@Test
	void failedRunExitsTwo() throws Exception {
		StringWriter out = new StringWriter();

		assertThat(watch(out, false, BatchStatus.FAILED)).isEqualTo(2);
	}

	private static int watch(StringWriter out, boolean terminal, BatchStatus end) throws Exception {
		Replay replay = new Replay(end);
		RunWatcher watcher = new RunWatcher(replay, new PrintWriter(out, true), new PrintWriter(new StringWriter()),
				terminal, Duration.ZERO);
		return watcher.watch(7, EnumSet.of(Level.PREVIEW_CARDS_REMOVE, Level.MEDIA_REMOVE), false);
	}

	/** The facade replaying one run: three progress readings of preview cards, one of media, then the end. */
	private static final class Replay implements MastodonMaintenance {

		private final Deque<Progress> readings = new ArrayDeque<>();

		private final BatchStatus end;

		Replay(BatchStatus end) {
			this.end = end;
			this.readings.add(progress(BatchStatus.STARTED, "preview-cards-remove", Level.PREVIEW_CARDS_REMOVE, 2, 10, 0.25));
			this.readings.add(progress(BatchStatus.STARTED, "preview-cards-remove", Level.PREVIEW_CARDS_REMOVE, 2, 40, 1.0));
			this.readings.add(progress(BatchStatus.STARTED, "media-remove", Level.MEDIA_REMOVE, 3, 5, null));
			this.readings.add(progress(end, "statuses-remove", Level.STATUSES_REMOVE, 6, 0, null));
		}

		private static Progress progress(BatchStatus status, String step, Level level, int number, long processed,
				Double fraction) {
			return new Progress(7, status, step, level, number, 6, processed,
					(fraction != null) ? Math.round(processed / fraction) : null, fraction,
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
					"Removed media from 40 preview cards (approx. 2.33 MB)", LevelFigures.NONE, List.of());
			StepDetails media = new StepDetails(3, "media-remove", Level.MEDIA_REMOVE, this.end, this.end.name(), "",
					start, start.plusSeconds(2), 5, 0, 0, 1, 0, 0, 0, null, LevelFigures.NONE,
					(this.end == BatchStatus.FAILED) ? List.of("java.io.IOException: disk on fire") : List.of());
			return Optional.of(new ExecutionDetails(summary, "", List.of(cards, media), List.of(),
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

	}

}
