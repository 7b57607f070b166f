package dev.mastodonmaintenance.batch.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The S3 API operations both sides of the orphans benchmark use (CreateBucket, PutObject,
 * HeadObject, DeleteObject, DeleteObjects, ListObjectsV2 with prefix, start-after and
 * continuation token), over an ordered in-memory key index per bucket, path-style,
 * without checking signatures. The benchmark runs on it because the Java S3 servers at
 * hand build a sorted set of the whole bucket for every listing request (S3Proxy's
 * jclouds {@code LocalBlobStore.list} and its nio2 stores; S3Mock keeps its key map in
 * one metadata file), so at 1M objects one page costs seconds and both sides would
 * measure the server. S3 itself answers a page from an index, as this does: a page costs
 * the number of keys it returns. Objects report a {@code Last-Modified} 30 days before
 * they were put, as in a bucket that has been in use, so that ours' default age guard
 * ({@code min-age} 1 day) applies as on a real instance. The contents are not kept (the
 * sizes are).
 */
final class IndexedS3Server implements AutoCloseable {

	private static final String XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";

	private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter HTTP = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private static final Pattern DELETE_KEY = Pattern.compile("<Key>(.*?)</Key>", Pattern.DOTALL);

	private final Map<String, NavigableMap<String, long[]>> buckets = new ConcurrentHashMap<>();

	private final HttpServer server;

	private final ExecutorService threads = Executors.newFixedThreadPool(64);

	final AtomicLong requests = new AtomicLong();

