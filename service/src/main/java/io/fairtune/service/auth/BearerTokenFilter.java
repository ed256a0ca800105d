package io.fairtune.service.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code /api/**} call needs {@code Authorization: Bearer <token>}. Worker tokens may only use the
 * attempt API; the other roles everything else for now. Tokens travel in a header, never a cookie, so there
 * is no CSRF surface.
 */
@Component
class BearerTokenFilter extends OncePerRequestFilter {

    private static final Pattern ATTEMPT_API = Pattern.compile("^/api/v1/trials/\\d+/attempts(/.*)?$");

    private final TokenService tokens;

    BearerTokenFilter(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !path(request).startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        Optional<Caller> caller = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? tokens.authenticate(header.substring(7).trim())
                : Optional.empty();
        if (caller.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            problem(response, 401, "Unauthorized", "send Authorization: Bearer <token>");
            return;
        }
        boolean attemptApi = ATTEMPT_API.matcher(path(request)).matches();
        Role role = caller.get().role();
        if ((role == Role.WORKER && !attemptApi) || (attemptApi && role != Role.WORKER && role != Role.ADMIN)) {
            problem(response, 403, "Forbidden", "a " + role.name().toLowerCase() + " token cannot call this");
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }
}
