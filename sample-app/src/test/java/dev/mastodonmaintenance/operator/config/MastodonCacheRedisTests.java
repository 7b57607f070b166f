package dev.mastodonmaintenance.operator.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The Rails cache's Redis is found as Mastodon's {@code redis_configuration.rb} finds it:
 * the {@code CACHE_REDIS_*} settings first, then the main {@code REDIS_*} ones with their
 * defaults.
 */
class MastodonCacheRedisTests {

	private static String url(Map<String, String> variables) {
		return MastodonCacheRedis.url(MastodonVariables.of(variables::get));
	}

	@Test
	void mastodonDefaultWhenAServerIsDescribed() {
		assertThat(url(Map.of("DB_HOST", "db"))).isEqualTo("redis://localhost:6379/0");
	}

	@Test
	void noRedisWhenNothingIsConfigured() {
		assertThat(url(Map.of())).isNull();
	}

	@Test
	void mainRedisFromHostPortPassword() {
		assertThat(url(Map.of("REDIS_HOST", "redis.internal", "REDIS_PORT", "6380", "REDIS_PASSWORD", "p@ss word")))
			.isEqualTo("redis://:p%40ss%20word@redis.internal:6380/0");
	}

	@Test
	void mainRedisUrl() {
		assertThat(url(Map.of("REDIS_URL", "rediss://default:secret@redis.example.net:25061/2")))
			.isEqualTo("rediss://default:secret@redis.example.net:25061/2");
	}

	@Test
	void cacheRedisUrlWins() {
		assertThat(url(Map.of("REDIS_URL", "redis://main:6379/0", "CACHE_REDIS_URL", "redis://cache:6379/1")))
			.isEqualTo("redis://cache:6379/1");
	}

	@Test
	void cacheRedisHostWithItsOwnSettings() {
		assertThat(url(Map.of("REDIS_HOST", "main", "CACHE_REDIS_HOST", "cache", "CACHE_REDIS_DB", "3",
				"CACHE_REDIS_USER", "rails", "CACHE_REDIS_PASSWORD", "pw")))
			.isEqualTo("redis://rails:pw@cache:6379/3");
	}

	@Test
	void sentinels() {
		assertThat(url(
				Map.of("REDIS_SENTINELS", "s1:26380, s2", "REDIS_SENTINEL_MASTER", "mymaster", "REDIS_PASSWORD", "pw")))
			.isEqualTo("redis-sentinel://:pw@s1:26380,s2:26379/0#mymaster");
	}

	@Test
	void sentinelsWithoutPrimaryNameAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> url(Map.of("REDIS_SENTINELS", "s1")))
			.withMessageContaining("REDIS_SENTINEL_MASTER");
	}

	@Test
	void malformedUrlIsRefusedWithoutThePassword() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> url(Map.of("CACHE_REDIS_URL", "http://user:topsecret@cache:6379")))
			.withMessageStartingWith("Malformed CACHE_REDIS_URL 'http://user:****@cache:6379'");
	}

	@Test
	void unixSocketIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> url(Map.of("REDIS_URL", "unix:///run/redis.sock")))
			.withMessageContaining("Unix socket");
	}

	@Test
	void badDatabaseNumberIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> url(Map.of("REDIS_HOST", "r", "REDIS_DB", "cache")))
			.withMessage("REDIS_DB=cache is not a Redis database number");
	}

}
