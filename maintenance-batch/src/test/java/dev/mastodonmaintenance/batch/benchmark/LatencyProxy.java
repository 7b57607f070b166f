package dev.mastodonmaintenance.batch.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy in front of the local S3 server that delays every HTTP request by a fixed
 * time, to model the round trip to an object store that is not on the same machine. A
 * request is recognised as bytes from the client after the server has answered (HTTP/1.1
 * keep-alive connections carry one request at a time), so each request pays the delay
 * once, whatever its size.
 */
final class LatencyProxy implements AutoCloseable {

	private final ServerSocket server;

	private final URI target;

	private final Duration latency;

	private volatile boolean open = true;

	LatencyProxy(URI target, Duration latency) throws IOException {
		this.target = target;
		this.latency = latency;
		this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "latency-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getLocalPort());
	}

	private void accept() {
		while (this.open) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket(this.target.getHost(), this.target.getPort());
				AtomicBoolean answered = new AtomicBoolean(true);
				pump(client, upstream, answered, true);
				pump(upstream, client, answered, false);
			}
			catch (IOException ex) {
				// the proxy was closed, or one connection failed: the client sees its
				// error
			}
		}
	}

	private void pump(Socket from, Socket to, AtomicBoolean answered, boolean request) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[64 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					if (request && answered.getAndSet(false)) {
						Thread.sleep(this.latency.toMillis());
					}
					else if (!request) {
						answered.set(true);
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException | InterruptedException ex) {
				// connection closed
			}
			finally {
				close(from);
				close(to);
			}
		}, "latency-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		this.open = false;
		this.server.close();
	}

}
