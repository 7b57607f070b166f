package dev.mastodonmaintenance.operator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.mastodonmaintenance.operator.OperatorApplication;

/**
 * A {@code worker} of remote partitioning in a JVM of its own, as an operator starts one
 * ({@code mastodon-maintenance worker}), from the test class path; what it prints goes to
 * a file.
 */
final class WorkerProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private WorkerProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts a worker and waits until it takes requests.
	 * @param name its name, in failures
	 * @param envFile Mastodon's {@code .env.production}
	 * @param directory where its log goes
	 * @param arguments the worker's arguments: Spring properties, then {@code worker} and
	 * its options
	 * @return the running worker
	 */
	static WorkerProcess start(String name, Path envFile, Path directory, String... arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx384m", "-cp", System.getProperty("java.class.path"), OperatorApplication.class.getName(),
				"--mastodon-env=" + envFile));
		command.addAll(List.of(arguments));
		Path log = directory.resolve(name + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
			.start();
		WorkerProcess worker = new WorkerProcess(name, process, log);
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (!worker.log().contains("Worker: taking partitions from")) {
			if (!process.isAlive()) {
				throw new IllegalStateException(
						"Worker " + name + " exited " + process.exitValue() + ":\n" + worker.log());
			}
			if (System.nanoTime() > deadline) {
				worker.close();
				throw new IllegalStateException("Worker " + name + " did not start in 3 minutes:\n" + worker.log());
			}
			sleep(200);
		}
		return worker;
	}

	/**
	 * What it printed so far.
	 * @return its output
	 */
	String log() throws IOException {
		return Files.readString(this.log, StandardCharsets.UTF_8);
	}

	/**
	 * Whether it ran (or is running) a partition step execution.
	 * @param stepExecutionId the partition's step execution
	 * @return whether its log says it started it
	 */
	boolean ran(long stepExecutionId) throws IOException {
		return log().lines()
			.anyMatch((line) -> line.contains("Running partition ")
					&& line.contains("(step execution " + stepExecutionId + ") of execution"));
	}

	/**
	 * Kills it with SIGKILL, as {@code kill -9} does, and waits for it to be gone.
	 */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(1, TimeUnit.MINUTES);
	}

	/**
	 * Stops it with SIGTERM, as systemd does, and waits for it to exit.
	 * @return whether it exited within two minutes
	 */
	boolean terminate() throws InterruptedException {
		this.process.destroy();
		return this.process.waitFor(2, TimeUnit.MINUTES);
	}

	/**
	 * Sends it SIGTERM, without waiting.
	 */
	void signalTerminate() {
		this.process.destroy();
	}

	/**
	 * Waits for it to exit.
	 * @return whether it exited within two minutes
	 */
	boolean awaitExit() throws InterruptedException {
		return this.process.waitFor(2, TimeUnit.MINUTES);
	}

	long pid() {
		return this.process.pid();
	}

	boolean alive() {
		return this.process.isAlive();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

	@Override
	public String toString() {
		try {
			return "worker " + this.name + ":\n" + log();
		}
		catch (IOException ex) {
			return "worker " + this.name + " (log unreadable: " + ex.getMessage() + ")";
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
