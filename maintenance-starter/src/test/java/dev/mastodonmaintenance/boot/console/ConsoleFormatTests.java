package dev.mastodonmaintenance.boot.console;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.LevelFigures;
import dev.mastodonmaintenance.boot.Progress;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's lines agree with the run: the bar names the level, its phase, how far it
 * got, its rate and the time it has left, and says nothing it does not know; the exit
 * code is no {@code UNKNOWN} while a run goes, nor the {@code NOOP} of a level the run
 * did not select once it completed.
 */
class ConsoleFormatTests {

	private final ConsoleFormat format = new ConsoleFormat();

	@Test
	void barNamesLevelPhaseRateAndTimeLeft() {
		Progress progress = new Progress(7, BatchStatus.STARTED, "statuses-remove", Level.STATUSES_REMOVE, 2, 2,
				"media", 1200, 4800L, 0.25, 300.0, Duration.ofSeconds(12), Progress.Basis.ID_RANGE);

		assertThat(this.format.progress(progress))
			.isEqualTo("Step 2 of 2: statuses-remove (media) · 1,200 of ~4,800 (25%) · 300/s · about 12 s left");
	}

	@Test
	void barWithoutEstimateSaysWhatItProcessed() {
		Progress progress = new Progress(7, BatchStatus.STARTED, "media-remove-orphans", Level.MEDIA_REMOVE_ORPHANS, 1,
				1, null, 5000, null, null, null, null, Progress.Basis.NONE);

		assertThat(this.format.progress(progress)).isEqualTo("Step 1 of 1: media-remove-orphans · 5,000 processed");
	}

	@Test
	void barBeforeTheFirstLevel() {
		assertThat(this.format.progress(null)).isEqualTo("Starting…");
		assertThat(this.format.progress(new Progress(7, BatchStatus.STARTING, null, null, 0, 2, null, 0, null, null,
				null, null, Progress.Basis.NONE)))
			.isEqualTo("Starting…");
	}

	@Test
	void exitCodeOfARunningCompletedAndFailedRun() {
		assertThat(this.format.exitCode(execution(BatchStatus.STARTED, "UNKNOWN"))).isEqualTo("–");
		assertThat(this.format.exitCode(execution(BatchStatus.COMPLETED, "NOOP"))).isEqualTo("COMPLETED");
		assertThat(this.format.exitCode(execution(BatchStatus.FAILED, "FAILED"))).isEqualTo("FAILED");
		assertThat(this.format.exitCode(execution(BatchStatus.STOPPED, "NOOP"))).isEqualTo("NOOP");
	}

	@Test
	void removedInOneLine() {
		assertThat(this.format.removed(new LevelFigures(900, 600, 50, 600, 0, 0, 28_950_000)))
			.isEqualTo("650 rows, 600 stored objects, 27.6 MB");
	}

	private static ExecutionSummary execution(BatchStatus status, String exitCode) {
		Instant start = Instant.parse("2026-11-20T04:00:00Z");
		return new ExecutionSummary(1, 1, status, exitCode, start, start, null, EnumSet.of(Level.MEDIA_REMOVE), false,
				Map.of(), LevelFigures.NONE);
	}

}
