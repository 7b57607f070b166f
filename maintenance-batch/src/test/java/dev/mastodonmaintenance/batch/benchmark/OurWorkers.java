package dev.mastodonmaintenance.batch.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Worker nodes of ours for one side of a benchmark: {@code java -jar sample-app.jar
 * worker} processes, each under GNU time, with what it prints in a log file of its own.
 * They are started and waited for until they take requests, so that the manager started
 * next finds them idle and waiting, as an operator's standing workers are; they are
 * stopped with SIGTERM, as systemd stops one, after which GNU time reports each one's
 * peak RSS and CPU time.
 */
final class OurWorkers implements AutoCloseable {

	private static final String READY = "Worker: taking partitions from";

	private final List<Worker> workers;

	private OurWorkers(List<Worker> workers) {
		this.workers = workers;
	}

	/**
	 * Starts the workers and waits until each takes requests.
	 * @param count how many
	 * @param command the command of one, GNU time first
	 * @param environment its environment beside the harness's
	 * @param logs where their logs go
	 * @return the running workers
	 */
	static OurWorkers start(int count, List<String> command, Map<String, String> environment, Path logs)
			throws IOException, InterruptedException {
		List<Worker> workers = new ArrayList<>();
		OurWorkers started = new OurWorkers(workers);
		try {
			for (int i = 1; i <= count; i++) {
				Path log = logs.resolve("worker-" + i + ".log");
				ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(log.toFile())
					.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
				builder.environment().putAll(environment);
				workers.add(new Worker("worker " + i, builder.start(), log));
			}
			long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
			for (Worker worker : workers) {
				while (!worker.log().contains(READY)) {
					if (!worker.process().isAlive() || System.nanoTime() > deadline) {
						throw new IllegalStateException(worker.name() + " did not start taking partitions:\n"
								+ String.join("\n", worker.log().lines().limit(60).toList()));
					}
					Thread.sleep(200);
				}
			}
			return started;
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			started.close();
			throw ex;
		}
	}

	/**
	 * Stops every worker with SIGTERM and waits for it to exit.
	 * @return each one's figures, from GNU time and its log
	 */
	List<Figures> stop() throws IOException, InterruptedException {
		List<Figures> figures = new ArrayList<>();
		for (Worker worker : this.workers) {
			if (!worker.terminate()) {
				throw new IllegalStateException(worker.name() + " did not exit within 2 minutes of SIGTERM");
			}
			String log = worker.log();
			String measured = log.lines()
				.filter((line) -> line.startsWith(OrphansRemoveBenchmark.MEASURE))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(worker.name() + " printed no figures:\n" + log));
			OrphansRemoveBenchmark.Measure measure = OrphansRemoveBenchmark.Measure
				.parse(measured.substring(OrphansRemoveBenchmark.MEASURE.length()));
			long partitions = log.lines().filter((line) -> line.contains("Running partition ")).count();
			figures.add(new Figures(worker.name(), measure, partitions));
		}
		return figures;
	}

	/**
	 * Stops the workers still running (SIGTERM, then SIGKILL after 2 minutes): nothing is
	 * left running.
	 */
	@Override
	public void close() throws InterruptedException {
		for (Worker worker : this.workers) {
			if (!worker.terminate()) {
				worker.process().descendants().forEach(ProcessHandle::destroyForcibly);
				worker.process().destroyForcibly();
				worker.process().waitFor(1, TimeUnit.MINUTES);
			}
		}
	}

	/**
	 * What GNU time and its log say of one worker.
	 *
	 * @param name which worker
	 * @param measure its whole life (wall time from its start to its exit), peak RSS and
	 * CPU time
	 * @param partitions how many partitions it ran
	 */
	record Figures(String name, OrphansRemoveBenchmark.Measure measure, long partitions) {

	}

	private record Worker(String name, Process process, Path logFile) {

		String log() throws IOException {
			return Files.readString(this.logFile, StandardCharsets.UTF_8);
		}

		// SIGTERM to the JVM, not to GNU time, which would die of it without
		// passing it on
		boolean terminate() throws InterruptedException {
			if (this.process.isAlive()) {
				this.process.children().forEach(ProcessHandle::destroy);
			}
			return this.process.waitFor(2, TimeUnit.MINUTES);
		}

	}

}
