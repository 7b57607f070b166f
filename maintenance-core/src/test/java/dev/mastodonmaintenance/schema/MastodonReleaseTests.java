package dev.mastodonmaintenance.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schema version names the release whose range holds it: from its {@code .0}'s version
 * up to the next release's, the point releases' later migrations included; past the
 * newest version known it names none.
 */
class MastodonReleaseTests {

	@Test
	void eachReleaseSpansFromItsFirstVersion() {
		assertThat(MastodonRelease.of("20250912082651")).contains(MastodonRelease.V4_4);
		assertThat(MastodonRelease.of("20251007142305")).contains(MastodonRelease.V4_4);
		assertThat(MastodonRelease.of("20251023210145")).contains(MastodonRelease.V4_5);
		assertThat(MastodonRelease.of("20260505155103")).contains(MastodonRelease.V4_5);
		assertThat(MastodonRelease.of("20260611150940")).contains(MastodonRelease.V4_6);
		assertThat(MastodonRelease.of("20260805130216")).contains(MastodonRelease.V4_6);
		assertThat(MastodonRelease.of("20260812154114")).contains(MastodonRelease.V4_7);
	}

	@Test
	void aPointReleaseAfterTheLastKnownOneStaysInItsRelease() {
		// a 4.4.8 would end after 4.4.7 and before 4.5.0
		assertThat(MastodonRelease.of("20251015000000")).contains(MastodonRelease.V4_4);
	}

	@Test
	void versionsOutsideTheKnownRangesNameNoRelease() {
		assertThat(MastodonRelease.of("20250428095029")).as("4.3.8's").isEmpty();
		assertThat(MastodonRelease.of("20250717003848")).as("4.4.3's, without the conversation index").isEmpty();
		assertThat(MastodonRelease.of("20260812154115")).as("after 4.7.0's").isEmpty();
	}

	@Test
	void versionsAreWrittenAsSchemaRbWritesThem() {
		assertThat(MastodonRelease.schemaRbStyle("20260812154114")).isEqualTo("2026_08_12_154114");
		assertThat(MastodonRelease.schemaRbStyle("1")).isEqualTo("1");
	}

}
