package dev.mastodonmaintenance.boot.signin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in attempt unchecked while {@link SignInThrottle} says its user or
 * address must wait: a form sign-in is sent back to the sign-in page
 * ({@code ?throttled}), an HTTP Basic request gets {@code 429 Too Many Requests} with
 * {@code Retry-After}. Placed before the filters that check passwords.
 */
public class SignInThrottleFilter extends OncePerRequestFilter {

	private final SignInThrottle throttle;

	private final @Nullable String loginPath;

	/**
	 * Creates the filter.
	 * @param throttle the failures counted so far
	 * @param loginPath the path form sign-ins are posted to, or {@code null} where only
	 * HTTP Basic is used
	 */
	public SignInThrottleFilter(SignInThrottle throttle, @Nullable String loginPath) {
		this.throttle = throttle;
		this.loginPath = loginPath;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean form = isFormSignIn(request);
		String user = form ? request.getParameter("username") : basicUser(request);
		if (user != null) {
			Duration wait = this.throttle.waitFor(user, request.getRemoteAddr());
			if (!wait.isZero()) {
				this.throttle.refused(user, request.getRemoteAddr(), wait);
				refuse(request, response, form, wait);
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private boolean isFormSignIn(HttpServletRequest request) {
		return this.loginPath != null && "POST".equals(request.getMethod())
				&& request.getRequestURI().equals(request.getContextPath() + this.loginPath);
	}

	private static @Nullable String basicUser(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = credentials.indexOf(':');
			return (colon >= 0) ? credentials.substring(0, colon) : null;
		}
		catch (IllegalArgumentException ex) {
			// not Base64: the Basic filter refuses it
			return null;
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, boolean form, Duration wait)
			throws IOException {
		long seconds = SignInThrottle.wholeSeconds(wait);
		if (form) {
			response.sendRedirect(request.getContextPath() + this.loginPath + "?throttled");
			return;
		}
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader("Retry-After", Long.toString(seconds));
		response.setCharacterEncoding("UTF-8");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter()
			.write("{\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"Too many failed sign-ins for this "
					+ "user or from this address: try again in " + seconds + " s\"}");
	}

}
