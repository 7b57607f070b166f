package dev.mastodonmaintenance.operator.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure is told in one line: the failing exception's message, and its root cause when
 * that adds to it.
 */
class FailuresTests {

	@Test
	void messageAndRootCause() {
		String trace = """
				java.lang.IllegalArgumentException: Cannot reach the Rails cache Redis at 127.0.0.1:6390/0: Unable to connect
					at dev.mastodonmaintenance.cache.RailsCache.<init>(RailsCache.java:44)
				Caused by: io.lettuce.core.RedisConnectionException: Unable to connect
					at io.lettuce.core.RedisConnectionException.create(RedisConnectionException.java:78)
				Caused by: java.net.ConnectException: Connection refused
					... 12 more
				""";

		assertThat(Failures.reason(trace)).isEqualTo("IllegalArgumentException: Cannot reach the Rails cache Redis at "
				+ "127.0.0.1:6390/0: Unable to connect (cause: ConnectException: Connection refused)");
	}

	@Test
	void rootCauseAlreadyToldIsNotRepeated() {
		String trace = """
				org.springframework.dao.DataIntegrityViolationException: PreparedStatementCallback; bad value
					at x.y(Z.java:1)
				Caused by: org.postgresql.util.PSQLException: bad value
				""";

		assertThat(Failures.reason(trace))
			.isEqualTo("DataIntegrityViolationException: PreparedStatementCallback; bad value");
	}

	@Test
	void plainMessage() {
		assertThat(Failures.reason("Skipped: no media storage configured"))
			.isEqualTo("Skipped: no media storage configured");
	}

}
