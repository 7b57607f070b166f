package dev.mastodonmaintenance.operator.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server of the demo (its PostgreSQL, its Redis) left running by a demo process that
 * was killed without a chance to stop it ({@code kill -9}): found through the pid file
 * the server wrote in the demo directory, and stopped, so that the next demo starts
 * cleanly. A pid file whose process is gone, or is now another program, is only removed.
 */
final class OrphanedServer {

	private OrphanedServer() {
	}

	/**
	 * Stops the server a pid file names, if it still runs, and removes the pid file. Call
	 * it only when no live demo process uses the directory.
	 * @param pidFile the pid file (its first line is the process id)
	 * @param program a part of the server's executable name ({@code postgres},
	 * {@code redis-server})
	 */
	static void stop(Path pidFile, String program) {
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		try {
			List<String> lines = Files.readAllLines(pidFile);
			Optional<ProcessHandle> process = lines.isEmpty() ? Optional.empty() : pid(lines.get(0));
			if (process.isPresent() && process.get().isAlive()
					&& process.get().info().command().map((command) -> command.contains(program)).orElse(false)) {
				// SIGTERM: a PostgreSQL without clients shuts down at once, a Redis too
				process.get().destroy();
				awaitExit(process.get(), 10);
				if (process.get().isAlive()) {
					process.get().destroyForcibly();
					awaitExit(process.get(), 5);
				}
			}
			Files.deleteIfExists(pidFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot clear the stale " + pidFile + " of the demo", ex);
		}
	}

	private static Optional<ProcessHandle> pid(String line) {
		try {
			return ProcessHandle.of(Long.parseLong(line.strip()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static void awaitExit(ProcessHandle process, int seconds) {
		try {
			process.onExit().get(seconds, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// still alive: the caller decides
		}
	}

}
