package dev.mastodonmaintenance.operator.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Optional;

import dev.mastodonmaintenance.operator.OperatorApplication;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code serve} listens on the loopback unless {@code server.address} says otherwise, and
 * says where: a connection to the machine's own non-loopback address is refused, one to
 * 127.0.0.1 is answered.
 */
class ServeOnLoopbackTests {

	@Test
	void theConsoleListensOnTheLoopbackOnly(@TempDir Path live) throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(ServeOnLoopbackTests.class);
		Path envFile = CommandLineRun.envFile(live, db);
		try (LazyApplication session = new LazyApplication(OperatorApplication.class, () -> new String[] {
				"--mastodon-env=" + envFile, "--server.port=0", "--mastodon.operator.console.password=a password" },
				new PrintWriter(new StringWriter()))) {
			ConfigurableApplicationContext context = session.serve();
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));

			assertThat(ServeCommand.where(context.getEnvironment())).isEqualTo("http://127.0.0.1:" + port
					+ "/maintenance, listening on 127.0.0.1 only (--server.address=… before the command to change)");
			try (Socket loopback = new Socket()) {
				loopback.connect(new InetSocketAddress("127.0.0.1", port), 2000);
				assertThat(loopback.isConnected()).isTrue();
			}
			Optional<InetAddress> external = externalAddress();
			if (external.isPresent()) {
				assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
					try (Socket outside = new Socket()) {
						outside.connect(new InetSocketAddress(external.get(), port), 2000);
					}
				});
			}
		}
	}

	@Test
	void anotherAddressIsSaidAsConfigured() {
		MockEnvironment everywhere = new MockEnvironment().withProperty("server.address", "0.0.0.0")
			.withProperty("local.server.port", "8081");
		MockEnvironment behindTls = new MockEnvironment().withProperty("server.address", "10.0.0.5")
			.withProperty("local.server.port", "8443")
			.withProperty("server.ssl.enabled", "true")
			.withProperty("mastodon.maintenance.console.path", "/ops");

		assertThat(ServeCommand.where(everywhere))
			.isEqualTo("http://localhost:8081/maintenance, listening on every interface");
		assertThat(ServeCommand.where(behindTls)).startsWith("https://10.0.0.5:8443/ops, listening on 10.0.0.5 only");
	}

	private static Optional<InetAddress> externalAddress() throws SocketException {
		return NetworkInterface.networkInterfaces().filter((network) -> {
			try {
				return network.isUp() && !network.isLoopback();
			}
			catch (SocketException ex) {
				return false;
			}
		})
			.flatMap(NetworkInterface::inetAddresses)
			.filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress())
			.findFirst();
	}

}
