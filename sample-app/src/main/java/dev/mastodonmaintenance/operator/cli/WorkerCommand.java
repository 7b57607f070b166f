package dev.mastodonmaintenance.operator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.mastodonmaintenance.boot.partition.PartitionWorkers;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * {@code worker}: a node of remote partitioning that runs the partitions its managers
 * send, until stopped.
 */
@Command(name = "worker",
		description = { "Run the partitions of partitioned levels that managers send (remote partitioning), until "
				+ "stopped. A manager is any command run with mastodon.maintenance.partitioning.mode=manager "
				+ "(MASTODON_MAINTENANCE_PARTITIONING_MODE=manager) and the same transport and queue; every node "
				+ "uses the same Mastodon database, where the runs' state is.",
				"SIGTERM (or Ctrl-C) stops it: the partitions in hand stop after their current chunk and end "
						+ "STOPPED, their run ends STOPPED, and 'restart ID' resumes them from their checkpoints.",
				"Settings also from MASTODON_MAINTENANCE_PARTITIONING_TRANSPORT, _AMQPURL, _QUEUE, _CONCURRENCY; "
						+ "the options win. See docs/scaling.md." })
final class WorkerCommand implements Callable<Integer> {

	private final CommandContext cli;

	@Option(names = "--transport", paramLabel = "amqp|jdbc",
			description = "How requests arrive: amqp (RabbitMQ) or jdbc (a table in Mastodon's database; the "
					+ "default).")
	@Nullable String transport;

	@Option(names = "--amqp-url", paramLabel = "URL",
			description = "RabbitMQ, with --transport amqp (default amqp://guest:guest@127.0.0.1:5672).")
	@Nullable String amqpUrl;

	@Option(names = "--queue", paramLabel = "NAME",
			description = "The queue or channel the managers send to (default mastodon-maintenance.partitions).")
	@Nullable String queue;

	@Option(names = "--concurrency", paramLabel = "N",
			description = "How many partitions this worker runs at once (default 1).")
	@Nullable Integer concurrency;

	WorkerCommand(CommandContext cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() throws InterruptedException {
		if (this.transport != null && !this.transport.equals("amqp") && !this.transport.equals("jdbc")) {
			throw new CliException("--transport: amqp or jdbc, not " + this.transport);
		}
		if (this.concurrency != null && this.concurrency < 1) {
			throw new CliException("--concurrency: must be a whole number >= 1");
		}
		List<String> settings = new ArrayList<>();
		setting(settings, "transport", this.transport);
		setting(settings, "amqp-url", this.amqpUrl);
		setting(settings, "queue", this.queue);
		setting(settings, "concurrency", (this.concurrency != null) ? this.concurrency.toString() : null);
		ConfigurableApplicationContext context = this.cli.worker(settings);
		CountDownLatch closed = new CountDownLatch(1);
		context.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent) {
				closed.countDown();
			}
		});
		PartitionWorkers workers = context.getBean(PartitionWorkers.class);
		this.cli.out()
			.println("Worker: taking partitions from " + workers.describe() + "; SIGTERM or Ctrl-C stops it after "
					+ "the current chunk of the partitions in hand.");
		this.cli.out().flush();
		if (context.isActive()) {
			closed.await();
		}
		return ExitCodes.OK;
	}

	private static void setting(List<String> settings, String name, @Nullable String value) {
		if (value != null) {
			settings.add("--mastodon.maintenance.partitioning." + name + "=" + value);
		}
	}

}
