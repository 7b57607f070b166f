package dev.mastodonmaintenance.batch.benchmark;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * tootctl's {@code media remove-orphans} on S3 (Mastodon 4.7,
 * {@code lib/mastodon/cli/media.rb}), as a process of its own: one listing cursor
 * (ListObjectsV2 from the last key seen, 1000 keys a page), for each page one
 * {@code SELECT *} per model class over the ids its keys name, then in listing order the
 * orphan test per key and one DeleteObject per orphan, sequentially. Rails' boot and its
 * per-record Ruby work are not emulated, so this side is, if anything, faster than
 * tootctl. Arguments: endpoint, bucket, access key, secret key, JDBC URL, database user.
 */
public final class TootctlOrphans {

	// model class directory -> table, and its attachments' directories -> column prefix
	private static final Map<String, String> TABLES = Map.of("accounts", "accounts", "backups", "backups",
			"custom_emojis", "custom_emojis", "media_attachments", "media_attachments", "preview_cards",
			"preview_cards", "site_uploads", "site_uploads");

	private static final Map<String, String> ATTACHMENTS = Map.of("avatars", "avatar", "headers", "header", "dumps",
			"dump", "images", "image", "files", "file", "thumbnails", "thumbnail");

	// extensions of the styles Mastodon converts to (a variant keeps the basename)
	private static final Set<String> STYLE_FORMATS = Set.of("png", "jpeg", "jpg", "mp4", "webp", "gif");

	private TootctlOrphans() {
	}

	public static void main(String[] args) throws Exception {
		String bucket = args[1];
		long start = System.nanoTime();
		long visited = 0;
		long removed = 0;
		long bytes = 0;
		long unrecognized = 0;
		long requests = 0;
		try (S3Client client = client(URI.create(args[0]), args[2], args[3]);
				Connection db = DriverManager.getConnection(args[4], args[5], "")) {
			String lastKey = null;
			while (true) {
				String after = lastKey;
				ListObjectsV2Response page;
				try {
					page = client.listObjectsV2((request) -> request.bucket(bucket).startAfter(after));
					requests++;
				}
				catch (RuntimeException ex) {
					System.out.println("Error fetching list of files: " + ex.getMessage());
					if (lastKey != null) {
						System.out.println("If you want to continue from this point, add --start-after=" + lastKey
								+ " to your command");
					}
					break;
				}
				List<S3Object> objects = page.contents();
				if (objects.isEmpty()) {
					break;
				}
				lastKey = objects.get(objects.size() - 1).key();
				Map<String, Map<Long, Map<String, String>>> records = preload(db, objects);
				for (S3Object object : objects) {
					visited++;
					Boolean orphan = orphan(object.key(), records);
					if (orphan == null) {
						unrecognized++;
						System.out.println("Unrecognized file found: " + object.key());
						continue;
					}
					if (orphan) {
						try {
							client.deleteObject((request) -> request.bucket(bucket).key(object.key()));
							requests++;
							removed++;
							bytes += object.size();
							System.out.println("Found and removed orphan: " + object.key());
						}
						catch (RuntimeException ex) {
							System.out.println("Error processing " + object.key() + ": " + ex.getMessage());
						}
					}
				}
			}
		}
		System.out.printf(Locale.ROOT,
				"Removed %d orphans (approx. %d bytes); visited %d objects, %d unrecognized, %d S3 requests, %.1f s%n",
				removed, bytes, visited, unrecognized, requests, (System.nanoTime() - start) / 1e9);
	}

	/** The segments of a key with every {@code cache} segment dropped, or null. */
	private static String[] segments(String key) {
		String[] segments = Arrays.stream(key.split("/")).filter((s) -> !s.equals("cache")).toArray(String[]::new);
		if (segments.length != 7 && segments.length != 10) {
			return null;
		}
		if (!TABLES.containsKey(segments[0]) || !ATTACHMENTS.containsKey(segments[1])) {
			return null;
		}
		return segments;
	}

	private static long recordId(String[] segments) {
		return Long.parseLong(String.join("", Arrays.copyOfRange(segments, 2, segments.length - 2)));
	}

	// one SELECT * per model class over the page's ids, as tootctl preloads them
	private static Map<String, Map<Long, Map<String, String>>> preload(Connection db, List<S3Object> objects)
			throws Exception {
		Map<String, List<Long>> ids = new LinkedHashMap<>();
		for (S3Object object : objects) {
			String[] segments = segments(object.key());
			if (segments != null) {
				ids.computeIfAbsent(segments[0], (model) -> new ArrayList<>()).add(recordId(segments));
			}
		}
		Map<String, Map<Long, Map<String, String>>> records = new HashMap<>();
		for (Map.Entry<String, List<Long>> model : ids.entrySet()) {
			Map<Long, Map<String, String>> rows = new HashMap<>();
			String list = model.getValue().stream().distinct().map(String::valueOf).collect(Collectors.joining(", "));
			try (Statement statement = db.createStatement();
					ResultSet result = statement
						.executeQuery("SELECT * FROM " + TABLES.get(model.getKey()) + " WHERE id IN (" + list + ")")) {
				int columns = result.getMetaData().getColumnCount();
				while (result.next()) {
					Map<String, String> row = new HashMap<>();
					for (int i = 1; i <= columns; i++) {
						row.put(result.getMetaData().getColumnName(i), result.getString(i));
					}
					rows.put(result.getLong("id"), row);
				}
			}
			records.put(model.getKey(), rows);
		}
		return records;
	}

	/**
	 * tootctl's orphan test: no record, no file on the record, or a file name that is not
	 * a variant of the stored one; null for an unrecognised key.
	 */
	private static Boolean orphan(String key, Map<String, Map<Long, Map<String, String>>> records) {
		String[] segments = segments(key);
		if (segments == null) {
			return null;
		}
		Map<String, String> record = records.getOrDefault(segments[0], Map.of()).get(recordId(segments));
		if (record == null) {
			return true;
		}
		String stored = record.get(ATTACHMENTS.get(segments[1]) + "_file_name");
		if (stored == null || stored.isEmpty()) {
			return true;
		}
		String name = segments[segments.length - 1];
		if (name.equals(stored)) {
			return false;
		}
		int dot = name.lastIndexOf('.');
		int storedDot = stored.lastIndexOf('.');
		String base = (dot < 0) ? name : name.substring(0, dot);
		String storedBase = (storedDot < 0) ? stored : stored.substring(0, storedDot);
		return !(base.equals(storedBase) && dot >= 0 && STYLE_FORMATS.contains(name.substring(dot + 1)));
	}

	private static S3Client client(URI endpoint, String accessKey, String secretKey) {
		// as the benchmark of media-remove configures the SDK: path-style, no retries
		// (tootctl's retry_limit is 0), checksums only where S3 requires them
		return S3Client.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
			.httpClientBuilder(Apache5HttpClient.builder()
				.connectionTimeout(Duration.ofSeconds(5))
				.socketTimeout(Duration.ofSeconds(30)))
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.build();
	}

}
