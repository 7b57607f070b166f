package dev.mastodonmaintenance.operator.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;

/**
 * {@code serve}: the batch admin console (and the scheduled runs, when a schedule is
 * configured), until the process is stopped; on the loopback unless
 * {@code server.address} is set, since the console can delete data.
 */
@Command(name = "serve",
		description = {
				"Serve the batch admin console (under mastodon.maintenance.console.path, "
						+ "default /maintenance) and run scheduled runs, until stopped. Listens on 127.0.0.1 unless "
						+ "--server.address says otherwise.",
				"Spring properties go before the command: --server.port=8081 serve." })
final class ServeCommand implements Callable<Integer> {

	private final CommandContext cli;

	ServeCommand(CommandContext cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() throws InterruptedException {
		ConfigurableApplicationContext context = this.cli.serve();
		CountDownLatch closed = new CountDownLatch(1);
		context.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent) {
				closed.countDown();
			}
		});
		Environment environment = context.getEnvironment();
		this.cli.out()
			.println("Console: " + where(environment) + " (user "
					+ environment.getProperty("mastodon.operator.console.username", "admin")
					+ (environment.containsProperty("mastodon.operator.console.password") ? ")"
							: ", with the password generated and logged above)"));
		this.cli.out().flush();
		if (context.isActive()) {
			closed.await();
		}
		return ExitCodes.OK;
	}

	/**
	 * Where the console listens, as the operator opens it, and on which address.
	 * @param environment the running application's
	 * @return the console's URL and the address it is bound to
	 */
	static String where(Environment environment) {
		String address = environment.getProperty("server.address", "0.0.0.0");
		boolean everywhere = address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]");
		String host = everywhere ? "localhost"
				: (address.contains(":") && !address.startsWith("[")) ? "[" + address + "]" : address;
		boolean tls = environment.getProperty("server.ssl.enabled", Boolean.class, false)
				|| environment.containsProperty("server.ssl.bundle");
		return (tls ? "https" : "http") + "://" + host + ":" + environment.getProperty("local.server.port")
				+ environment.getProperty("server.servlet.context-path", "")
				+ environment.getProperty("mastodon.maintenance.console.path", "/maintenance")
				+ (everywhere ? ", listening on every interface"
						: ", listening on " + address + " only (--server.address=… before the command to change)");
	}

}
