package dev.mastodonmaintenance.operator.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A manager and two worker JVMs, sharing one PostgreSQL and one media storage, over
 * RabbitMQ and over the PostgreSQL channel: a partitioned level run this way leaves the
 * same rows and files as the same run on one node, its partitions ran on the workers (on
 * both), and every request was consumed.
 */
class RemoteWorkersEndStateTests {

	@ParameterizedTest
	@ValueSource(strings = { "jdbc", "amqp" })
	void workersLeaveWhatOneNodeLeaves(String transport, @TempDir Path oneNode, @TempDir Path remote) throws Exception {
		PartitionTransports.assumeReachable(transport);
		PartitionedInstance single = PartitionedInstance.seed(oneNode, RemoteWorkersEndStateTests.class);
		PartitionedInstance instance = PartitionedInstance.seed(remote, RemoteWorkersEndStateTests.class);
		CommandLineRun reference = CommandLineRun.on(single.envFile(), single.mediaRemoveOnOneNode());
		assertThat(reference.status()).as(reference.toString()).isZero();
		assertThat(single.state()).isNotEqualTo(instance.state());

		String queue = PartitionTransports.uniqueQueue("end-state-" + transport);
		try (WorkerProcess first = worker("first", instance, transport, queue, remote);
				WorkerProcess second = worker("second", instance, transport, queue, remote)) {
			CommandLineRun run = CommandLineRun.on(instance.envFile(),
					instance.mediaRemove(withTrace(PartitionTransports.settings(transport, queue, "manager"))));

			assertThat(run.status()).as(run + "\n" + first + "\n" + second).isZero();
			assertThat(run.out()).contains("Removed " + instance.oldMedia().size() + " media attachments");
			assertThat(instance.state()).isEqualTo(single.state());
			Map<Long, String> partitions = instance.partitions(instance.lastExecution());
			assertThat(partitions).hasSize(PartitionedInstance.GRID_SIZE).allSatisfy((id, status) -> {
				assertThat(status).isEqualTo("COMPLETED");
			});
			int onFirst = 0;
			int onSecond = 0;
			for (long id : partitions.keySet()) {
				boolean a = first.ran(id);
				boolean b = second.ran(id);
				assertThat(a ^ b).as("partition " + id + " ran on exactly one worker\n" + first + "\n" + second)
					.isTrue();
				onFirst += a ? 1 : 0;
				onSecond += b ? 1 : 0;
			}
			assertThat(onFirst + onSecond).isEqualTo(PartitionedInstance.GRID_SIZE);
			if (transport.equals("jdbc")) {
				assertThat(instance.db()
					.jdbc()
					.queryForObject("SELECT count(*) FROM mastodon_maintenance.int_channel_message", Long.class))
					.isZero();
			}
			assertThat(first.terminate()).isTrue();
			assertThat(second.terminate()).isTrue();
			assertThat(first.log()).contains("Worker stopped taking partitions");
		}
		finally {
			PartitionTransports.delete(transport, queue);
		}
	}

	static List<String> withTrace(List<String> settings) {
		List<String> all = new ArrayList<>(settings);
		all.add("--trace");
		return all;
	}

	static WorkerProcess worker(String name, PartitionedInstance instance, String transport, String queue,
			Path directory) throws Exception {
		List<String> args = new ArrayList<>(PartitionTransports.settings(transport, queue, "worker"));
		args.add("worker");
		return WorkerProcess.start(name + "-" + transport, instance.envFile(), directory, args.toArray(String[]::new));
	}

}
