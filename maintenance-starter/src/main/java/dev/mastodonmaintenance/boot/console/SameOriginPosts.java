package dev.mastodonmaintenance.boot.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Without Spring Security there is no CSRF token: a POST to the console is accepted only
 * when the browser says it comes from the console's own origin
 * ({@code Sec-Fetch-Site: same-origin}, else a matching {@code Origin} or {@code Referer}
 * header), so that another site cannot make an operator's browser start or abandon runs.
 */
final class SameOriginPosts implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		if (!"POST".equals(request.getMethod()) || sameOrigin(request)) {
			return true;
		}
		response.sendError(HttpStatus.FORBIDDEN.value(), "Cross-origin request refused");
		return false;
	}

	private static boolean sameOrigin(HttpServletRequest request) {
		String fetchSite = request.getHeader("Sec-Fetch-Site");
		if (fetchSite != null) {
			return fetchSite.equals("same-origin");
		}
		String origin = request.getHeader("Origin");
		if (origin == null) {
			origin = request.getHeader("Referer");
		}
		if (origin == null) {
			return false;
		}
		try {
			var uri = UriComponentsBuilder.fromUriString(origin).build();
			int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
			return request.getServerName().equalsIgnoreCase(uri.getHost()) && request.getServerPort() == port;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
