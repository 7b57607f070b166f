package dev.mastodonmaintenance.operator;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The operator's tool.
 */
@SpringBootApplication
public class OperatorApplication {

	public static void main(String[] args) {
	}

}
