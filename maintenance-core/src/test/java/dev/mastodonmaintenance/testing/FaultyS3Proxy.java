package dev.mastodonmaintenance.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy in front of a real S3 server that injects the faults S3 is known for,
 * into DeleteObjects requests: a {@code 500 InternalError} or {@code 503 SlowDown}
 * answer, a connection reset, an answer that never comes (the client's read timeout), or
 * a {@code 200} answer that lists some keys as {@code <Error>} (those keys are not
 * forwarded, so the server keeps them). Every other request, and every DeleteObjects
 * request without a fault, goes to the server unchanged. A fault given with
 * {@link #failNextDeletes} answers that request in place of the server, which never sees
 * it; so the keys the server did delete are exactly those of the forwarded requests it
 * did not answer with an error, which {@link #deletedKeys()} counts.
 * <p>
 * Plain sockets on the loopback at a free port, one thread per connection; requests must
 * carry a {@code Content-Length} (the SDK's do, except uploads, which tests send to the
 * server directly).
 */
public final class FaultyS3Proxy implements AutoCloseable {

	/** A fault answering one DeleteObjects request in place of the server. */
	public enum Fault {

		/** {@code 500 InternalError}. */
		INTERNAL_ERROR,

		/** {@code 503 SlowDown}: the server asks the client to send less. */
		SLOW_DOWN,

		/** The connection is reset (RST) once the request has been read. */
		CONNECTION_RESET,

		/** No answer at all, until the client gives up and closes the connection. */
		NO_ANSWER

	}

	private static final Pattern KEY = Pattern.compile("<Key>(.*?)</Key>", Pattern.DOTALL);

	private static final Pattern ERROR = Pattern.compile("<Error>.*?<Key>(.*?)</Key>.*?</Error>", Pattern.DOTALL);

	private final URI server;

	private final ServerSocket socket;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final Deque<Fault> nextFaults = new ArrayDeque<>();

	private Predicate<String> failingKeys = (key) -> false;

	private String failingKeyCode = "InternalError";

	private int failingKeyAnswers;

	private final List<Long> deleteRequestTimes = new ArrayList<>();

	private final List<String> deletedKeys = new ArrayList<>();

	private final List<Fault> faultsInjected = new ArrayList<>();

	private final Set<Socket> connections = Collections
		.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>()));

	private FaultyS3Proxy(URI server) throws IOException {
		this.server = server;
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "faulty-s3-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * Starts a proxy in front of a server.
	 * @param server the S3 server's endpoint
	 * @return the proxy, listening
	 */
	public static FaultyS3Proxy inFrontOf(URI server) {
		try {
			return new FaultyS3Proxy(server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Where clients send their requests.
	 * @return the proxy's endpoint
	 */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.socket.getLocalPort());
	}

	/**
	 * Answers the next DeleteObjects requests with these faults, one each, in this order;
	 * the requests after them go to the server again.
	 * @param faults the faults
	 */
	public synchronized void failNextDeletes(Fault... faults) {
		this.nextFaults.addAll(List.of(faults));
	}

	/**
	 * Lists the keys matching a condition as {@code <Error>} in the {@code 200} answers
	 * of DeleteObjects: they are not forwarded, the others are.
	 * @param keys which full object keys fail
	 * @param code the S3 error code, such as {@code InternalError} or
	 * {@code AccessDenied}
	 * @param answers in how many answers they fail (those that name one of them), or
	 * {@link Integer#MAX_VALUE} until {@link #heal()}
	 */
	public synchronized void failKeys(Predicate<String> keys, String code, int answers) {
		this.failingKeys = keys;
		this.failingKeyCode = code;
		this.failingKeyAnswers = answers;
	}

	/**
	 * Stops injecting faults: every request goes to the server.
	 */
	public synchronized void heal() {
		this.nextFaults.clear();
		this.failingKeyAnswers = 0;
	}

	/**
	 * How many DeleteObjects requests reached the proxy, faulty ones included.
	 * @return the count
	 */
	public synchronized int deleteRequests() {
		return this.deleteRequestTimes.size();
	}

	/**
	 * When each DeleteObjects request reached the proxy, in {@link System#nanoTime()}.
	 * @return the instants, in order
	 */
	public synchronized List<Long> deleteRequestTimes() {
		return List.copyOf(this.deleteRequestTimes);
	}

	/**
	 * The keys the server deleted, once per DeleteObjects request that deleted them: a
	 * key deleted twice is listed twice.
	 * @return the full object keys
	 */
	public synchronized List<String> deletedKeys() {
		return List.copyOf(this.deletedKeys);
	}

	/**
	 * The faults injected so far, in order; per-key errors are not counted here.
	 * @return the faults
	 */
	public synchronized List<Fault> faultsInjected() {
		return List.copyOf(this.faultsInjected);
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		synchronized (this.connections) {
			this.connections.forEach(FaultyS3Proxy::closeQuietly);
		}
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket connection = this.socket.accept();
				this.connections.add(connection);
				Thread thread = new Thread(() -> serve(connection), "faulty-s3-proxy-connection");
				thread.setDaemon(true);
				thread.start();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void serve(Socket connection) {
		try (connection) {
			InputStream in = connection.getInputStream();
			OutputStream out = connection.getOutputStream();
			while (true) {
				Request request = Request.read(in, out);
				if (request == null) {
					return;
				}
				if (!request.isDeleteObjects()) {
					forward(request, out, request.body);
					continue;
				}
				Fault fault = nextFault(request);
				if (fault == null) {
					forwardDelete(request, out);
					continue;
				}
				switch (fault) {
					case INTERNAL_ERROR ->
						error(out, 500, "InternalError", "We encountered an internal error. Please try again.");
					case SLOW_DOWN -> error(out, 503, "SlowDown", "Please reduce your request rate.");
					case CONNECTION_RESET -> {
						connection.setSoLinger(true, 0);
						return;
					}
					case NO_ANSWER -> {
						// until the client gives up
						while (in.read() != -1) {
							// discard
						}
						return;
					}
				}
			}
		}
		catch (IOException | InterruptedException ex) {
			// the client went away
		}
		finally {
			this.connections.remove(connection);
		}
	}

	private synchronized Fault nextFault(Request request) {
		this.deleteRequestTimes.add(System.nanoTime());
		Fault fault = this.nextFaults.poll();
		if (fault != null) {
			this.faultsInjected.add(fault);
		}
		return fault;
	}

	private void forwardDelete(Request request, OutputStream out) throws IOException, InterruptedException {
		String body = new String(request.body, StandardCharsets.UTF_8);
		List<String> keys = new ArrayList<>();
		Matcher matcher = KEY.matcher(body);
		while (matcher.find()) {
			keys.add(unescape(matcher.group(1)));
		}
		List<String> failing;
		String code;
		synchronized (this) {
			failing = (this.failingKeyAnswers > 0) ? keys.stream().filter(this.failingKeys).toList() : List.of();
			code = this.failingKeyCode;
			if (!failing.isEmpty()) {
				this.failingKeyAnswers--;
			}
		}
		byte[] forwarded = request.body;
		if (!failing.isEmpty()) {
			StringBuilder objects = new StringBuilder();
			keys.stream()
				.filter((key) -> !failing.contains(key))
				.forEach((key) -> objects.append("<Object><Key>").append(escape(key)).append("</Key></Object>"));
			forwarded = ("<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + objects
					+ "<Quiet>true</Quiet></Delete>")
				.getBytes(StandardCharsets.UTF_8);
		}
		if (failing.size() == keys.size()) {
			// nothing left for the server: answer for it
			respond(out, 200, Map.of("Content-Type", List.of("application/xml")),
					deleteResult(failing, code, "").getBytes(StandardCharsets.UTF_8));
			return;
		}
		HttpResponse<byte[]> response = send(request, forwarded, failing.isEmpty());
		String answer = new String(response.body(), StandardCharsets.UTF_8);
		if (response.statusCode() == 200) {
			List<String> refused = new ArrayList<>();
			Matcher errors = ERROR.matcher(answer);
			while (errors.find()) {
				refused.add(unescape(errors.group(1)));
			}
			synchronized (this) {
				keys.stream()
					.filter((key) -> !failing.contains(key) && !refused.contains(key))
					.forEach(this.deletedKeys::add);
			}
			if (!failing.isEmpty()) {
				answer = deleteResult(failing, code, answer);
			}
		}
		respond(out, response.statusCode(), response.headers().map(), answer.getBytes(StandardCharsets.UTF_8));
	}

	private void forward(Request request, OutputStream out, byte[] body) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = send(request, body, true);
		respond(out, response.statusCode(), response.headers().map(),
				request.method.equals("HEAD") ? null : response.body());
	}

	private HttpResponse<byte[]> send(Request request, byte[] body, boolean unchanged)
			throws IOException, InterruptedException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.server.resolve(request.target))
			.timeout(Duration.ofSeconds(60))
			.method(request.method, (body.length == 0) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body));
		request.headers.forEach((name, value) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			boolean restricted = Set
				.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding")
				.contains(lower);
			// a changed body has other checksums; the server is not asked to check the
			// signature's
			boolean checksum = lower.equals("content-md5") || lower.startsWith("x-amz-checksum-")
					|| lower.equals("x-amz-sdk-checksum-algorithm");
			if (!restricted && (unchanged || !checksum)) {
				builder.header(name, value);
			}
		});
		if (!unchanged) {
			builder.header("Content-MD5", md5(body));
		}
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String deleteResult(List<String> failing, String code, String answer) {
		StringBuilder errors = new StringBuilder();
		failing.forEach((key) -> errors.append("<Error><Key>")
			.append(escape(key))
			.append("</Key><Code>")
			.append(code)
			.append("</Code><Message>Injected ")
			.append(code)
			.append("</Message></Error>"));
		String open = "<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
		if (answer.contains("</DeleteResult>")) {
			return answer.replace("</DeleteResult>", errors + "</DeleteResult>");
		}
		Matcher empty = Pattern.compile("<DeleteResult([^>]*)/>").matcher(answer);
		if (empty.find()) {
			return answer.substring(0, empty.start()) + "<DeleteResult" + empty.group(1) + ">" + errors
					+ "</DeleteResult>" + answer.substring(empty.end());
		}
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + open + errors + "</DeleteResult>";
	}

	private static void error(OutputStream out, int status, String code, String message) throws IOException {
		respond(out, status, Map.of("Content-Type", List.of("application/xml")),
				("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
						+ "</Message><RequestId>injected</RequestId></Error>")
					.getBytes(StandardCharsets.UTF_8));
	}

	private static void respond(OutputStream out, int status, Map<String, List<String>> headers, byte[] body)
			throws IOException {
		StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Status\r\n");
		headers.forEach((name, values) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			if (!lower.startsWith(":")
					&& !Set.of("content-length", "transfer-encoding", "connection").contains(lower)) {
				values.forEach((value) -> head.append(name).append(": ").append(value).append("\r\n"));
			}
		});
		head.append("Content-Length: ").append((body != null) ? body.length : 0).append("\r\n\r\n");
		out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		if (body != null) {
			out.write(body);
		}
		out.flush();
	}

	private static String md5(byte[] body) {
		try {
			return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String escape(String key) {
		return key.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private static String unescape(String key) {
		return key.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&apos;", "'")
			.replace("&amp;", "&");
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/** One HTTP/1.1 request as the client sent it. */
	private record Request(String method, String target, Map<String, String> headers, byte[] body) {

		boolean isDeleteObjects() {
			return this.method.equals("POST") && (this.target.endsWith("?delete") || this.target.contains("?delete&")
					|| this.target.contains("&delete"));
		}

		static Request read(InputStream in, OutputStream out) throws IOException {
			String requestLine = line(in);
			if (requestLine == null || requestLine.isEmpty()) {
				return null;
			}
			String[] parts = requestLine.split(" ");
			Map<String, String> headers = new LinkedHashMap<>();
			for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
				int colon = header.indexOf(':');
				headers.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
			}
			int length = 0;
			boolean expectContinue = false;
			for (Map.Entry<String, String> header : headers.entrySet()) {
				if (header.getKey().equalsIgnoreCase("Content-Length")) {
					length = Integer.parseInt(header.getValue());
				}
				if (header.getKey().equalsIgnoreCase("Expect") && header.getValue().equalsIgnoreCase("100-continue")) {
					expectContinue = true;
				}
				if (header.getKey().equalsIgnoreCase("Transfer-Encoding")) {
					throw new IOException("chunked requests are not supported by this proxy");
				}
			}
			if (expectContinue) {
				out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
			}
			return new Request(parts[0], parts[1], headers, in.readNBytes(length));
		}

		private static String line(InputStream in) throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = in.read()) != -1) {
				if (b == '\n') {
					String text = line.toString(StandardCharsets.ISO_8859_1);
					return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
				}
				line.write(b);
			}
			return (line.size() == 0) ? null : line.toString(StandardCharsets.ISO_8859_1);
		}

	}

}
