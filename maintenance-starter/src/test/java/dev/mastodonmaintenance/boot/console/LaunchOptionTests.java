package dev.mastodonmaintenance.boot.console;

import dev.mastodonmaintenance.batch.Level;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launch form offers every option of every level, with tootctl's names and defaults;
 * two values of an option are alike when the job reads them alike, a missing one standing
 * for the default.
 */
class LaunchOptionTests {

	@Test
	void everyLevelHasItsOptions() {
		assertThat(LaunchOption.ALL).containsOnlyKeys(Level.values());
		assertThat(LaunchOption.ALL.get(Level.MEDIA_REMOVE)).extracting(LaunchOption::parameter)
			.containsExactly("media-remove.days", "media-remove.prune-profiles", "media-remove.remove-headers",
					"media-remove.include-follows", "media-remove.keep-interacted", "media-remove.concurrency",
					"media-remove.batch-size", "media-remove.grid-size", "media-remove.partitions");
		assertThat(LaunchOption.ALL.get(Level.CACHE_CLEAR)).extracting(LaunchOption::name)
			.doesNotContain("grid-size", "partitions");
		assertThat(LaunchOption.ALL.get(Level.STATUSES_REMOVE)).extracting(LaunchOption::tootctl)
			.contains("--days", "--batch-size", "--clean-followed", "--skip-status-remove", "--skip-media-remove",
					"--compress-database");
		assertThat(option(Level.PREVIEW_CARDS_REMOVE, "days").defaultValue()).isEqualTo("180");
	}

	@Test
	void valuesAreAlikeWhenTheJobReadsThemAlike() {
		LaunchOption days = option(Level.MEDIA_REMOVE, "days");
		assertThat(days.same("7", null)).isTrue();
		assertThat(days.same("7.0", " 7")).isTrue();
		assertThat(days.same("8", null)).isFalse();
		LaunchOption link = option(Level.PREVIEW_CARDS_REMOVE, "link");
		assertThat(link.same(null, "false")).isTrue();
		assertThat(link.same("TRUE", "true")).isTrue();
		assertThat(link.same("true", null)).isFalse();
		LaunchOption prefix = option(Level.MEDIA_REMOVE_ORPHANS, "prefix");
		assertThat(prefix.same(null, "")).isTrue();
		assertThat(prefix.same("cache", null)).isFalse();
	}

	private static LaunchOption option(Level level, String name) {
		return LaunchOption.ALL.get(level)
			.stream()
			.filter((option) -> option.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

}
