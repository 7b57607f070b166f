package dev.mastodonmaintenance.boot.partition;

import dev.mastodonmaintenance.batch.PartitionHandlerFactory;
import dev.mastodonmaintenance.boot.testing.StarterContexts;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The remote partitioning auto-configuration's conditions: nothing in local mode (the
 * default), a manager's partition handlers or a worker's consumers otherwise, on the
 * PostgreSQL channel by default; a remote mode without Spring Batch Integration or its
 * transport's libraries stops the start naming them, rather than leave the node local in
 * silence.
 */
class RemotePartitioningAutoConfigurationTests {

	private static MastodonDatabase db;

	private final ApplicationContextRunner runner = StarterContexts.host(db)
		.withConfiguration(AutoConfigurations.of(MastodonMaintenancePartitioningAutoConfiguration.class));

	@BeforeAll
	static void database() {
		db = StarterDatabase.create(RemotePartitioningAutoConfigurationTests.class);
	}

	@Test
	void localByDefault() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasBean("mastodonMaintenanceJob")
			.doesNotHaveBean(PartitionHandlerFactory.class)
			.doesNotHaveBean(PartitionWorkers.class));
	}

	@Test
	void managerSendsThroughThePostgresChannel() {
		this.runner.withPropertyValues("mastodon.maintenance.partitioning.mode=manager")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(PartitionHandlerFactory.class)
				.hasSingleBean(JdbcPartitionTransport.class)
				.doesNotHaveBean(PartitionWorkers.class));
	}

	@Test
	void workerConsumesWithTheApplication() {
		this.runner
			.withPropertyValues("mastodon.maintenance.partitioning.mode=worker",
					"mastodon.maintenance.partitioning.poll-interval=100ms")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(PartitionWorkers.class)
					.doesNotHaveBean(PartitionHandlerFactory.class);
				assertThat(context.getBean(PartitionWorkers.class).isRunning()).isTrue();
				assertThat(context.getBean(PartitionWorkers.class).describe())
					.isEqualTo("PostgreSQL channel mastodon-maintenance.partitions "
							+ "(mastodon_maintenance.int_channel_message)");
			});
	}

	@Test
	void amqpWithoutItsLibrariesStopsTheStart() {
		this.runner.withClassLoader(new FilteredClassLoader(RabbitTemplate.class))
			.withPropertyValues("mastodon.maintenance.partitioning.mode=manager",
					"mastodon.maintenance.partitioning.transport=amqp")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("mastodon.maintenance.partitioning.transport=amqp needs "
						+ "spring-integration-amqp and spring-rabbit on the class path"));
	}

	@Test
	void remoteModeWithoutBatchIntegrationStopsTheStart() {
		this.runner.withClassLoader(new FilteredClassLoader(MessageChannelPartitionHandler.class))
			.withPropertyValues("mastodon.maintenance.partitioning.mode=worker")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining(
						"mastodon.maintenance.partitioning.mode=worker needs Spring Batch " + "Integration"));
	}

}
