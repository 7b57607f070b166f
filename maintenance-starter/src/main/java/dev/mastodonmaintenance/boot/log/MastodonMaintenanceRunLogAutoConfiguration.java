package dev.mastodonmaintenance.boot.log;

import ch.qos.logback.classic.LoggerContext;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.autoconfigure.MaintenanceSchemaInitializer;
import dev.mastodonmaintenance.boot.autoconfigure.MastodonMaintenanceAutoConfiguration;
import dev.mastodonmaintenance.boot.console.ConsoleProperties;
import dev.mastodonmaintenance.boot.console.MastodonMaintenanceConsoleAutoConfiguration;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the per-run {@link RunLog}, of its capture when the application
 * logs through Logback, and of its page in the console.
 */
@AutoConfiguration(
		after = { MastodonMaintenanceAutoConfiguration.class, MastodonMaintenanceConsoleAutoConfiguration.class })
@ConditionalOnBean(MaintenanceSchemaInitializer.class)
public final class MastodonMaintenanceRunLogAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunLog mastodonMaintenanceRunLog(MaintenanceSchemaInitializer schema) {
		return new RunLog(new JdbcTemplate(schema.dataSource()), schema.schema().name());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(LoggerContext.class)
	@Conditional(LogbackInUse.class)
	static class Capture {

		@Bean
		RunLogCapture mastodonMaintenanceRunLogCapture(RunLog log) {
			return new RunLogCapture(log, (LoggerContext) LoggerFactory.getILoggerFactory());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnBean({ MastodonMaintenance.class, ConsoleProperties.class })
	static class Console {

		@Bean
		RunLogController mastodonMaintenanceRunLogController(MastodonMaintenance maintenance, RunLog log,
				ConsoleProperties properties) {
			return new RunLogController(maintenance, log, properties);
		}

	}

	/** Logback on the class path is not enough: SLF4J must be bound to it. */
	static final class LogbackInUse implements org.springframework.context.annotation.Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return LoggerFactory.getILoggerFactory() instanceof LoggerContext;
		}

	}

}
