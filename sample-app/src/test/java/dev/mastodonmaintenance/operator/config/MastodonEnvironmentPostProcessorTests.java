package dev.mastodonmaintenance.operator.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Mastodon's environment and dotenv file configure the tool; the environment wins over
 * the file, explicit Spring properties win over both; the demo runs only when asked for,
 * and with nothing configured the application refuses to start.
 */
class MastodonEnvironmentPostProcessorTests {

	private static StandardEnvironment environment(Map<String, Object> variables, String... arguments) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		if (arguments.length > 0) {
			environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(arguments));
		}
		new MastodonEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	@Test
	void envFileGivenOnTheCommandLine(@TempDir Path live) throws Exception {
		Path file = live.resolve(".env.production");
		Files.writeString(file, """
				DB_HOST=db.internal
				DB_USER=mastodon
				DB_PASS=from-file
				REDIS_HOST=redis.internal
				ALLOWED_PRIVATE_ADDRESSES=10.0.0.0/8, 192.168.1.10
				""");

		StandardEnvironment environment = environment(Map.of(), "--mastodon-env=" + file);

		assertThat(environment.getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:postgresql://db.internal:5432/mastodon_production?sslmode=prefer");
		assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("from-file");
		assertThat(environment.getProperty("mastodon.maintenance.cache-redis-url"))
			.isEqualTo("redis://redis.internal:6379/0");
		assertThat(environment.getProperty("mastodon.maintenance.storage.root"))
			.isEqualTo(live.toAbsolutePath().resolve("public/system").toString());
		assertThat(environment.getProperty("mastodon.maintenance.allowed-private-addresses"))
			.isEqualTo("10.0.0.0/8,192.168.1.10");
		assertThat(environment.containsProperty(MastodonEnvironmentPostProcessor.DEMO)).isFalse();
	}

	@Test
	void envFileFromMastodonEnvFileAndEnvironmentWinsOverIt(@TempDir Path live) throws Exception {
		Path file = live.resolve(".env.production");
		Files.writeString(file, "DB_HOST=db.internal\nDB_PASS=from-file\n");

		StandardEnvironment environment = environment(
				Map.of("MASTODON_ENV_FILE", file.toString(), "DB_PASS", "from-environment"));

		assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("from-environment");
		assertThat(environment.getProperty("spring.datasource.url")).contains("//db.internal:5432/");
	}

	@Test
	void s3RetryWaitsBecomeTheStartersProperties() {
		StandardEnvironment environment = environment(Map.of("DB_HOST", "db.internal", "S3_ENABLED", "true",
				"S3_BUCKET", "media", "S3_RETRY_BACKOFF", "1", "S3_SLOW_DOWN_BACKOFF", "30", "S3_RETRY_BUDGET", "120"));

		assertThat(environment.getProperty("mastodon.maintenance.storage.s3.retry-backoff")).isEqualTo("1s");
		assertThat(environment.getProperty("mastodon.maintenance.storage.s3.slow-down-backoff")).isEqualTo("30s");
		assertThat(environment.getProperty("mastodon.maintenance.storage.s3.retry-budget")).isEqualTo("120s");
		assertThat(environment(Map.of("DB_HOST", "db.internal", "S3_ENABLED", "true", "S3_BUCKET", "media"))
			.containsProperty("mastodon.maintenance.storage.s3.retry-budget")).isFalse();
	}

	@Test
	void explicitSpringPropertiesWin() {
		StandardEnvironment environment = environment(Map.of("DB_HOST", "db.internal", "DB_PASS", "mastodon-pass"),
				"--spring.datasource.password=operator-pass",
				"--mastodon.maintenance.cache-redis-url=redis://elsewhere:6379/4");

		assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("operator-pass");
		assertThat(environment.getProperty("spring.datasource.url")).contains("//db.internal:5432/");
		assertThat(environment.getProperty("mastodon.maintenance.cache-redis-url"))
			.isEqualTo("redis://elsewhere:6379/4");
	}

	@Test
	void explicitDatasourceWithoutMastodonDatabaseVariablesIsNotDemo() {
		StandardEnvironment environment = environment(Map.of("REDIS_URL", "redis://r:6379/1"),
				"--spring.datasource.url=jdbc:postgresql://pg/masto");

		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://pg/masto");
		assertThat(environment.getProperty("spring.datasource.username")).isNull();
		assertThat(environment.getProperty("mastodon.maintenance.cache-redis-url")).isEqualTo("redis://r:6379/1");
		assertThat(environment.containsProperty(MastodonEnvironmentPostProcessor.DEMO)).isFalse();
	}

	@Test
	void demoReadsNoMastodonVariable(@TempDir Path demo) {
		StandardEnvironment environment = environment(
				Map.of("DB_HOST", "db.internal", "REDIS_URL", "redis://real-redis:6379/0", "PAPERCLIP_ROOT_PATH",
						"/home/mastodon/live/public/system"),
				"--" + MastodonEnvironmentPostProcessor.DEMO + "=true", "--mastodon.operator.demo.directory=" + demo);

		assertThat(environment.containsProperty("spring.datasource.url")).isFalse();
		assertThat(environment.getProperty("mastodon.maintenance.cache-redis-url")).startsWith("redis://127.0.0.1:")
			.isEqualTo("redis://127.0.0.1:" + environment.getProperty(MastodonEnvironmentPostProcessor.DEMO_REDIS_PORT)
					+ "/0");
		assertThat(environment.getProperty("mastodon.maintenance.storage.root"))
			.isEqualTo(demo.toAbsolutePath().resolve("media").toString());
		assertThat(environment.getProperty("mastodon.maintenance.console.notice")).startsWith("DEMO DATABASE");
	}

	@Test
	void demoLivesInTheXdgDataDirectory(@TempDir Path home) {
		StandardEnvironment xdg = environment(
				Map.of("XDG_DATA_HOME", home.resolve("data").toString(), "HOME", home.toString()),
				"--" + MastodonEnvironmentPostProcessor.DEMO + "=true");
		StandardEnvironment homeOnly = environment(Map.of("HOME", home.toString()),
				"--" + MastodonEnvironmentPostProcessor.DEMO + "=true");

		assertThat(xdg.getProperty(MastodonEnvironmentPostProcessor.DEMO_DIRECTORY))
			.isEqualTo(home.resolve("data/mastodon-maintenance/demo").toString());
		assertThat(homeOnly.getProperty(MastodonEnvironmentPostProcessor.DEMO_DIRECTORY))
			.isEqualTo(home.resolve(".local/share/mastodon-maintenance/demo").toString());
	}

	@Test
	void nothingConfiguredIsRefusedSayingWhatToGive() {
		assertThatIllegalStateException()
			.isThrownBy(() -> environment(Map.of("REDIS_URL", "redis://real-redis:6379/0")))
			.withMessageContaining("--mastodon-env")
			.withMessageContaining("MASTODON_ENV_FILE")
			.withMessageContaining("DATABASE_URL")
			.withMessageContaining("DB_HOST")
			.withMessageContaining("--demo")
			.withMessageNotContaining("\n");
	}

	@Test
	void errorsNameTheVariable(@TempDir Path live) throws Exception {
		Path file = live.resolve(".env.production");
		Files.writeString(file, "DATABASE_URL=postgres://mastodon:pw@db:notaport/mastodon\n");

		assertThatIllegalArgumentException().isThrownBy(() -> environment(Map.of(), "--mastodon-env=" + file))
			.withMessageContaining("DATABASE_URL");
	}

	@Test
	void mappedPropertiesHaveTheLowestPrecedence() {
		StandardEnvironment environment = environment(Map.of("DB_HOST", "db"));

		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(MastodonEnvironmentPostProcessor.SOURCE_NAME);
	}

}
