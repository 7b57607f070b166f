package dev.mastodonmaintenance.batch.faults;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.mastodonmaintenance.testing.TestS3;
import io.lettuce.core.api.sync.RedisCommands;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a run left, as the fault matrix compares it: Mastodon's rows (per table, each
 * row's id and the md5 of the whole row), the stored objects with their sizes, the Redis
 * keys with their values, the deletion manifest's removed set (level, kind, table and id
 * or key, once per time it was recorded; a partition's entries count as its level's) and
 * any entry left in another state.
 *
 * @param rows per table of {@code public}, {@code id:md5} of each row in id order
 * ({@code md5} alone, sorted, for tables without an id)
 * @param objects stored keys and sizes
 * @param redis Redis keys and values
 * @param removed the manifest's removed entries, one line per key or row id, sorted
 * @param unsettled the manifest's entries in any other state, one line per key or row id,
 * sorted
 */
record EndState(Map<String, List<String>> rows, Map<String, Long> objects, Map<String, String> redis,
		List<String> removed, List<String> unsettled) {

	static EndState of(JdbcTemplate jdbc, String bucket, RedisCommands<String, String> redis) {
		Map<String, List<String>> rows = new TreeMap<>();
		for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables "
				+ "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", String.class)) {
			boolean hasId = Boolean.TRUE.equals(jdbc.queryForObject(
					"SELECT count(*) > 0 FROM information_schema.columns "
							+ "WHERE table_schema = 'public' AND table_name = ? AND column_name = 'id'",
					Boolean.class, table));
			rows.put(table,
					jdbc.queryForList(
							hasId ? "SELECT t.id || ':' || md5(t::text) FROM public.\"" + table + "\" t ORDER BY t.id"
									: "SELECT md5(t::text) FROM public.\"" + table + "\" t ORDER BY 1",
							String.class));
		}
		Map<String, Long> objects = new TreeMap<>();
		TestS3.get()
			.client()
			.listObjectsV2Paginator((request) -> request.bucket(bucket))
			.contents()
			.forEach((object) -> objects.put(object.key(), object.size()));
		Map<String, String> values = new TreeMap<>();
		redis.keys("*").forEach((key) -> values.put(key, redis.get(key)));
		return new EndState(rows, objects, values, manifest(jdbc, "m.state = 'removed'"),
				manifest(jdbc, "m.state <> 'removed'"));
	}

	private static List<String> manifest(JdbcTemplate jdbc, String condition) {
		return jdbc.queryForList(
				"""
						SELECT m.state || ' ' || regexp_replace(m.step_name, '-partition:[0-9]+$', '') || ' object ' || k
						FROM mastodon_maintenance.deletion_manifest m, unnest(m.object_keys) AS k
						WHERE m.subject_kind = 'objects' AND %1$s
						UNION ALL
						SELECT m.state || ' ' || regexp_replace(m.step_name, '-partition:[0-9]+$', '') || ' ' || m.subject || ' ' || r
						FROM mastodon_maintenance.deletion_manifest m, unnest(m.row_ids) AS r
						WHERE m.subject_kind = 'rows' AND %1$s
						ORDER BY 1
						"""
					.formatted(condition),
				String.class);
	}

	/**
	 * Objects the reference run kept that this run's storage lacks.
	 * @param reference the uninterrupted run's end state
	 * @return their keys
	 */
	List<String> lostObjects(EndState reference) {
		return reference.objects.keySet().stream().filter((key) -> !this.objects.containsKey(key)).toList();
	}

	/**
	 * Keys and rows the manifest says were removed more than once.
	 * @return one line each
	 */
	List<String> removedTwice() {
		Set<String> seen = new HashSet<>();
		return this.removed.stream().filter((line) -> !seen.add(line)).distinct().toList();
	}

	/**
	 * How this end state differs from the reference, briefly; empty when identical.
	 * @param reference the uninterrupted run's end state
	 * @return one line per difference found, at most a few per part
	 */
	List<String> differencesFrom(EndState reference) {
		List<String> differences = new ArrayList<>();
		Set<String> tables = new HashSet<>(reference.rows.keySet());
		tables.addAll(this.rows.keySet());
		for (String table : new TreeSet<>(tables)) {
			List<String> expected = reference.rows.getOrDefault(table, List.of());
			List<String> actual = this.rows.getOrDefault(table, List.of());
			if (!expected.equals(actual)) {
				differences.add("table " + table + ": " + difference(expected, actual));
			}
		}
		if (!reference.objects.equals(this.objects)) {
			differences.add("objects: " + difference(keyed(reference.objects), keyed(this.objects)));
		}
		if (!reference.redis.equals(this.redis)) {
			differences.add("redis: " + difference(keyed(reference.redis), keyed(this.redis)));
		}
		if (!new HashSet<>(reference.removed).equals(new HashSet<>(this.removed))) {
			differences.add("manifest removed set: " + difference(reference.removed, this.removed));
		}
		if (!this.unsettled.isEmpty()) {
			differences
				.add("manifest entries not removed: " + this.unsettled.subList(0, Math.min(3, this.unsettled.size())));
		}
		return differences;
	}

	private static List<String> keyed(Map<String, ?> map) {
		return map.entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue()).toList();
	}

	private static String difference(List<String> expected, List<String> actual) {
		Set<String> actualSet = new HashSet<>(actual);
		Set<String> expectedSet = new HashSet<>(expected);
		List<String> missing = expected.stream().filter((line) -> !actualSet.contains(line)).limit(3).toList();
		List<String> extra = actual.stream().filter((line) -> !expectedSet.contains(line)).limit(3).toList();
		return expected.size() + " expected, " + actual.size() + " found"
				+ (missing.isEmpty() ? "" : "; missing " + missing) + (extra.isEmpty() ? "" : "; unexpected " + extra)
				+ (Objects.equals(missing, extra) ? " (order)" : "");
	}

}