	IndexedS3Server() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
		this.server.setExecutor(this.threads);
		this.server.createContext("/", (exchange) -> {
			try {
				this.requests.incrementAndGet();
				handle(exchange);
			}
			catch (RuntimeException ex) {
				send(exchange, 500, error("InternalError", String.valueOf(ex)));
			}
			finally {
				exchange.close();
			}
		});
		this.server.start();
	}

	URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Stores an object without a request, for filling a large bucket fast; what is stored
	 * so is served as if it had been put.
	 */
	void store(String bucket, String key, long size) {
		this.buckets.computeIfAbsent(bucket, (name) -> new ConcurrentSkipListMap<>())
			.put(key, new long[] { size, Instant.now().minus(30, ChronoUnit.DAYS).toEpochMilli() });
	}

	private void handle(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getRawPath();
		Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
		String rest = path.substring(1);
		int slash = rest.indexOf('/');
		String bucketName = (slash < 0) ? rest : rest.substring(0, slash);
		String key = (slash < 0) ? "" : URLDecoder.decode(rest.substring(slash + 1), StandardCharsets.UTF_8);
		byte[] body = readAll(exchange.getRequestBody());
		if (key.isEmpty()) {
			if (method.equals("PUT")) {
				this.buckets.putIfAbsent(bucketName, new ConcurrentSkipListMap<>());
				send(exchange, 200, null);
				return;
			}
		}
		NavigableMap<String, long[]> bucket = this.buckets.get(bucketName);
		if (bucket == null) {
			send(exchange, 404, error("NoSuchBucket", bucketName));
			return;
		}
		if (key.isEmpty()) {
			if (method.equals("POST") && query.containsKey("delete")) {
				deleteObjects(exchange, bucket, new String(body, StandardCharsets.UTF_8));
			}
			else if (method.equals("GET")) {
				list(exchange, bucketName, bucket, query);
			}
			else {
				send(exchange, 405, error("MethodNotAllowed", method));
			}
			return;
		}
		switch (method) {
			case "PUT" -> {
				String decoded = exchange.getRequestHeaders().getFirst("x-amz-decoded-content-length");
				long size = (decoded != null) ? Long.parseLong(decoded) : body.length;
				bucket.put(key, new long[] { size, Instant.now().minus(30, ChronoUnit.DAYS).toEpochMilli() });
				exchange.getResponseHeaders().add("ETag", "\"" + OrphansRemoveBenchmark.md5(key) + "\"");
				send(exchange, 200, null);
			}
			case "HEAD", "GET" -> {
				long[] object = bucket.get(key);
				if (object == null) {
					send(exchange, 404, method.equals("HEAD") ? null : error("NoSuchKey", key));
					return;
				}
				exchange.getResponseHeaders().add("ETag", "\"" + OrphansRemoveBenchmark.md5(key) + "\"");
				exchange.getResponseHeaders().add("Last-Modified", HTTP.format(Instant.ofEpochMilli(object[1])));
				if (method.equals("HEAD")) {
					exchange.getResponseHeaders().add("Content-Length", Long.toString(object[0]));
					exchange.sendResponseHeaders(200, -1);
				}
				else {
					exchange.sendResponseHeaders(200, object[0]);
					exchange.getResponseBody().write(new byte[(int) object[0]]);
				}
			}
			case "DELETE" -> {
				bucket.remove(key);
				send(exchange, 204, null);
			}
			default -> send(exchange, 405, error("MethodNotAllowed", method));
		}
	}

	private void list(HttpExchange exchange, String name, NavigableMap<String, long[]> bucket,
			Map<String, String> query) throws IOException {
		String prefix = query.getOrDefault("prefix", "");
		int max = Integer.parseInt(query.getOrDefault("max-keys", "1000"));
		String after = query.get("continuation-token");
		if (after == null) {
			after = query.get("start-after");
		}
		NavigableMap<String, long[]> from = (after != null) ? bucket.tailMap(after, false) : bucket;
		if (!prefix.isEmpty() && (after == null || after.compareTo(prefix) < 0)) {
			from = bucket.tailMap(prefix, true);
		}
		StringBuilder contents = new StringBuilder();
		int count = 0;
		String last = null;
		boolean truncated = false;
		for (Map.Entry<String, long[]> entry : from.entrySet()) {
			if (!entry.getKey().startsWith(prefix)) {
				break;
			}
			if (count == max) {
				truncated = true;
				break;
			}
			contents.append("<Contents><Key>")
				.append(escape(entry.getKey()))
				.append("</Key><LastModified>")
				.append(ISO.format(Instant.ofEpochMilli(entry.getValue()[1])))
				.append("</LastModified><ETag>&quot;")
				.append(OrphansRemoveBenchmark.md5(entry.getKey()))
				.append("&quot;</ETag><Size>")
				.append(entry.getValue()[0])
				.append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
			count++;
			last = entry.getKey();
		}
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"")
			.append(XMLNS)
			.append("\"><Name>")
			.append(escape(name))
			.append("</Name><Prefix>")
			.append(escape(prefix))
			.append("</Prefix><KeyCount>")
			.append(count)
			.append("</KeyCount><MaxKeys>")
			.append(max)
			.append("</MaxKeys><IsTruncated>")
			.append(truncated)
			.append("</IsTruncated>");
		if (truncated) {
			xml.append("<NextContinuationToken>").append(escape(last)).append("</NextContinuationToken>");
		}
		xml.append(contents).append("</ListBucketResult>");
		send(exchange, 200, xml.toString());
	}

	private void deleteObjects(HttpExchange exchange, NavigableMap<String, long[]> bucket, String body)
			throws IOException {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeleteResult xmlns=\"")
			.append(XMLNS)
			.append("\">");
		boolean quiet = body.contains("<Quiet>true</Quiet>");
		Matcher keys = DELETE_KEY.matcher(body);
		while (keys.find()) {
			String key = unescape(keys.group(1));
			bucket.remove(key);
			if (!quiet) {
				xml.append("<Deleted><Key>").append(escape(key)).append("</Key></Deleted>");
			}
		}
		send(exchange, 200, xml.append("</DeleteResult>").toString());
	}

	private static void send(HttpExchange exchange, int status, String xml) throws IOException {
		if (xml == null) {
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/xml");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static String error(String code, String message) {
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + escape(message)
				+ "</Message></Error>";
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new HashMap<>();
		if (raw == null) {
			return query;
		}
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			query.put(name, value);
		}
		return query;
	}

	private static byte[] readAll(InputStream in) throws IOException {
		return in.readAllBytes();
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	private static String unescape(String text) {
		return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

}
