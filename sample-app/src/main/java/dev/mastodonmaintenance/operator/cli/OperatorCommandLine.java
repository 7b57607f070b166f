package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.boot.MaintenanceException;
import picocli.CommandLine;

/**
 * Runs one command line: the Spring properties ({@code --name.with.dots=value} and {@code --mastodon-env}) go to
 * the application, the rest is the command, parsed before the application starts so that a typo costs nothing.
 */
public final class OperatorCommandLine {

	private OperatorCommandLine() {
	}

	/**
	 * Runs a command line.
	 * @param args the arguments
	 * @param out where results go
	 * @param err where errors go
	 * @param terminal whether {@code out} is a terminal, which gets progress bars
	 * @param poll how often a running execution's progress is read
	 * @return the exit status
	 */
	public static int execute(String[] args, PrintWriter out, PrintWriter err, boolean terminal, Duration poll) {
		List<String> spring = new ArrayList<>();
		List<String> command = new ArrayList<>();
		split(args, spring, command);
		try (Session session = new Session(spring.toArray(String[]::new), out)) {
			Cli cli = new Cli(session, out, err, terminal, poll);
			CommandLine commandLine = new CommandLine(new OperatorCommand(), factory(cli));
			commandLine.setOut(out);
			commandLine.setErr(err);
			commandLine.setParameterExceptionHandler((ex, arguments) -> {
				err.println(ex.getMessage());
				err.println("See: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help");
				err.flush();
				return ExitCodes.REFUSED;
			});
			commandLine.setExecutionExceptionHandler((ex, line, parsed) -> {
				err.println(message(ex));
				err.flush();
				return ExitCodes.REFUSED;
			});
			int status = commandLine.execute(command.toArray(String[]::new));
			out.flush();
			err.flush();
			return status;
		}
	}

	static void split(String[] args, List<String> spring, List<String> command) {
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--mastodon-env") && i + 1 < args.length) {
				spring.add("--mastodon-env=" + args[++i]);
			}
			else if (arg.startsWith("--mastodon-env=") || isSpringProperty(arg)) {
				spring.add(arg);
			}
			else {
				command.add(arg);
			}
		}
	}

	private static boolean isSpringProperty(String arg) {
		int equals = arg.indexOf('=');
		return arg.startsWith("--") && equals > 2 && arg.substring(2, equals).contains(".");
	}

	/**
	 * The message for the operator: a refusal's own, else the root cause's, which names what is wrong
	 * (a malformed variable, an unreachable database) better than the layers above it.
	 */
	private static String message(Throwable ex) {
		if (ex instanceof MaintenanceException || ex instanceof CliException) {
			return ex.getMessage();
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.toString();
		return "Error: " + message;
	}

	private static CommandLine.IFactory factory(Cli cli) {
		CommandLine.IFactory fallback = CommandLine.defaultFactory();
		return new CommandLine.IFactory() {

			@Override
			public <K> K create(Class<K> type) throws Exception {
				for (Constructor<?> constructor : type.getDeclaredConstructors()) {
					if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Cli.class) {
						constructor.setAccessible(true);
						return type.cast(constructor.newInstance(cli));
					}
				}
				return fallback.create(type);
			}

		};
	}

}
