package dev.mastodonmaintenance.operator.config;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps passwords out of what the tool prints and logs: a URL in an error message is
 * shown with the password of its user information and the values of its query parameters
 * replaced by {@code ****}, but for those that are never secret ({@code sslmode},
 * {@code host}...). Works on text that is not a valid URL too (that is when it is shown),
 * erring on the side of hiding more.
 */
final class SecretRedaction {

	private static final String HIDDEN = "****";

	private static final Set<String> PLAIN_PARAMETERS = Set.of("sslmode", "host", "port", "dbname", "user",
			"application_name", "connect_timeout", "sslrootcert", "sslcert", "sslkey");

	private SecretRedaction() {
	}

	/**
	 * A URL as it may be shown:
	 * {@code postgres://mastodon:****@db/mastodon_production?sslmode=require}.
	 * <p>
	 * The user information runs to the last {@code @} of the text, since a password may
	 * hold an unescaped {@code @}, {@code /} or space. Without a {@code :} it is a
	 * PostgreSQL user name, shown, but a Redis password, hidden.
	 * @param url the text given as a URL
	 * @return the text without its secrets
	 */
	static String url(String url) {
		int question = url.indexOf('?');
		String query = (question >= 0) ? url.substring(question + 1) : null;
		String rest = (question >= 0) ? url.substring(0, question) : url;
		int start = rest.indexOf("://");
		start = (start >= 0) ? start + 3 : 0;
		int at = rest.lastIndexOf('@');
		String redacted = rest;
		if (at >= start) {
			String userInfo = rest.substring(start, at);
			int colon = userInfo.indexOf(':');
			String shown = (colon >= 0) ? userInfo.substring(0, colon + 1) + HIDDEN
					: rest.startsWith("postgres") ? userInfo : HIDDEN;
			redacted = rest.substring(0, start) + shown + rest.substring(at);
		}
		return (query != null) ? redacted + "?" + query(query) : redacted;
	}

	private static String query(String query) {
		return Stream.of(query.split("&", -1)).map((pair) -> {
			int equals = pair.indexOf('=');
			if (equals < 0) {
				return pair.isEmpty() ? pair : HIDDEN;
			}
			String name = pair.substring(0, equals);
			return PLAIN_PARAMETERS.contains(name) ? pair : name + "=" + HIDDEN;
		}).collect(Collectors.joining("&"));
	}

}
