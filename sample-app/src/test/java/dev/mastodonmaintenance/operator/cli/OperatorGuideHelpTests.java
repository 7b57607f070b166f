package dev.mastodonmaintenance.operator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.mastodonmaintenance.operator.OperatorApplication;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator guide shows the help of every command as the tool prints it: this test
 * renders each command's help and fails when the guide's copy differs, so that the guide
 * cannot drift. With {@code -Ddocs.regenerate=true} it rewrites the guide's copy instead.
 */
class OperatorGuideHelpTests {

	private static final Path GUIDE = Path.of("..", "docs", "operator-guide.md");

	static final String BEGIN = "<!-- every command's help, written by OperatorGuideHelpTests (-Ddocs.regenerate=true) -->";

	static final String END = "<!-- end of every command's help -->";

	@Test
	void guideShowsTheHelpOfEveryCommand() throws Exception {
		String guide = Files.readString(GUIDE);
		int begin = guide.indexOf(BEGIN);
		int end = guide.indexOf(END);
		assertThat(begin).as("the guide's markers").isNotNegative().isLessThan(end);
		String current = guide.substring(0, begin + BEGIN.length()) + "\n\n" + helpOfEveryCommand()
				+ guide.substring(end);
		if (Boolean.getBoolean("docs.regenerate")) {
			Files.writeString(GUIDE, current);
			guide = current;
		}

		assertThat(guide)
			.as("docs/operator-guide.md shows an outdated help; regenerate it with "
					+ "-Dtest=OperatorGuideHelpTests -Ddocs.regenerate=true")
			.isEqualTo(current);
	}

	/**
	 * Each command's help under a heading of its own, as {@code help COMMAND} prints it.
	 */
	static String helpOfEveryCommand() {
		StringBuilder doc = new StringBuilder();
		for (CommandLine command : OperatorCommandLine.withSubcommands(commandLine())) {
			StringWriter usage = new StringWriter();
			command.usage(new PrintWriter(usage, true));
			doc.append("#### `").append(command.getCommandSpec().qualifiedName()).append("`\n\n```text\n");
			doc.append(usage.toString().stripTrailing()).append("\n```\n\n");
		}
		return doc.toString();
	}

	static CommandLine commandLine() {
		StringWriter out = new StringWriter();
		PrintWriter writer = new PrintWriter(out, true);
		LazyApplication session = new LazyApplication(OperatorApplication.class, () -> new String[0], writer);
		return OperatorCommandLine.commandLine(new RootCommand(),
				new CommandContext(session, writer, writer, false, Duration.ZERO, () -> false));
	}

}
