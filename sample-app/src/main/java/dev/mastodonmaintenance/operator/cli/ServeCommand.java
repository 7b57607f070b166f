package dev.mastodonmaintenance.operator.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;

/**
 * {@code serve}: the batch admin console (and the scheduled runs, when a schedule is configured), until the
 * process is stopped.
 */
@Command(name = "serve", description = { "Serve the batch admin console (under mastodon.maintenance.console.path, "
		+ "default /maintenance) and run scheduled runs, until stopped.",
		"Spring properties go before the command: --server.port=8081 serve." })
final class ServeCommand implements Callable<Integer> {

	private final Cli cli;

	ServeCommand(Cli cli) {
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
		this.cli.out().println("Console: http://localhost:" + environment.getProperty("local.server.port")
				+ environment.getProperty("server.servlet.context-path", "")
				+ environment.getProperty("mastodon.maintenance.console.path", "/maintenance"));
		this.cli.out().flush();
		if (context.isActive()) {
			closed.await();
		}
		return ExitCodes.OK;
	}

}
