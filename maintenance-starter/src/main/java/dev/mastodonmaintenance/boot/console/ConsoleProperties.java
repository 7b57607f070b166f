package dev.mastodonmaintenance.boot.console;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the batch admin console.
 */
@ConfigurationProperties("mastodon.maintenance.console")
public class ConsoleProperties {

	/**
	 * Whether to serve the console. It needs a servlet web application with Thymeleaf,
	 * and Spring Security unless allow-unauthenticated-behind-proxy is set.
	 */
	private boolean enabled;

	/**
	 * Path the console is served under.
	 */
	private String path = "/maintenance";

	/**
	 * Role a user needs to see the console and act on runs (without the ROLE_ prefix).
	 */
	private String role = "MAINTENANCE";

	/**
	 * Whether to serve the console without Spring Security, because another guard in
	 * front of the application (an authenticating reverse proxy) lets only operators
	 * through. Anyone who reaches the application can then start and abandon runs.
	 */
	private boolean allowUnauthenticatedBehindProxy;

	/**
	 * A notice shown at the top of every page, such as which database this console works
	 * on.
	 */
	private @Nullable String notice;

	/**
	 * How many of the latest executions the history plot shows.
	 */
	private int historySize = 60;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		String trimmed = path.strip();
		if (!trimmed.startsWith("/")) {
			trimmed = "/" + trimmed;
		}
		while (trimmed.length() > 1 && trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		if (trimmed.equals("/")) {
			throw new IllegalArgumentException("mastodon.maintenance.console.path must not be the root path '/': the "
					+ "console secures everything under its path");
		}
		this.path = trimmed;
	}

	public String getRole() {
		return this.role;
	}

	public void setRole(String role) {
		this.role = role.startsWith("ROLE_") ? role.substring("ROLE_".length()) : role;
	}

	public boolean isAllowUnauthenticatedBehindProxy() {
		return this.allowUnauthenticatedBehindProxy;
	}

	public void setAllowUnauthenticatedBehindProxy(boolean allowUnauthenticatedBehindProxy) {
		this.allowUnauthenticatedBehindProxy = allowUnauthenticatedBehindProxy;
	}

	public @Nullable String getNotice() {
		return this.notice;
	}

	public void setNotice(@Nullable String notice) {
		this.notice = notice;
	}

	public int getHistorySize() {
		return this.historySize;
	}

	public void setHistorySize(int historySize) {
		if (historySize < 1 || historySize > 500) {
			throw new IllegalArgumentException(
					"mastodon.maintenance.console.history-size must be from 1 to 500, not " + historySize);
		}
		this.historySize = historySize;
	}

}
