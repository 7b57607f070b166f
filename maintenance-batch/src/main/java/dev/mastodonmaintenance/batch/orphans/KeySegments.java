package dev.mastodonmaintenance.batch.orphans;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import dev.mastodonmaintenance.IdRanges;
import dev.mastodonmaintenance.storage.IdPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ranges of keys one partition of {@code media-remove-orphans} lists, each with its
 * own cursor: the keys after a segment's start up to its end inclusive. The key space
 * under the level's prefix (after its start-after) is cut at boundaries that no key
 * equals, as they end with {@code /}: the top-level directories of Mastodon's storage,
 * and within the directories of files stored by id partition ({@code
 * media_attachments/files/<3 digits>/...}, avatars, headers, card images, emojis, with
 * and without {@code cache/}) the partitions of ids that cut the table into ranges of
 * about as many rows ({@link IdRanges}). The segments between consecutive boundaries are
 * disjoint and cover every key; they are dealt to the partitions in turn, so each gets
 * some of every directory. The boundaries only balance the work: any key, recognised or
 * not, is in exactly one segment.
 *
 * @param starts each segment's start: keys strictly after it, {@code null} from the start
 * @param ends each segment's end: keys up to it inclusive, {@code null} to the end
 */
record KeySegments(List<@Nullable String> starts, List<@Nullable String> ends) {

	static final String STARTS = "partition.key-starts";

	static final String ENDS = "partition.key-ends";

	/** The segment the partition is in, from 0. */
	static final String SEGMENT = "media-remove-orphans.segment";

	// a key never holds a line break; nor do the boundaries
	private static final String SEPARATOR = "\n";

	private static final String NONE = "";

	private static final List<String> TOP_LEVEL = List.of("accounts/", "backups/", "cache/", "cache/accounts/",
			"cache/custom_emojis/", "cache/media_attachments/", "cache/preview_cards/", "custom_emojis/", "imports/",
			"media_attachments/", "preview_cards/", "site_uploads/");

	/**
	 * Directories of files stored under their row's id partition, and the row's table.
	 */
	private static final List<String[]> BY_ID = List.of(
			new String[] { "media_attachments/files/", "media_attachments" },
			new String[] { "accounts/avatars/", "accounts" }, new String[] { "accounts/headers/", "accounts" },
			new String[] { "preview_cards/images/", "preview_cards" },
			new String[] { "custom_emojis/images/", "custom_emojis" });

	/**
	 * The segments of one step execution: its partition's, or {@code null} for a step
	 * that is not a partition (it walks everything with one cursor).
	 * @param context the step's execution context
	 * @return the segments, or {@code null}
	 */
	static @Nullable KeySegments of(ExecutionContext context) {
		if (!context.containsKey(STARTS)) {
			return null;
		}
		return new KeySegments(split(context.getString(STARTS)), split(context.getString(ENDS)));
	}

	/**
	 * Cuts the keys under a prefix, after a start, into the segments of at most
	 * {@code gridSize} partitions.
	 * @param jdbc Mastodon's database, whose tables' ids place the cuts
	 * @param prefix the level's prefix
	 * @param startAfter the level's start-after, {@code null} for none
	 * @param gridSize how many partitions are wanted
	 * @return each partition's starting context
	 */
	static List<ExecutionContext> partitions(JdbcTemplate jdbc, String prefix, @Nullable String startAfter,
			int gridSize) {
		TreeSet<String> boundaries = new TreeSet<>();
		for (String directory : TOP_LEVEL) {
			boundaries.add(directory);
		}
		for (String[] byId : BY_ID) {
			List<Long> bounds = new IdRanges(jdbc, byId[1]).bounds(gridSize);
			for (String root : List.of("", "cache/")) {
				boundaries.add(root + byId[0]);
				bounds.forEach((bound) -> boundaries.add(root + byId[0] + IdPartition.of(bound) + "/"));
			}
		}
		// only boundaries within the walk: under the prefix, after the start
		boundaries.removeIf((boundary) -> !boundary.startsWith(prefix) && !prefix.startsWith(boundary));
		boundaries.removeIf((boundary) -> boundary.length() <= prefix.length());
		if (startAfter != null) {
			boundaries.removeIf((boundary) -> boundary.compareTo(startAfter) <= 0);
		}
		List<@Nullable String> starts = new ArrayList<>();
		List<@Nullable String> ends = new ArrayList<>();
		String start = startAfter;
		for (String boundary : boundaries) {
			starts.add(start);
			ends.add(boundary);
			start = boundary;
		}
		starts.add(start);
		ends.add(null);
		int partitions = Math.min(gridSize, starts.size());
		List<ExecutionContext> contexts = new ArrayList<>();
		for (int p = 0; p < partitions; p++) {
			List<@Nullable String> partitionStarts = new ArrayList<>();
			List<@Nullable String> partitionEnds = new ArrayList<>();
			for (int s = p; s < starts.size(); s += partitions) {
				partitionStarts.add(starts.get(s));
				partitionEnds.add(ends.get(s));
			}
			ExecutionContext context = new ExecutionContext();
			context.putString(STARTS, join(partitionStarts));
			context.putString(ENDS, join(partitionEnds));
			contexts.add(context);
		}
		return contexts;
	}

	int size() {
		return this.starts.size();
	}

	/**
	 * Whether a key lies beyond a segment's end.
	 * @param segment the segment
	 * @param key a key listed in it
	 * @return {@code true} when the key belongs to a later segment
	 */
	boolean beyond(int segment, String key) {
		String end = this.ends.get(segment);
		return end != null && key.compareTo(end) > 0;
	}

	/**
	 * The segments in words: the first one, and how many there are.
	 * @return such as {@code 3 segments of keys, the first after accounts/ up to
	 * accounts/avatars/}
	 */
	String description() {
		if (size() > 1) {
			return size() + " segments of keys, the first " + segment(0);
		}
		return (this.starts.get(0) == null && this.ends.get(0) == null) ? "every key" : "keys " + segment(0);
	}

	private String segment(int segment) {
		String start = this.starts.get(segment);
		String end = this.ends.get(segment);
		String from = (start != null) ? "after " + start : "from the first";
		return from + ((end != null) ? " up to " + end : " to the end");
	}

	private static String join(List<@Nullable String> values) {
		return String.join(SEPARATOR, values.stream().map((value) -> (value != null) ? value : NONE).toList());
	}

	private static List<@Nullable String> split(String joined) {
		List<@Nullable String> values = new ArrayList<>();
		Arrays.stream(joined.split(SEPARATOR, -1)).forEach((value) -> values.add(value.isEmpty() ? null : value));
		return values;
	}

}
