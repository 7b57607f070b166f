package dev.mastodonmaintenance.operator.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Mastodon's {@code .env.production} is read as the dotenv gem reads it, and a line it
 * cannot make sense of is reported with its number rather than skipped.
 */
class DotenvFileTests {

	@Test
	void readsAssignmentsCommentsQuotesAndExport(@TempDir Path dir) throws Exception {
		Path file = dir.resolve(".env.production");
		Files.writeString(file, """
				# Generated with mastodon:setup on 2026-01-02

				LOCAL_DOMAIN=example.social
				SINGLE_USER_MODE=false
				export DB_HOST=db.internal   # the primary
				DB_PASS='p#ss "word" $HOME'
				REDIS_URL = "redis://:secret@cache:6379/1"
				MOTD="line one\\nline two"
				EMPTY=
				SMTP_FROM_ADDRESS="Mastodon <notifications@example.social>"
				KEY_WITH_COLON: yes
				""");

		Map<String, String> values = DotenvFile.read(file, (name) -> null);

		assertThat(values).containsExactly(entry("LOCAL_DOMAIN", "example.social"), entry("SINGLE_USER_MODE", "false"),
				entry("DB_HOST", "db.internal"), entry("DB_PASS", "p#ss \"word\" $HOME"),
				entry("REDIS_URL", "redis://:secret@cache:6379/1"), entry("MOTD", "line one\nline two"),
				entry("EMPTY", ""), entry("SMTP_FROM_ADDRESS", "Mastodon <notifications@example.social>"),
				entry("KEY_WITH_COLON", "yes"));
	}

	@Test
	void unquotedValueStopsAtHashAsDotenvDoes() {
		Map<String, String> values = DotenvFile.parse("test", "DB_PASS=abc#def\n", (name) -> null);

		assertThat(values).containsExactly(entry("DB_PASS", "abc"));
	}

	@Test
	void doubleQuotedValuesSpanLines() {
		Map<String, String> values = DotenvFile.parse("test", "KEY=\"-----BEGIN\nabc\n-----END\"\nNEXT=1\n",
				(name) -> null);

		assertThat(values).containsExactly(entry("KEY", "-----BEGIN\nabc\n-----END"), entry("NEXT", "1"));
	}

	@Test
	void substitutesFromTheEnvironmentThenEarlierLines() {
		Map<String, String> values = DotenvFile.parse("test", """
				DB_USER=mastodon
				DATABASE_URL=postgres://${DB_USER}:$DB_PASS@${DB_HOST}/mastodon_production
				LITERAL='${DB_USER}'
				ESCAPED=\\$DB_USER
				""", Map.of("DB_HOST", "pg.internal", "DB_PASS", "secret")::get);

		assertThat(values).containsEntry("DATABASE_URL", "postgres://mastodon:secret@pg.internal/mastodon_production")
			.containsEntry("LITERAL", "${DB_USER}")
			.containsEntry("ESCAPED", "$DB_USER");
	}

	@Test
	void windowsLineEndingsAreAccepted() {
		Map<String, String> values = DotenvFile.parse("test", "A=1\r\nB=\"2\"\r\n", (name) -> null);

		assertThat(values).containsExactly(entry("A", "1"), entry("B", "2"));
	}

	@Test
	void lineWithoutEqualsSignIsReportedWithItsNumber() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DotenvFile.parse("/home/mastodon/live/.env.production", "A=1\n\nDB_HOST db.internal\n",
					(name) -> null))
			.withMessage("Malformed line 3 of Mastodon's environment file /home/mastodon/live/.env.production: "
					+ "expected '=' after DB_HOST");
	}

	@Test
	void unterminatedQuoteIsReported() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DotenvFile.parse("f", "A=1\nDB_PASS=\"abc\n", (name) -> null))
			.withMessageContaining("line 2")
			.withMessageContaining("unterminated double-quoted value");
	}

	@Test
	void commandSubstitutionIsRefusedRatherThanRun() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DotenvFile.parse("f", "SECRET_KEY_BASE=$(cat /etc/secret)\n", (name) -> null))
			.withMessageContaining("command substitution");
	}

	@Test
	void missingFileIsNamed(@TempDir Path dir) {
		Path missing = dir.resolve(".env.production");

		assertThatIllegalArgumentException().isThrownBy(() -> DotenvFile.read(missing, (name) -> null))
			.withMessageStartingWith("Cannot read Mastodon's environment file " + missing);
	}

}
