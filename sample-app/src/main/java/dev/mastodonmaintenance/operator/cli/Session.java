package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.operator.OperatorApplication;
import dev.mastodonmaintenance.operator.demo.DemoConfiguration;
import dev.mastodonmaintenance.operator.demo.DemoInstance;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application behind a command: started only once a command needs it, without a web server unless the
 * command is {@code serve}.
 */
final class Session implements AutoCloseable {

	/** What the command line sets unless told otherwise: quiet logs, no web server, no console. */
	private static final Map<String, Object> COMMAND_DEFAULTS = Map.of("logging.level.root", "WARN",
			"logging.level.org.springframework.boot.SpringApplication", "OFF",
			// a failed step is reported by the command, with 'status ID --trace' for its stack trace
			"logging.level.org.springframework.batch.core.step.AbstractStep", "OFF",
			// so is a run that lost its database connection, in one line, without the traces these log
			"logging.level.org.springframework.batch.core.step.tasklet.TaskletStep", "OFF",
			"logging.level.org.springframework.transaction", "OFF",
			"logging.level.org.springframework.batch.core.job.AbstractJob", "OFF",
			"logging.level.com.zaxxer.hikari", "ERROR",
			// the command says when it marked an execution left running FAILED
			"logging.level.dev.mastodonmaintenance.boot.support.DefaultMastodonMaintenance", "ERROR",
			// a context that fails to start is reported by the command, in one line
			"logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext", "ERROR",
			"spring.main.banner-mode", "off");

	private final String[] springArguments;

	private final PrintWriter out;

	private @Nullable ConfigurableApplicationContext context;

	/**
	 * Creates a session.
	 * @param springArguments the arguments meant for Spring ({@code --name=value}, {@code --mastodon-env=...})
	 * @param out where to say that the demo is used
	 */
	Session(String[] springArguments, PrintWriter out) {
		this.springArguments = springArguments.clone();
		this.out = out;
	}

	/**
	 * The facade, starting the application without a web server on first use.
	 * @param newRun whether the command starts a new run: the demo then adds a generation of data, so that
	 * the run finds work
	 * @return the facade
	 */
	MastodonMaintenance maintenance(boolean newRun) {
		Map<String, Object> defaults = new HashMap<>(COMMAND_DEFAULTS);
		defaults.put(DemoConfiguration.SEED, newRun);
		return context(WebApplicationType.NONE, defaults).getBean(MastodonMaintenance.class);
	}

	/**
	 * Starts the application with its web server and the console.
	 * @return the running application
	 */
	ConfigurableApplicationContext serve() {
		return context(WebApplicationType.SERVLET, Map.of("mastodon.maintenance.console.enabled", "true"));
	}

	private ConfigurableApplicationContext context(WebApplicationType type, Map<String, Object> defaults) {
		if (this.context == null) {
			this.context = new SpringApplicationBuilder(OperatorApplication.class).web(type)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(type != WebApplicationType.NONE)
				.properties(defaults)
				.run(this.springArguments);
			this.context.getBeanProvider(DemoInstance.class).ifAvailable(this::announce);
		}
		return this.context;
	}

	private void announce(DemoInstance demo) {
		List<String> lines = demo.describe();
		lines.forEach(this.out::println);
		this.out.flush();
	}

	@Override
	public void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

}
