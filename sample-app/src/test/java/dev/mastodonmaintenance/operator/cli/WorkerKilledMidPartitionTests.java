package dev.mastodonmaintenance.operator.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * A worker killed with {@code kill -9} in the middle of a partition, over RabbitMQ and
 * over the PostgreSQL channel: its partition is failed (it never runs twice, nor on the
 * other worker at the same time), the run ends FAILED, and {@code restart} re-runs only
 * that partition, on the remaining worker, to the state one node leaves.
 * <p>
 * The partition is held in place by a row lock the test takes on one of its attachments,
 * so that the worker is killed while its chunk waits on the database.
 */
class WorkerKilledMidPartitionTests {

	@ParameterizedTest
	@ValueSource(strings = { "jdbc", "amqp" })
	void restartRerunsOnlyTheLostPartition(String transport, @TempDir Path oneNode, @TempDir Path remote)
			throws Exception {
		PartitionTransports.assumeReachable(transport);
		PartitionedInstance single = PartitionedInstance.seed(oneNode, WorkerKilledMidPartitionTests.class);
		PartitionedInstance instance = PartitionedInstance.seed(remote, WorkerKilledMidPartitionTests.class);
		CommandLineRun reference = CommandLineRun.on(single.envFile(), single.mediaRemoveOnOneNode());
		assertThat(reference.status()).as(reference.toString()).isZero();

		String queue = PartitionTransports.uniqueQueue("killed-" + transport);
		List<String> manager = PartitionTransports.settings(transport, queue, "manager");
		try (WorkerProcess first = RemoteWorkersEndStateTests.worker("first", instance, transport, queue, remote);
				WorkerProcess second = RemoteWorkersEndStateTests.worker("second", instance, transport, queue, remote);
				Connection lock = instance.db().dataSource().getConnection()) {
			lock.setAutoCommit(false);
			long heldMedia = instance.oldMedia().get(instance.oldMedia().size() - 1);
			try (PreparedStatement statement = lock
				.prepareStatement("SELECT id FROM media_attachments WHERE id = ? FOR UPDATE")) {
				statement.setLong(1, heldMedia);
				statement.executeQuery().close();
			}
			CompletableFuture<CommandLineRun> running = CompletableFuture
				.supplyAsync(() -> CommandLineRun.on(instance.envFile(), instance.mediaRemove(manager)));

			// every partition but the held one completes; the held one waits on the lock
			long jobExecution = awaitOneStartedRestCompleted(instance, running);
			Map<Long, String> partitions = instance.partitions(jobExecution);
			long held = partitions.entrySet()
				.stream()
				.filter((partition) -> partition.getValue().equals("STARTED"))
				.findFirst()
				.orElseThrow()
				.getKey();
			// no node keeps a transaction open while a partition runs: it would hold back
			// vacuum on all of Mastodon's tables for as long
			Thread.sleep(2_500);
			assertThat(instance.db()
				.jdbc()
				.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
						+ "AND state = 'idle in transaction' AND xact_start < now() - interval '2 seconds' "
						+ "AND pid <> ?", Long.class, backendPid(lock)))
				.isZero();
			WorkerProcess victim = first.ran(held) ? first : second;
			WorkerProcess survivor = (victim == first) ? second : first;
			assertThat(survivor.ran(held)).isFalse();
			victim.kill();
			lock.rollback();

			CommandLineRun failed = running.get(3, TimeUnit.MINUTES);
			assertThat(failed.status()).as(failed + "\n" + survivor).isEqualTo(2);
			assertThat(failed.executionId()).isEqualTo(jobExecution);
			assertThat(instance.partitions(jobExecution)).hasSize(PartitionedInstance.GRID_SIZE)
				.allSatisfy((id, status) -> assertThat(status).isEqualTo((id == held) ? "FAILED" : "COMPLETED"));
			assertThat(instance.db()
				.jdbc()
				.queryForObject("SELECT exit_message FROM mastodon_maintenance.batch_step_execution "
						+ "WHERE step_execution_id = ?", String.class, held))
				.contains("worker was lost");
			// the survivor did not run it meanwhile: it failed it, or the manager did
			assertThat(survivor.ran(held)).as(survivor.toString()).isFalse();
			// the operator sees which worker ran the lost partition, and why it failed
			String failedStatus = status(instance, jobExecution);
			assertThat(partitionLines(failedStatus)).hasSize(PartitionedInstance.GRID_SIZE)
				.filteredOn((line) -> line.contains(": FAILED, "))
				.singleElement()
				.asString()
				.contains("(pid " + victim.pid() + ")");
			assertThat(failedStatus.lines().filter((line) -> line.startsWith("  ! media-remove-partition:")))
				.singleElement()
				.asString()
				.contains("worker was lost");

			List<String> restart = new ArrayList<>(manager);
			restart.addAll(List.of("restart", String.valueOf(jobExecution)));
			CommandLineRun restarted = CommandLineRun.on(instance.envFile(), restart.toArray(String[]::new));

			assertThat(restarted.status()).as(restarted + "\n" + survivor).isZero();
			long again = instance.lastExecution();
			assertThat(again).isNotEqualTo(jobExecution);
			Map<Long, String> rerun = instance.partitions(again);
			assertThat(rerun).hasSize(1).containsValue("COMPLETED");
			assertThat(survivor.ran(rerun.keySet().iterator().next())).isTrue();
			assertThat(instance.state()).isEqualTo(single.state());
			// and, after the restart, where each partition ran last and which execution
			// completed it
			List<String> lines = partitionLines(status(instance, again));
			assertThat(lines).hasSize(PartitionedInstance.GRID_SIZE)
				.filteredOn((line) -> line.contains(": COMPLETED in execution " + jobExecution + ", "))
				.hasSize(PartitionedInstance.GRID_SIZE - 1);
			assertThat(lines).filteredOn((line) -> line.contains(": COMPLETED, "))
				.singleElement()
				.asString()
				.contains("(pid " + survivor.pid() + ")");
		}
		finally {
			PartitionTransports.delete(transport, queue);
		}
	}

	// what 'status ID' prints of an execution
	private static String status(PartitionedInstance instance, long execution) {
		CommandLineRun status = CommandLineRun.on(instance.envFile(), "status", String.valueOf(execution));
		assertThat(status.out()).as(status.toString()).contains("media-remove: ");
		return status.out();
	}

	// the partitions' lines of media-remove in it
	private static List<String> partitionLines(String status) {
		return status.lines().filter((line) -> line.startsWith("  partition ")).toList();
	}

	private static int backendPid(Connection connection) throws Exception {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()");
				ResultSet result = statement.executeQuery()) {
			result.next();
			return result.getInt(1);
		}
	}

	private static long awaitOneStartedRestCompleted(PartitionedInstance instance,
			CompletableFuture<CommandLineRun> running) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			if (running.isDone()) {
				throw new AssertionError("The run ended while a partition was held:\n" + running.get());
			}
			long execution = instance.lastExecution();
			if (execution > 0) {
				Map<Long, String> partitions = instance.partitions(execution);
				long started = partitions.values().stream().filter("STARTED"::equals).count();
				long completed = partitions.values().stream().filter("COMPLETED"::equals).count();
				if (partitions.size() == PartitionedInstance.GRID_SIZE && started == 1
						&& completed == PartitionedInstance.GRID_SIZE - 1) {
					return execution;
				}
			}
			Thread.sleep(200);
		}
		throw new AssertionError("No partition held while the others completed in 3 minutes");
	}

}
