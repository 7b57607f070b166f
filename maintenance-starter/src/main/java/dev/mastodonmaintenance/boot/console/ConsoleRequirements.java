package dev.mastodonmaintenance.boot.console;

import org.springframework.util.ClassUtils;

/**
 * Checks at startup what the console's pages need, so that an enabled console that cannot
 * work stops the application with a message, rather than answering with errors later.
 */
final class ConsoleRequirements {

	ConsoleRequirements(ConsoleProperties properties) {
		if (!ClassUtils.isPresent("org.thymeleaf.spring6.SpringTemplateEngine", getClass().getClassLoader())) {
			throw new IllegalStateException("The Mastodon Maintenance console is enabled "
					+ "(mastodon.maintenance.console.enabled=true) but Thymeleaf, which renders its pages, is not on "
					+ "the classpath: add spring-boot-starter-thymeleaf");
		}
	}

}
