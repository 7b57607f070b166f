package dev.mastodonmaintenance.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A malformed Redis URL is refused without repeating it, since it may hold a password.
 */
class RailsCacheUrlTests {

	@Test
	void malformedUrlIsRefusedWithoutItsPassword() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RailsCache("redis://:R3dis%Secret@cache:port/0"))
			.withMessage("Malformed Redis URL: expected redis://[user:password@]host[:port][/db]")
			.withNoCause();
	}

}
