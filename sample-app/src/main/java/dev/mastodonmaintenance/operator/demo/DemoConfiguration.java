package dev.mastodonmaintenance.operator.demo;

import java.nio.file.Path;

import javax.sql.DataSource;

import dev.mastodonmaintenance.operator.config.MastodonEnvironmentPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * The demo's database, Redis and media, when
 * {@value MastodonEnvironmentPostProcessor#DEMO} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(MastodonEnvironmentPostProcessor.DEMO)
public class DemoConfiguration {

	/**
	 * Whether a start of the demo adds a generation of synthetic data (default
	 * {@code true}).
	 */
	public static final String SEED = "mastodon.operator.demo.seed";

	@Bean(destroyMethod = "close")
	DemoInstance demoInstance(@Value("${" + MastodonEnvironmentPostProcessor.DEMO_DIRECTORY + "}") Path directory,
			@Value("${mastodon.operator.demo.schema:classpath:mastodon/fixture.sql}") Resource schema,
			@Value("${" + MastodonEnvironmentPostProcessor.DEMO_REDIS_PORT + ":#{null}}") Integer redisPort,
			@Value("${" + SEED + ":true}") boolean seed) {
		return DemoInstance.start(directory, schema, redisPort, seed);
	}

	@Bean
	DataSource dataSource(DemoInstance demo) {
		return demo.dataSource();
	}

}
