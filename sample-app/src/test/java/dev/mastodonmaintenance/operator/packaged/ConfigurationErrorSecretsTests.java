package dev.mastodonmaintenance.operator.packaged;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every configuration error the tool knows of that involves a secret (malformed database
 * and Redis URLs with {@code %}, spaces or non-ASCII letters in their passwords, S3 keys
 * given half, a database that refuses the connection) is refused naming what is wrong,
 * and the secret appears nowhere: not on standard output, not on standard error, not in
 * the log file, even at DEBUG level.
 */
class ConfigurationErrorSecretsTests {

	@TempDir
	static Path directory;

	static Stream<Case> configurationErrors() {
		return Stream.of(new Case("DATABASE_URL",
				Map.of("DATABASE_URL", "postgres://mastodon:Sup3r%Secret@db.example.net/mastodon"), "Sup3r", "Secret"),
				new Case("DATABASE_URL", Map.of("DATABASE_URL", "postgres://mastodon:my Sp4ce pass@db.example.net/m"),
						"Sp4ce", "pass@"),
				new Case("DATABASE_URL", Map.of("DATABASE_URL", "postgres://mastodon:Pässwörd%zz@db.example.net/m"),
						"Pässwörd", "P%C3%A4ssw"),
				new Case("DATABASE_URL", Map.of("DATABASE_URL", "mysql://root:Hunter2Secret@db.example.net/m"),
						"Hunter2Secret"),
				new Case("DATABASE_URL",
						Map.of("DATABASE_URL", "postgres://mastodon@db.example.net/m?sslmode=require&T0kenSecret"),
						"T0kenSecret"),
				new Case("DATABASE_URL",
						Map.of("DATABASE_URL", "postgres://mastodon@db.example.net/m?password=Qu3rySecret&sslmode=on"),
						"Qu3rySecret"),
				new Case("REDIS_URL",
						Map.of("DB_HOST", "127.0.0.1", "DB_PASS", "DbPassS3cret", "REDIS_URL",
								"redis://:R3dis%Secret@cache.example.net:port/0"),
						"R3dis", "DbPassS3cret"),
				new Case("CACHE_REDIS_URL",
						Map.of("DB_HOST", "127.0.0.1", "CACHE_REDIS_URL", "unix://:S0cketSecret@/var/run/redis.sock"),
						"S0cketSecret"),
				new Case("AWS_ACCESS_KEY_ID",
						Map.of("DB_HOST", "127.0.0.1", "S3_ENABLED", "true", "S3_BUCKET", "media",
								"AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYS3cretKEY"),
						"wJalrXUtnFEMI", "S3cretKEY"),
				new Case("S3_ENDPOINT",
						Map.of("DB_HOST", "127.0.0.1", "S3_ENABLED", "true", "S3_BUCKET", "media", "S3_ENDPOINT",
								"ftp://AKIAEXAMPLE:Endp0intSecret@s3.example.net", "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
								"AWS_SECRET_ACCESS_KEY", "AnotherS3cretKey"),
						"Endp0intSecret", "AnotherS3cretKey"),
				// a well-formed configuration whose database refuses the connection,
				// logged at DEBUG
				new Case("",
						Map.of("DATABASE_URL", "postgres://mastodon:C0nnect%20Secret@127.0.0.1:1/mastodon", "REDIS_URL",
								"redis://:RedisPassw0rd@127.0.0.1:1/0", "S3_ENABLED", "true", "S3_BUCKET", "media",
								"S3_ENDPOINT", "http://127.0.0.1:1", "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
								"AWS_SECRET_ACCESS_KEY", "Th1rdS3cretKey"),
						"C0nnect", "RedisPassw0rd", "Th1rdS3cretKey", "--logging.level.root=DEBUG"));
	}

	@ParameterizedTest
	@MethodSource("configurationErrors")
	void refusedWithoutTheSecret(Case error) throws Exception {
		Path log = Files.createTempFile(directory, "tool", ".log");
		List<String> args = new ArrayList<>(List.of("--logging.file.name=" + log));
		args.addAll(error.options());
		args.addAll(List.of("statuses", "remove"));

		PackagedTool tool = PackagedTool.run(null, directory, error.environment(), args.toArray(String[]::new));

		assertThat(tool.status()).as(tool.toString()).isNotZero();
		assertThat(tool.err()).as(tool.toString()).contains("Error: ").contains(error.variable());
		String logged = Files.readString(log);
		for (String secret : error.secrets()) {
			assertThat(tool.out()).as("standard output").doesNotContain(secret);
			assertThat(tool.err()).as("standard error").doesNotContain(secret);
			assertThat(logged).as("log file").doesNotContain(secret);
		}
	}

	/**
	 * A configuration error.
	 *
	 * @param variable the variable the error names
	 * @param environment the environment
	 * @param secrets what must appear nowhere
	 */
	record Case(String variable, Map<String, String> environment, List<String> secrets, List<String> options) {

		Case(String variable, Map<String, String> environment, String... secrets) {
			this(variable, environment, Stream.of(secrets).filter((s) -> !s.startsWith("--")).toList(),
					Stream.of(secrets).filter((s) -> s.startsWith("--")).toList());
		}

		@Override
		public String toString() {
			return this.environment.keySet() + " " + this.secrets;
		}

	}

}
