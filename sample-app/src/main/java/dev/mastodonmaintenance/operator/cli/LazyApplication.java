package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.audit.OperatorActions;
import dev.mastodonmaintenance.operator.demo.DemoConfiguration;
import dev.mastodonmaintenance.operator.demo.DemoInstance;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The application behind a command: started only once a command needs it, without a web
 * server unless the command is {@code serve}.
 */
final class LazyApplication implements AutoCloseable {

	/**
	 * What the command line sets unless told otherwise: quiet logs, no web server, no
	 * console.
	 */
	private static final Map<String, Object> COMMAND_DEFAULTS = Map.of("logging.level.root", "WARN",
			// a failed step is reported by the command, with 'status ID --trace' for its
			// stack trace
			"logging.level.org.springframework.batch.core.step.AbstractStep", "OFF",
			// so is a run that lost its database connection, in one line, without the
			// traces these log
			"logging.level.org.springframework.batch.core.step.tasklet.TaskletStep", "OFF",
			"logging.level.org.springframework.transaction", "OFF",
			"logging.level.org.springframework.batch.core.job.AbstractJob", "OFF", "logging.level.com.zaxxer.hikari",
			"ERROR",
			// the command says when it marked an execution left running FAILED
			"logging.level.dev.mastodonmaintenance.boot.support.DefaultMastodonMaintenance", "ERROR",
			// a context that fails to start is reported by the command, in one line
			"logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext", "ERROR",
			"spring.main.banner-mode", "off",
			// none of what only the server uses (CommandLineAutoConfigurationFilter)
			CommandLineAutoConfigurationFilter.COMMAND_LINE, "true");

	/**
	 * Who the command line's state changes are recorded as: the operating system's user.
	 */
	private static final String MODE = "mastodon.maintenance.partitioning.mode";

	private static final String OPERATOR = System.getProperty("user.name") + " (command line)";

	private final Class<?> application;

	private final Supplier<String[]> springArguments;

	private final PrintWriter notices;

	private @Nullable ConfigurableApplicationContext context;

	// whether the command is 'worker'
	private boolean worker;

	// whether another command found a worker's configuration
	private boolean workerConfigured;

	/**
	 * Creates the lazy application.
	 * @param application the Spring Boot application to start
	 * @param springArguments the arguments meant for Spring ({@code --name=value},
	 * {@code --mastodon-env=...}), known once the command line is parsed
	 * @param notices where to say that the demo is used: standard error, so that a
	 * command's results are alone on standard output
	 */
	LazyApplication(Class<?> application, Supplier<String[]> springArguments, PrintWriter notices) {
		this.application = application;
		this.springArguments = springArguments;
		this.notices = notices;
	}

	/**
	 * The facade, starting the application without a web server on first use.
	 * @param newRun whether the command starts a new run: the demo then adds a generation
	 * of data, so that the run finds work
	 * @return the facade
	 */
	MastodonMaintenance maintenance(boolean newRun) {
		Map<String, Object> defaults = new HashMap<>(COMMAND_DEFAULTS);
		defaults.put(DemoConfiguration.SEED, newRun);
		ConfigurableApplicationContext context = context(WebApplicationType.NONE, defaults);
		return context.getBean(OperatorActions.class).by(context.getBean(MastodonMaintenance.class), OPERATOR);
	}

	/**
	 * The Spring Boot application this starts.
	 * @return its class
	 */
	Class<?> application() {
		return this.application;
	}

	/**
	 * A bean of the application, which {@link #maintenance} has started.
	 * @param <T> its type
	 * @param name its name
	 * @param type its type
	 * @return the bean
	 */
	<T> T bean(String name, Class<T> type) {
		if (this.context == null) {
			throw new IllegalStateException("The application has not started");
		}
		return this.context.getBean(name, type);
	}

	/**
	 * A bean of the application, which {@link #maintenance} has started, when it has one.
	 * @param <T> its type
	 * @param type its type
	 * @return the bean, {@code null} when there is none
	 */
	<T> @Nullable T optionalBean(Class<T> type) {
		if (this.context == null) {
			throw new IllegalStateException("The application has not started");
		}
		return this.context.getBeanProvider(type).getIfAvailable();
	}

