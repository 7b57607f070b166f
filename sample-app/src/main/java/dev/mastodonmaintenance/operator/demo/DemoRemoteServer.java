package dev.mastodonmaintenance.operator.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * A remote Mastodon server of the demo, on loopback: it answers {@code 410 Gone} for the
 * actors whose name starts with {@code gone}, and {@code 200} for the others, so that
 * {@code accounts cull} finds accounts to remove and accounts to keep without leaving the
 * machine.
 */
final class DemoRemoteServer implements AutoCloseable {

	private final HttpServer server;

	private DemoRemoteServer(HttpServer server) {
		this.server = server;
	}

	/**
	 * Starts the server on a free loopback port.
	 * @return the running server
	 */
	static DemoRemoteServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/users/", (exchange) -> {
				String name = exchange.getRequestURI().getPath().substring("/users/".length());
				exchange.sendResponseHeaders(name.startsWith("gone") ? 410 : 200, -1);
				exchange.close();
			});
			server.start();
			return new DemoRemoteServer(server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the demo's remote server", ex);
		}
	}

	/**
	 * The server's domain as Mastodon writes it in {@code accounts.domain}: host and
	 * port.
	 * @return such as {@code 127.0.0.1:41234}
	 */
	String domain() {
		return "127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
