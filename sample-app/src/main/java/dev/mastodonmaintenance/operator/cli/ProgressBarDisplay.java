package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;

import dev.mastodonmaintenance.boot.Progress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;

/**
 * On a terminal: a bar per level, redrawn in place, with the count, the estimated total
 * (the bar has none while no estimate exists), the rate, the time left and the phase the
 * level is in.
 */
final class ProgressBarDisplay implements ProgressDisplay {

	private static final int DEFAULT_WIDTH = 80;

	private final PrintWriter out;

	private final int width;

	private @Nullable ProgressBar bar;

	private @Nullable String step;

	ProgressBarDisplay(PrintWriter out) {
		this.out = out;
		this.width = width(System.getenv("COLUMNS"));
	}

	@Override
	public void show(Progress progress) {
		if (progress.stepName() == null) {
			return;
		}
		if (this.bar == null || !Objects.equals(progress.stepName(), this.step)) {
			close();
			this.step = progress.stepName();
			// the rows a restarted level processed before this command started do not
			// count in its rate
			this.bar = new ProgressBarBuilder()
				.setTaskName("[" + progress.stepNumber() + "/" + progress.stepCount() + "] "
						+ ProgressDisplay.levelName(progress))
				.setInitialMax(total(progress))
				.setStyle(ProgressBarStyle.ASCII)
				.setConsumer(new InPlace(this.out, this.width))
				.setUpdateIntervalMillis(250)
				.showSpeed()
				.startsFrom(progress.processed(), Duration.ZERO)
				.build();
		}
		this.bar.maxHint(total(progress));
		this.bar.setExtraMessage((progress.phase() != null) ? progress.phase() : "");
		this.bar.stepTo(progress.processed());
	}

	/**
	 * The estimated total, never below what was processed; -1, no total, while there is
	 * no estimate.
	 */
	private static long total(Progress progress) {
		Long total = progress.estimatedTotal();
		return (total != null) ? Math.max(total, progress.processed()) : -1;
	}

	@Override
	public void close() {
		if (this.bar != null) {
			this.bar.close();
			this.bar = null;
		}
	}

	static int width(@Nullable String columns) {
		try {
			return (columns != null) ? Math.max(40, Integer.parseInt(columns.strip()) - 1) : DEFAULT_WIDTH;
		}
		catch (NumberFormatException ex) {
			return DEFAULT_WIDTH;
		}
	}

	/**
	 * Draws each rendering over the previous one, and leaves the last on its line.
	 */
	private static final class InPlace implements ProgressBarConsumer {

		private final PrintWriter out;

		private final int width;

		InPlace(PrintWriter out, int width) {
			this.out = out;
			this.width = width;
		}

		@Override
		public int getMaxRenderedLength() {
			return this.width;
		}

		@Override
		public void accept(String rendered) {
			this.out.print("\r" + rendered);
			this.out.flush();
		}

		@Override
		public void close() {
			this.out.println();
			this.out.flush();
		}

	}

}
