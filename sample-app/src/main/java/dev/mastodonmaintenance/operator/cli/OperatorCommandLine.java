package dev.mastodonmaintenance.operator.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mastodonmaintenance.boot.MaintenanceException;
import dev.mastodonmaintenance.operator.config.MastodonEnvironmentPostProcessor;
import org.springframework.beans.BeansException;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Runs one command line: the Spring properties ({@code --name.with.dots=value}) go to the
 * application, the rest is the command, parsed and checked before the application starts
 * so that a typo costs nothing. Every error is one {@code Error:} line on standard error
 * (with its stack trace under {@code --trace}).
 */
public final class OperatorCommandLine {

	private static final Pattern PEER_REFUSAL = Pattern.compile("Peer authentication failed for user \"([^\"]+)\"");

	private OperatorCommandLine() {
	}

	/**
	 * Runs a command line.
	 * @param application the Spring Boot application the commands start
	 * @param args the arguments
	 * @param out where results go
	 * @param err where errors go
	 * @param terminal whether {@code out} is a terminal, which gets progress bars
	 * @param poll how often a running execution's progress is read
	 * @return the exit status
	 */
	public static int execute(Class<?> application, String[] args, PrintWriter out, PrintWriter err, boolean terminal,
			Duration poll) {
		List<String> spring = new ArrayList<>();
		List<String> command = new ArrayList<>();
		split(args, spring, command);
		RootCommand root = new RootCommand();
		try (LazyApplication session = new LazyApplication(application, () -> springArguments(spring, root), err)) {
			CommandContext cli = new CommandContext(session, out, err, terminal, poll, () -> root.trace);
			CommandLine commandLine = commandLine(root, cli);
			commandLine.setOut(out);
			commandLine.setErr(err);
			commandLine.setParameterExceptionHandler((ex, arguments) -> {
				err.println(
						"Error: " + optionMessage(ex) + " (see: " + helpHint(ex.getCommandLine(), application) + ")");
				if (root.trace) {
					ex.printStackTrace(err);
				}
				err.flush();
				return ExitCodes.REFUSED;
			});
			commandLine.setExecutionExceptionHandler((ex, line, parsed) -> {
				err.println(message(ex));
				if (root.trace) {
					ex.printStackTrace(err);
				}
				err.flush();
				return ExitCodes.REFUSED;
			});
			commandLine.setExecutionStrategy((parsed) -> {
				if (!keepsC2(parsed)) {
					ShortProcessCompilation.applyMeanwhile();
				}
				return new CommandLine.RunLast().execute(parsed);
			});
			int status = commandLine.execute(command.toArray(String[]::new));
			out.flush();
			err.flush();
			return status;
		}
	}

	// Where HotSpot's optimizing compiler pays for itself: commands that run for
	// days, and those whose work is in the JVM rather than in the database, reading
	// a bucket's listing (remove-orphans, alone or in a run of every level): with C1
	// alone, ours with 4 partitions took 40-42 s against 32-35 s at 1M objects
	// (docs/benchmarks/media-remove-orphans.md)
	private static boolean keepsC2(CommandLine.ParseResult parsed) {
		List<CommandLine> commands = parsed.asCommandLineList();
		Object command = commands.get(commands.size() - 1).getCommand();
		return command instanceof ServeCommand || command instanceof WorkerCommand
				|| command instanceof MediaCommands.RemoveOrphans || command instanceof RunCommand;
	}

	/**
	 * The command line's model, with tootctl's defaults and, when run from a jar, the
	 * jar's invocation in the help of every command.
	 * @param root the root command
	 * @param cli what the commands share
	 * @return the command line
	 */
	static CommandLine commandLine(RootCommand root, CommandContext cli) {
		CommandLine commandLine = new CommandLine(root, factory(cli));
		commandLine.setDefaultValueProvider(new TootctlDefaults());
		commandLine.setUsageHelpWidth(100);
		String jar = ProgramName.jarInvocation(cli.application());
		for (CommandLine line : withSubcommands(commandLine)) {
			// a command's own options first, in the order they are declared, then those
			// every command takes
			UsageMessageSpec usage = line.getCommandSpec()
				.usageMessage()
				.sortOptions(false)
				.descriptionHeading("%n")
				.parameterListHeading("%nParameters:%n")
				.optionListHeading("%nOptions:%n")
				.commandListHeading("%nCommands:%n");
			if (jar != null) {
				List<String> footer = new ArrayList<>(List.of(usage.footer()));
				footer.add("");
				footer.add("From the jar: " + jar
						+ line.getCommandSpec().qualifiedName().substring(ProgramName.NAME.length())
						+ (line.getSubcommands().isEmpty() ? " [OPTIONS]" : " COMMAND"));
				usage.footer(footer.toArray(String[]::new));
			}
		}
		return commandLine;
	}

