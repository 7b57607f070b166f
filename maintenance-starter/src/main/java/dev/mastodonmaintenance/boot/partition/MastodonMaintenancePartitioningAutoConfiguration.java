package dev.mastodonmaintenance.boot.partition;

import dev.mastodonmaintenance.batch.PartitionClaims;
import java.net.URI;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.MaintenanceJob;
import dev.mastodonmaintenance.batch.PartitionHandlerFactory;
import dev.mastodonmaintenance.boot.autoconfigure.MaintenanceSchemaInitializer;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceBatch;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceBatchAutoConfiguration;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of remote partitioning, with Spring Batch Integration on the class
 * path and {@code mastodon.maintenance.partitioning.mode} {@code manager} or
 * {@code worker} (the default, {@code local}, runs partitions on this node and sets up
 * nothing here):
 * <ul>
 * <li>a manager's partitioned levels send their partitions through the transport and poll
 * the job repository for their outcome ({@link RemotePartitionHandler});</li>
 * <li>a worker takes the requests and runs the partitions with the job's worker steps
 * ({@link PartitionWorkers}).</li>
 * </ul>
 * The transports, {@code amqp} (Spring Integration AMQP and Spring Rabbit) and
 * {@code jdbc} (Spring Integration JDBC), are optional dependencies; a mode whose
 * transport's classes are missing fails at startup, saying which.
 */
@AutoConfiguration(after = MastodonMaintenanceBatchAutoConfiguration.class)
@ConditionalOnClass({ MessageChannelPartitionHandler.class, MaintenanceJob.class })
@ConditionalOnBean(MaintenanceSchemaInitializer.class)
@Conditional(MastodonMaintenancePartitioningAutoConfiguration.RemoteMode.class)
@EnableConfigurationProperties(PartitioningProperties.class)
public final class MastodonMaintenancePartitioningAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PartitionClaims mastodonMaintenancePartitionClaims(MaintenanceSchemaInitializer schema) {
		return new PartitionClaims(schema.dataSource());
	}

	@Bean
	@ConditionalOnMissingBean
	PartitionTransport mastodonMaintenancePartitionTransport(PartitioningProperties properties,
			ObjectProvider<PartitionTransportFactory> factories) {
		PartitionTransportFactory factory = factories.orderedStream()
			.filter((candidate) -> candidate.transport() == properties.getTransport())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("mastodon.maintenance.partitioning.transport="
					+ properties.getTransport().name().toLowerCase() + " needs "
					+ ((properties.getTransport() == PartitioningProperties.Transport.AMQP)
							? "spring-integration-amqp and spring-rabbit" : "spring-integration-jdbc")
					+ " on the class path"));
		return factory.create();
	}

	@Bean
	@ConditionalOnProperty(prefix = "mastodon.maintenance.partitioning", name = "mode", havingValue = "manager")
	PartitionHandlerFactory mastodonMaintenanceRemotePartitions(PartitionTransport transport,
			@MastodonMaintenanceBatch JobRepository repository, PartitionClaims claims,
			PartitioningProperties properties) {
		transport.check();
		return new PartitionHandlerFactory() {

			@Override
			public PartitionHandler create(Level level, Step workerStep) {
				return new RemotePartitionHandler(workerStep.getName(), 1, transport.requests(), repository, claims,
						properties);
			}

			@Override
			public boolean runsPartitionsHere() {
				return false;
			}

		};
	}

	@Bean
	@ConditionalOnProperty(prefix = "mastodon.maintenance.partitioning", name = "mode", havingValue = "worker")
	PartitionWorkers mastodonMaintenancePartitionWorkers(PartitionTransport transport,
			@MastodonMaintenanceBatch JobRepository repository, PartitionClaims claims,
			@MastodonMaintenanceBatch ObjectProvider<MaintenanceJob> job, PartitioningProperties properties) {
		StepLocator steps = new WorkerSteps(job);
		return new PartitionWorkers(transport, new PartitionWorker(repository, steps, claims),
				properties.getConcurrency());
	}

	/**
	 * Makes the transport configured.
	 */
	interface PartitionTransportFactory {

		PartitioningProperties.Transport transport();

		PartitionTransport create();

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RabbitTemplate.class,
			org.springframework.integration.amqp.outbound.AmqpOutboundEndpoint.class })
	@ConditionalOnProperty(prefix = "mastodon.maintenance.partitioning", name = "transport", havingValue = "amqp")
	static class Amqp {

		@Bean(destroyMethod = "destroy")
		@ConditionalOnMissingBean(ConnectionFactory.class)
		CachingConnectionFactory mastodonMaintenancePartitionConnectionFactory(PartitioningProperties properties) {
			return new CachingConnectionFactory(URI.create(properties.getAmqpUrl()));
		}

		@Bean
		PartitionTransportFactory mastodonMaintenanceAmqpTransport(ConnectionFactory connectionFactory,
				PartitioningProperties properties, BeanFactory beanFactory) {
			return new PartitionTransportFactory() {

				@Override
				public PartitioningProperties.Transport transport() {
					return PartitioningProperties.Transport.AMQP;
				}

				@Override
				public PartitionTransport create() {
					return new AmqpPartitionTransport(connectionFactory, properties.getQueue(), beanFactory);
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcChannelMessageStore.class)
	@ConditionalOnProperty(prefix = "mastodon.maintenance.partitioning", name = "transport", havingValue = "jdbc",
			matchIfMissing = true)
	static class Jdbc {

		@Bean
		PartitionTransportFactory mastodonMaintenanceJdbcTransport(MaintenanceSchemaInitializer schema,
				@MastodonMaintenanceBatch PlatformTransactionManager transactionManager,
				PartitioningProperties properties) {
			return new PartitionTransportFactory() {

				@Override
				public PartitioningProperties.Transport transport() {
					return PartitioningProperties.Transport.JDBC;
				}

				@Override
				public PartitionTransport create() {
					return new JdbcPartitionTransport(schema.dataSource(), schema.schema().name(),
							properties.getQueue(), transactionManager, properties.getPollInterval());
				}

			};
		}

	}

	/**
	 * The job's worker steps, by name, looked up as the first request arrives (the job is
	 * built by the levels' auto-configuration).
	 */
	private record WorkerSteps(ObjectProvider<MaintenanceJob> job) implements StepLocator {

		@Override
		public Step getStep(String stepName) {
			Step step = this.job.getObject().workerSteps().get(stepName);
			if (step == null) {
				throw new IllegalStateException("No worker step " + stepName + " in the maintenance job; this node's "
						+ "version differs from its manager's?");
			}
			return step;
		}

	}

	/**
	 * Matches {@code mastodon.maintenance.partitioning.mode} {@code manager} or
	 * {@code worker}.
	 */
	static final class RemoteMode extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String mode = context.getEnvironment().getProperty("mastodon.maintenance.partitioning.mode", "local");
			boolean remote = mode.equalsIgnoreCase("manager") || mode.equalsIgnoreCase("worker");
			return new ConditionOutcome(remote, "mastodon.maintenance.partitioning.mode is " + mode);
		}

	}

}
