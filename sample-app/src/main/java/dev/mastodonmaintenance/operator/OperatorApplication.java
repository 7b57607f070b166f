package dev.mastodonmaintenance.operator;

import java.io.PrintWriter;
import java.time.Duration;

import dev.mastodonmaintenance.operator.cli.OperatorCommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The operator's tool: {@code java -jar sample-app.jar COMMAND}, see {@code --help}.
 */
@SpringBootApplication
public class OperatorApplication {

	public static void main(String[] args) {
		PrintWriter out = new PrintWriter(System.out, true);
		PrintWriter err = new PrintWriter(System.err, true);
		int status = OperatorCommandLine.execute(OperatorApplication.class, args, out, err, System.console() != null,
				Duration.ofMillis(250));
		System.exit(status);
	}

}
