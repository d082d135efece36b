package io.coachmatch.serving.admin;

import io.coachmatch.serving.config.AdminSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /admin/**}: only {@code Authorization: Bearer <ADMIN_TOKEN>} passes, compared in
 * constant time. With no token configured every admin call is refused. The token is never logged.
 */
class AdminTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenFilter.class);

    private final byte[] expected;

    AdminTokenFilter(AdminSettings settings) {
        this.expected = settings.enabled() ? ("Bearer " + settings.token()).getBytes(StandardCharsets.UTF_8) : null;
        if (expected == null) {
            log.warn("ADMIN_TOKEN is unset: /admin/** answers 401. Set ADMIN_TOKEN=<a secret> to enable it.");
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/admin") || path.startsWith("/admin/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        boolean ok = expected != null && header != null
                && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            log.warn("Refused {} {} from {}: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(),
                    expected == null ? "admin endpoints are disabled (ADMIN_TOKEN unset)"
                            : header == null ? "no Authorization header" : "wrong token");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"coachmatch-admin\"");
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"" + (expected == null ? "admin endpoints are disabled: set ADMIN_TOKEN"
                    : "send Authorization: Bearer <ADMIN_TOKEN>") + "\",\"instance\":\"" + request.getRequestURI()
                    .replaceAll("[\"\\\\]", "") + "\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
