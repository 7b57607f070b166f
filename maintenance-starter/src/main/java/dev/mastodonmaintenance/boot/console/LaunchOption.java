package dev.mastodonmaintenance.boot.console;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.mastodonmaintenance.batch.Level;
import org.jspecify.annotations.Nullable;

/**
 * One option of one level as the launch form offers it: its name (the job parameter's,
 * tootctl's where tootctl has it), its kind of input, and the default the job applies
 * when it is left out. The job's own validator checks the values; the form only shapes
 * them.
 *
 * @param level the level it belongs to
 * @param name its name, such as {@code days} ({@code media-remove.days} as a job
 * parameter)
 * @param kind the input it takes
 * @param defaultValue what the job takes when it is not given, {@code null} for nothing
 * @param tootctl how tootctl names it, such as {@code --days}, {@code null} when it is
 * ours alone
 * @param help one line on what it does
 */
public record LaunchOption(Level level, String name, Kind kind, @Nullable String defaultValue, @Nullable String tootctl,
		String help) {

	/** Every level's options, in the job's order of levels. */
	static final Map<Level, List<LaunchOption>> ALL = all();

	/**
	 * The input an option takes.
	 */
	public enum Kind {

		/** A whole number. */
		NUMBER,

		/** A yes/no switch, off by default. */
		FLAG,

		/** Free text. */
		TEXT

	}

	/**
	 * The job parameter's name.
	 * @return such as {@code media-remove.days}
	 */
	public String parameter() {
		return this.level.stepName() + "." + this.name;
	}

	/**
	 * Whether two values of this option mean the same, {@code null} standing for the
	 * default: numbers by value ({@code 7} and {@code 7.0}), switches and text as
	 * written.
	 * @param one a value, may be {@code null}
	 * @param other another, may be {@code null}
	 * @return whether the job reads them alike
	 */
	boolean same(@Nullable String one, @Nullable String other) {
		String a = effective(one);
		String b = effective(other);
		if (a == null || b == null) {
			return a == b;
		}
		if (this.kind == Kind.NUMBER) {
			try {
				return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
			}
			catch (NumberFormatException ex) {
				return a.equals(b);
			}
		}
		return (this.kind == Kind.FLAG) ? a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT)) : a.equals(b);
	}

	private @Nullable String effective(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value.strip() : this.defaultValue;
	}

	private static Map<Level, List<LaunchOption>> all() {
		Map<Level, List<LaunchOption>> all = new EnumMap<>(Level.class);
		Builder cache = new Builder(all, Level.CACHE_CLEAR);
		cache.number("batch-size", "1000", null, "Keys removed per chunk (SCAN COUNT hint)");
		Builder cards = new Builder(all, Level.PREVIEW_CARDS_REMOVE);
		cards.number("days", "180", "--days", "Cards last updated more than this many days ago lose their image");
		cards.flag("link", "--link", "Only link-type cards");
		cards.number("concurrency", "5", "--concurrency", "Accepted as tootctl does (at least 1); removal is batched");
		cards.number("batch-size", "1000", null, "Card ids per chunk");
		Builder media = new Builder(all, Level.MEDIA_REMOVE);
		media.number("days", "7", "--days", "Media (or profiles) older than this many days");
		media.flag("prune-profiles", "--prune-profiles", "Remove remote avatars and headers instead of attachments");
		media.flag("remove-headers", "--remove-headers", "Remove remote headers only instead of attachments");
		media.flag("include-follows", "--include-follows",
				"With --prune-profiles or --remove-headers: profiles with local follows too");
		media.flag("keep-interacted", "--keep-interacted", "Keep media of statuses local users interacted with");
		media.number("concurrency", "5", "--concurrency", "At least 1");
		media.number("batch-size", "1000", null, "Row ids per chunk");
		Builder orphans = new Builder(all, Level.MEDIA_REMOVE_ORPHANS);
		orphans.text("prefix", null, "--prefix", "Only keys under this prefix, such as cache");
		orphans.text("start-after", null, "--start-after", "Start the walk after this key");
		orphans.text("min-age", "1d", null, "Objects younger than this stay (12h, 30m, PT6H)");
		orphans.number("batch-size", "1000", null, "Keys listed per chunk");
		Builder cull = new Builder(all, Level.ACCOUNTS_CULL);
		cull.text("domains", null, "DOMAIN...", "Only these domains, comma-separated; all when blank");
		cull.number("concurrency", "5", "--concurrency", "At least 1");
		cull.number("per-domain-concurrency", "2", null, "Checks of one domain at once");
		cull.number("batch-size", "1000", null, "Accounts per window (a partition's: of its domains)");
		Builder statuses = new Builder(all, Level.STATUSES_REMOVE);
		statuses.number("days", "90", "--days", "Remote statuses older than this many days (at least 1)");
		statuses.number("batch-size", "1000", "--batch-size", "Status ids per window (at least 1)");
		statuses.number("concurrency", "2", null, "Windows deleted at once (at least 1)");
		statuses.flag("clean-followed", "--clean-followed", "Also statuses of accounts local users follow");
		statuses.flag("skip-status-remove", "--skip-status-remove", "Keep statuses; only the media and conversations");
		statuses.flag("skip-media-remove", "--skip-media-remove", "Keep the unattached media");
		statuses.flag("compress-database", "--compress-database",
				"VACUUM FULL and REINDEX afterwards: Mastodon must be down");
		statuses.flag("downtime-confirmed", null, "Needed with --compress-database: Mastodon is down");
		for (Builder partitioned : List.of(cards, media, orphans, cull, statuses)) {
			partitioned.number("grid-size", "1", null, "Partitions the work is cut into (1 to 256); 1 runs one step");
			partitioned.number("partitions", null, null,
					"Partitions run at once on this node (1 to 64); the smaller of grid-size and 4 when blank");
		}
		all.replaceAll((level, options) -> Collections.unmodifiableList(options));
		return Collections.unmodifiableMap(all);
	}

	private record Builder(Map<Level, List<LaunchOption>> all, Level level) {

		Builder {
			all.put(level, new ArrayList<>());
		}

		void number(String name, @Nullable String defaultValue, @Nullable String tootctl, String help) {
			add(name, Kind.NUMBER, defaultValue, tootctl, help);
		}

		void flag(String name, @Nullable String tootctl, String help) {
			add(name, Kind.FLAG, "false", tootctl, help);
		}

		void text(String name, @Nullable String defaultValue, @Nullable String tootctl, String help) {
			add(name, Kind.TEXT, defaultValue, tootctl, help);
		}

		private void add(String name, Kind kind, @Nullable String defaultValue, @Nullable String tootctl, String help) {
			this.all.get(this.level).add(new LaunchOption(this.level, name, kind, defaultValue, tootctl, help));
		}

	}

}
