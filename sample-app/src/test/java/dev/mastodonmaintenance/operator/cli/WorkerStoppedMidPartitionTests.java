package dev.mastodonmaintenance.operator.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker stopped with SIGTERM (systemd's stop, a pod's deletion) while a partition is
 * in its hands, over RabbitMQ and the PostgreSQL channel: the partition stops after its
 * current chunk and ends STOPPED, the worker exits, another worker runs the partitions
 * not yet taken, the run ends STOPPED (exit 3), and {@code restart} resumes only the
 * stopped partition, to the state one node leaves.
 * <p>
 * The test holds every old attachment's row, so that the worker's first chunk waits on
 * the database while it is told to stop.
 */
class WorkerStoppedMidPartitionTests {

	@ParameterizedTest
	@ValueSource(strings = { "jdbc", "amqp" })
	void stoppedPartitionIsResumedByRestart(String transport, @TempDir Path oneNode, @TempDir Path remote)
			throws Exception {
		PartitionTransports.assumeReachable(transport);
		PartitionedInstance single = PartitionedInstance.seed(oneNode, WorkerStoppedMidPartitionTests.class);
		PartitionedInstance instance = PartitionedInstance.seed(remote, WorkerStoppedMidPartitionTests.class);
		CommandLineRun reference = CommandLineRun.on(single.envFile(), single.mediaRemoveOnOneNode());
		assertThat(reference.status()).as(reference.toString()).isZero();

		String queue = PartitionTransports.uniqueQueue("stopped-" + transport);
		List<String> manager = PartitionTransports.settings(transport, queue, "manager");
		try (WorkerProcess stopped = RemoteWorkersEndStateTests.worker("stopped", instance, transport, queue, remote);
				Connection lock = instance.db().dataSource().getConnection()) {
			lock.setAutoCommit(false);
			try (PreparedStatement statement = lock
				.prepareStatement("SELECT id FROM media_attachments WHERE id = ANY (?) FOR UPDATE")) {
				statement.setArray(1, lock.createArrayOf("bigint", instance.oldMedia().toArray()));
				statement.executeQuery().close();
			}
			CompletableFuture<CommandLineRun> running = CompletableFuture
				.supplyAsync(() -> CommandLineRun.on(instance.envFile(), instance.mediaRemove(manager)));
			long jobExecution = awaitStarted(instance, running);

			stopped.signalTerminate();
			awaitLog(stopped, "Stopping: 1 partition(s) in hand stop after their current chunk");
			lock.rollback();
			assertThat(stopped.awaitExit()).as(stopped.toString()).isTrue();

			Map<Long, String> partitions = instance.partitions(jobExecution);
			assertThat(partitions.values()).containsOnlyOnce("STOPPED").doesNotContain("STARTED", "FAILED");
			long held = partitions.entrySet()
				.stream()
				.filter((partition) -> partition.getValue().equals("STOPPED"))
				.findFirst()
				.orElseThrow()
				.getKey();
			assertThat(stopped.ran(held)).isTrue();
			try (WorkerProcess other = RemoteWorkersEndStateTests.worker("other", instance, transport, queue, remote)) {
				CommandLineRun run = running.get(3, TimeUnit.MINUTES);
				assertThat(run.status()).as(run + "\n" + other).isEqualTo(3);
				assertThat(instance.partitions(jobExecution)).hasSize(PartitionedInstance.GRID_SIZE)
					.allSatisfy((id, status) -> assertThat(status).isEqualTo((id == held) ? "STOPPED" : "COMPLETED"));

				List<String> restart = new ArrayList<>(manager);
				restart.addAll(List.of("restart", String.valueOf(jobExecution)));
				CommandLineRun restarted = CommandLineRun.on(instance.envFile(), restart.toArray(String[]::new));

				assertThat(restarted.status()).as(restarted + "\n" + other).isZero();
				Map<Long, String> rerun = instance.partitions(instance.lastExecution());
				assertThat(rerun).hasSize(1).containsValue("COMPLETED");
				assertThat(other.ran(rerun.keySet().iterator().next())).isTrue();
				assertThat(instance.state()).isEqualTo(single.state());
			}
		}
		finally {
			PartitionTransports.delete(transport, queue);
		}
	}

	private static long awaitStarted(PartitionedInstance instance, CompletableFuture<CommandLineRun> running)
			throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			if (running.isDone()) {
				throw new AssertionError("The run ended while its partitions were held:\n" + running.get());
			}
			long execution = instance.lastExecution();
			if (execution > 0 && instance.partitions(execution).containsValue("STARTED")) {
				return execution;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("No partition started in 3 minutes");
	}

	private static void awaitLog(WorkerProcess worker, String line) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (!worker.log().contains(line)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("No '" + line + "' in a minute:\n" + worker);
			}
			Thread.sleep(100);
		}
	}

}
