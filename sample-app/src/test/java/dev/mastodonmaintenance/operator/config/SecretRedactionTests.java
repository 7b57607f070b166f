package dev.mastodonmaintenance.operator.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * URLs shown in messages keep their user and host but not their password, even when the
 * text is not a valid URL (which is when it is shown).
 */
class SecretRedactionTests {

	@Test
	void passwordOfTheUserInformation() {
		assertThat(SecretRedaction.url("postgres://mastodon:Sup3r%Secret@host/db"))
			.isEqualTo("postgres://mastodon:****@host/db");
	}

	@Test
	void passwordHoldingAtSignsSlashesAndSpaces() {
		assertThat(SecretRedaction.url("postgres://mastodon:p@ss/w rd@host:5432/db"))
			.isEqualTo("postgres://mastodon:****@host:5432/db");
	}

	@Test
	void userInformationWithoutColonIsHiddenWholeAsRedisReadsItAsThePassword() {
		assertThat(SecretRedaction.url("redis://t0psecret@cache:6379/1")).isEqualTo("redis://****@cache:6379/1");
	}

	@Test
	void postgresUserWithoutPasswordIsShown() {
		assertThat(SecretRedaction.url("postgres://mastodon@db/m")).isEqualTo("postgres://mastodon@db/m");
	}

	@Test
	void queryParameterValuesButThoseNeverSecret() {
		assertThat(SecretRedaction.url("postgres://db/m?user=u&password=hunter2&sslpassword=x&sslmode=require&oops"))
			.isEqualTo("postgres://db/m?user=u&password=****&sslpassword=****&sslmode=require&****");
	}

	@Test
	void textWithoutSchemeOrSecretIsUnchanged() {
		assertThat(SecretRedaction.url("s3.example.com")).isEqualTo("s3.example.com");
		assertThat(SecretRedaction.url("mastodon:secret@host")).isEqualTo("mastodon:****@host");
	}

}
