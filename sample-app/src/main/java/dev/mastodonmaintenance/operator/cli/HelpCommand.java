package dev.mastodonmaintenance.operator.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code help [COMMAND...]}, as tootctl's {@code help media remove}: the help of a
 * command at any depth.
 */
@Command(name = "help", helpCommand = true,
		description = "Show the help of a command, such as 'help media remove', or of the tool.")
final class HelpCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, as typed: media remove.")
	List<String> command = new ArrayList<>();

	@Override
	public void run() {
		CommandLine target = this.spec.parent().commandLine();
		for (String name : this.command) {
			CommandLine sub = target.getSubcommands().get(name);
			if (sub == null) {
				throw new ParameterException(target, "Unknown command: '" + String.join(" ", this.command) + "'");
			}
			target = sub;
		}
		target.usage(this.spec.commandLine().getOut());
	}

}
