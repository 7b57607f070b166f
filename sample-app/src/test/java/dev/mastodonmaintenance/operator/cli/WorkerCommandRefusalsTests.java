package dev.mastodonmaintenance.operator.cli;

import java.net.ServerSocket;
import java.nio.file.Path;

import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code worker} and the modes of remote partitioning on the command line: a broker that
 * does not answer, or a mode that contradicts the command, is refused in one line with
 * exit status 1, and nothing runs; a node configured as a worker starts no run.
 */
class WorkerCommandRefusalsTests {

	@TempDir
	static Path live;

	private static MastodonDatabase db;

	private static Path envFile;

	@BeforeAll
	static void mastodon() throws Exception {
		db = MastodonDatabase.withFixture(WorkerCommandRefusalsTests.class);
		envFile = CommandLineRun.envFile(live, db);
	}

	@Test
	void unreachableBrokerIsOneLine() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}

		CommandLineRun run = CommandLineRun.on(envFile, "worker", "--transport", "amqp", "--amqp-url",
				"amqp://guest:guest@127.0.0.1:" + port, "--queue", "never-declared");

		assertThat(run.status()).as(run.toString()).isEqualTo(1);
		assertThat(run.err().lines()).singleElement()
			.asString()
			.startsWith(
					"Error: RabbitMQ at 127.0.0.1:" + port + " is unreachable for the partition queue never-declared");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void workerRefusesAnotherMode() {
		CommandLineRun run = CommandLineRun.on(envFile, "--mastodon.maintenance.partitioning.mode=manager", "worker");

		assertThat(run.status()).as(run.toString()).isEqualTo(1);
		assertThat(run.err().lines()).singleElement()
			.asString()
			.isEqualTo("Error: mastodon.maintenance.partitioning.mode is manager (from the environment or an "
					+ "argument), but 'worker' runs a worker: unset it, or set it to worker");
	}

	@Test
	void aWorkerNodeStartsNoRun() {
		CommandLineRun run = CommandLineRun.on(envFile, "--mastodon.maintenance.partitioning.mode=worker", "media",
				"remove");

		assertThat(run.status()).as(run.toString()).isEqualTo(1);
		assertThat(run.err().lines()).singleElement()
			.asString()
			.startsWith("Error: mastodon.maintenance.partitioning.mode is worker: this node runs the partitions");
		assertThat(
				db.jdbc().queryForObject("SELECT count(*) FROM mastodon_maintenance.batch_job_execution", Long.class))
			.isZero();
	}

}
