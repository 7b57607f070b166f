package dev.mastodonmaintenance.boot.rest;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The API's answers to requests Spring Security refuses, and which requests need a CSRF
 * token.
 * <p>
 * A CSRF token protects what a browser sends on its own: its session cookie, or HTTP
 * Basic credentials it remembers. So a state change needs one when it comes with a
 * session, or with Basic credentials from another site's page
 * ({@code Sec-Fetch-Site: cross-site} or {@code same-site}); a script's Basic request (no
 * {@code Sec-Fetch-Site}, or the API's own origin) needs none, and a request with neither
 * is refused as unauthenticated. Refusals are problem documents written here, not error
 * pages: a refused request dispatched to {@code /error} would meet the application's own
 * security and come back as 401.
 */
final class RestSecurity {

	static boolean needsCsrfToken(HttpServletRequest request) {
		String method = request.getMethod();
		if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method)) {
			return false;
		}
		String authorization = request.getHeader("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			String site = request.getHeader("Sec-Fetch-Site");
			return site != null && !site.equals("same-origin") && !site.equals("none");
		}
		return request.getRequestedSessionId() != null;
	}

	void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		response.setHeader("WWW-Authenticate", "Basic realm=\"Mastodon Maintenance\"");
		problem(response, HttpStatus.UNAUTHORIZED, "Sign in with HTTP Basic (a user with the maintenance role)");
	}

	void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		problem(response, HttpStatus.FORBIDDEN, (ex instanceof CsrfException)
				? "CSRF token missing or invalid: a request with a session (or a browser's Basic credentials from "
						+ "another site) must send the token in the X-CSRF-TOKEN header; scripts use HTTP Basic "
						+ "without a session"
				: "This user may not use the maintenance API");
	}

	private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		response.setStatus(status.value());
		response.setCharacterEncoding("UTF-8");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter()
			.write("{\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value() + ",\"detail\":\""
					+ detail + "\"}");
	}

}