	/**
	 * What operators did to executions, starting the application as {@link #maintenance}
	 * does.
	 * @return the record
	 */
	OperatorActions operatorActions() {
		maintenance(false);
		return Objects.requireNonNull(this.context).getBean(OperatorActions.class);
	}

	/**
	 * Starts the application with its web server and the console, listening on the
	 * loopback unless {@code server.address} says otherwise.
	 * @return the running application
	 */
	ConfigurableApplicationContext serve() {
		return context(WebApplicationType.SERVLET,
				Map.of("mastodon.maintenance.console.enabled", "true", "server.address", "127.0.0.1"));
	}

	/**
	 * Starts the application, without a web server, as a worker of remote partitioning,
	 * saying what it does in the log.
	 * @param settings {@code --mastodon.maintenance.partitioning.*} arguments, which win
	 * over the environment
	 * @return the running application
	 * @throws CliException when the configuration says another mode
	 */
	ConfigurableApplicationContext worker(List<String> settings) {
		Map<String, Object> defaults = new HashMap<>(COMMAND_DEFAULTS);
		defaults.put(MODE, "worker");
		defaults.put("logging.level.dev.mastodonmaintenance.boot.partition", "INFO");
		this.worker = true;
		return context(WebApplicationType.NONE, defaults, settings);
	}

	/**
	 * Refuses to start runs on a worker node.
	 * @throws CliException when {@code mastodon.maintenance.partitioning.mode} is worker
	 */
	void refuseOnWorker() {
		if (this.workerConfigured) {
			throw new CliException(MODE + " is worker: this node runs the partitions managers send ('worker'); "
					+ "start runs on a manager or a local node");
		}
	}

	private ConfigurableApplicationContext context(WebApplicationType type, Map<String, Object> defaults) {
		return context(type, defaults, List.of());
	}

	private ConfigurableApplicationContext context(WebApplicationType type, Map<String, Object> defaults,
			List<String> extraArguments) {
		if (this.context == null) {
			silenceStartupFailures();
			List<String> arguments = new ArrayList<>(List.of(this.springArguments.get()));
			arguments.addAll(extraArguments);
			this.context = new SpringApplicationBuilder(this.application).web(type)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(type != WebApplicationType.NONE)
				.properties(defaults)
				.listeners(this::checkMode)
				.run(arguments.toArray(String[]::new));
			this.context.getBeanProvider(DemoInstance.class).ifAvailable(this::announce);
		}
		return this.context;
	}

	/**
	 * A start that fails is reported by the command line, in one line: Spring Boot's own
	 * report (a stack trace, or a failure analysis) is turned off. The levels are set
	 * before Boot's logging starts, since a configuration error stops the start before it
	 * does; the properties of the same names keep them off once it has.
	 */
	private static void silenceStartupFailures() {
		LoggingSystem logging = LoggingSystem.get(LazyApplication.class.getClassLoader());
		logging.setLogLevel(SpringApplication.class.getName(), LogLevel.OFF);
		logging.setLogLevel(LoggingFailureAnalysisReporter.class.getName(), LogLevel.OFF);
	}

	/**
	 * Keeps the modes of remote partitioning apart: only {@code worker} runs a worker
	 * (another command on a node configured as one runs in local mode, so that it takes
	 * no partition, and a run is refused), and {@code worker} refuses another mode.
	 */
	private void checkMode(ApplicationEvent event) {
		if (!(event instanceof ApplicationEnvironmentPreparedEvent prepared)) {
			return;
		}
		ConfigurableEnvironment environment = prepared.getEnvironment();
		String mode = environment.getProperty(MODE, "local");
		if (this.worker && !mode.equalsIgnoreCase("worker")) {
			throw new CliException(MODE + " is " + mode + " (from the environment or an argument), but 'worker' "
					+ "runs a worker: unset it, or set it to worker");
		}
		if (!this.worker && mode.equalsIgnoreCase("worker")) {
			this.workerConfigured = true;
			environment.getPropertySources().addFirst(new MapPropertySource("commandMode", Map.of(MODE, "local")));
		}
	}

	private void announce(DemoInstance demo) {
		List<String> lines = demo.describe();
		lines.forEach(this.notices::println);
		this.notices.flush();
	}

	@Override
	public void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

}