	/**
	 * A command line and its subcommands, depth first, each once (aliases name the same
	 * command).
	 * @param commandLine the top
	 * @return it and every command below it
	 */
	static List<CommandLine> withSubcommands(CommandLine commandLine) {
		List<CommandLine> all = new ArrayList<>(List.of(commandLine));
		commandLine.getSubcommands().values().stream().distinct().forEach((sub) -> all.addAll(withSubcommands(sub)));
		return all;
	}

	static void split(String[] args, List<String> spring, List<String> command) {
		for (String arg : args) {
			(isSpringProperty(arg) ? spring : command).add(arg);
		}
	}

	private static boolean isSpringProperty(String arg) {
		int equals = arg.indexOf('=');
		return arg.startsWith("--") && equals > 2 && arg.substring(2, equals).contains(".");
	}

	private static String[] springArguments(List<String> spring, RootCommand root) {
		List<String> arguments = new ArrayList<>(spring);
		if (root.mastodonEnv != null) {
			arguments.add("--" + MastodonEnvironmentPostProcessor.ENV_FILE_PROPERTY + "=" + root.mastodonEnv);
		}
		if (root.demo) {
			arguments.add("--" + MastodonEnvironmentPostProcessor.DEMO + "=true");
		}
		return arguments.toArray(String[]::new);
	}

	/**
	 * What was wrong on the command line: a value the parser refused is named by its
	 * option ({@code --concurrency: must be a whole number >= 1}).
	 */
	private static String optionMessage(ParameterException ex) {
		if (ex.getCause() instanceof TypeConversionException conversion && ex.getArgSpec() != null) {
			String name = (ex.getArgSpec() instanceof OptionSpec option) ? option.longestName()
					: ex.getArgSpec().paramLabel();
			return name + ": " + conversion.getMessage();
		}
		return ex.getMessage();
	}

	private static String helpHint(CommandLine commandLine, Class<?> application) {
		String name = commandLine.getCommandSpec().qualifiedName();
		String jar = ProgramName.jarInvocation(application);
		return name + " --help" + ((jar != null)
				? ", from the jar: " + jar + name.substring(ProgramName.NAME.length()) + " --help" : "");
	}

	/**
	 * The line for the operator: a refusal's own message; else the first exception below
	 * Spring's bean-creation wrappers (ours name what is wrong: a malformed variable, a
	 * demo directory in use), with the root cause when it is the database's or the
	 * network's answer (the connection that was refused). Other causes are left out: a
	 * parser's exception may repeat the input, passwords included.
	 */
	static String message(Throwable ex) {
		return "Error: " + describe(ex);
	}

	/**
	 * What went wrong, as {@link #message} says it without its {@code Error:} prefix, for
	 * a line that says more around it.
	 */
	static String describe(Throwable ex) {
		if (ex instanceof MaintenanceException || ex instanceof CliException) {
			return String.valueOf(ex.getMessage());
		}
		Throwable first = ex;
		while (first instanceof BeansException && first.getCause() != null) {
			first = first.getCause();
		}
		String message = text(first);
		Throwable root = rootCause(first);
		if (root != first && (root instanceof SQLException || root instanceof IOException)
				&& !message.contains(text(root))) {
			message = message + " (cause: " + text(root) + ")";
		}
		return message + peerAuthenticationHint(root);
	}

	// Mastodon's standard install reaches PostgreSQL through its Unix socket with peer
	// authentication, which admits a role only from the operating system user of the
	// same name; the refusal alone does not say who to be (an operator running the
	// command as root, say).
	private static String peerAuthenticationHint(Throwable root) {
		Matcher refusal = PEER_REFUSAL.matcher(text(root));
		if (!(root instanceof SQLException) || !refusal.find()) {
			return "";
		}
		String role = refusal.group(1);
		return ". Through the Unix socket PostgreSQL admits the role " + role + " only from the operating system user "
				+ role + ": run the command as that user, as tootctl is run (sudo -u " + role
				+ " mastodon-maintenance ...)";
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	/** The first line of a message: some (Flyway's) add a table of details below it. */
	private static String text(Throwable ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		return message.lines().findFirst().orElse(message).strip();
	}

	private static CommandLine.IFactory factory(CommandContext cli) {
		CommandLine.IFactory fallback = CommandLine.defaultFactory();
		return new CommandLine.IFactory() {

			@Override
			public <K> K create(Class<K> type) throws Exception {
				for (Constructor<?> constructor : type.getDeclaredConstructors()) {
					if (constructor.getParameterCount() == 1
							&& constructor.getParameterTypes()[0] == CommandContext.class) {
						constructor.setAccessible(true);
						return type.cast(constructor.newInstance(cli));
					}
				}
				return fallback.create(type);
			}

		};
	}

}
