package dev.mastodonmaintenance.operator.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server a killed demo process left running is stopped through its pid file; a pid file
 * whose process is gone, or is now another program, is only removed, and that program is
 * left alone.
 */
class OrphanedServerTests {

	@TempDir
	Path directory;

	@Test
	void serverLeftRunningIsStopped() throws Exception {
		Process server = new ProcessBuilder("sleep", "300").start();
		Path pidFile = pidFile(server.pid());

		OrphanedServer.stop(pidFile, "sleep");

		assertThat(server.waitFor(10, TimeUnit.SECONDS)).as("stopped").isTrue();
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void pidOfAnotherProgramIsLeftAlone() throws Exception {
		Process other = new ProcessBuilder("sleep", "300").start();
		try {
			Path pidFile = pidFile(other.pid());

			OrphanedServer.stop(pidFile, "postgres");

			assertThat(other.isAlive()).isTrue();
			assertThat(pidFile).doesNotExist();
		}
		finally {
			other.destroy();
			other.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void pidOfAProcessThatEndedIsRemoved() throws Exception {
		Process ended = new ProcessBuilder("true").start();
		ended.waitFor(10, TimeUnit.SECONDS);
		Path pidFile = pidFile(ended.pid());

		OrphanedServer.stop(pidFile, "true");

		assertThat(pidFile).doesNotExist();
	}

	/**
	 * A pid file as PostgreSQL writes it: the process id on the first line, more below.
	 */
	private Path pidFile(long pid) throws Exception {
		return Files.write(this.directory.resolve("server.pid"), (pid + "\n" + this.directory + "\n").getBytes());
	}

}
