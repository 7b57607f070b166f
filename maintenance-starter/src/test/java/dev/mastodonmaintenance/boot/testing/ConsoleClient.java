package dev.mastodonmaintenance.boot.testing;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP client on a test server's console, as a browser uses it: it keeps cookies, does
 * not follow redirects, and signs in with the form's CSRF token.
 */
public final class ConsoleClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	/**
	 * A client of a server on loopback.
	 * @param port the server's port
	 */
	public ConsoleClient(int port) {
		this.base = "http://localhost:" + port;
	}

	public HttpResponse<String> get(String path) {
		return send(this.client, HttpRequest.newBuilder(URI.create(this.base + path)).GET().build());
	}

	public HttpResponse<String> post(String path, String form) {
		return send(this.client,
				HttpRequest.newBuilder(URI.create(this.base + path))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build());
	}

	/**
	 * Signs in through the console's form.
	 * @param user the user name
	 * @param password the password
	 * @return the form's answer
	 */
	public HttpResponse<String> signIn(String user, String password) {
		String token = csrf(get("/maintenance/login"));
		return post("/maintenance/login",
				"username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + token);
	}

	/**
	 * The CSRF token of a page's form, URL-encoded.
	 * @param page the page
	 * @return the token
	 */
	public String csrf(HttpResponse<String> page) {
		Matcher matcher = CSRF.matcher(page.body());
		assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
		return encode(matcher.group(1));
	}

	/**
	 * Sends a request, failing the test when it cannot be sent.
	 * @param client the client
	 * @param request the request
	 * @return the answer, its body as a string
	 */
	public static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	public static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * An HTTP Basic {@code Authorization} header's value.
	 * @param user the user name
	 * @param password the password
	 * @return {@code Basic <base64>}
	 */
	public static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
