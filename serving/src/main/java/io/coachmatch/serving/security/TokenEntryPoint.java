package io.coachmatch.serving.security;

import io.coachmatch.serving.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request without the token its path needs: 401, {@code WWW-Authenticate: Bearer realm="..."} and a
 * problem detail that names the variable to set. Logs the refusal, never the header.
 */
final class TokenEntryPoint implements AuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(TokenEntryPoint.class);

    private final String realm;
    private final boolean enabled;
    private final String howToCall;
    private final String howToEnable;
    private final ProblemResponses problems;

    /**
     * @param enabled     whether a token that opens this area is configured
     * @param howToCall   the detail when it is: which header to send
     * @param howToEnable the detail when it is not: which variable to set
     */
    TokenEntryPoint(String realm, boolean enabled, String howToCall, String howToEnable, ProblemResponses problems) {
        this.realm = realm;
        this.enabled = enabled;
        this.howToCall = howToCall;
        this.howToEnable = howToEnable;
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String header = request.getHeader("Authorization");
        String why = !enabled
                ? "disabled, " + howToEnable
                : header == null
                        ? "no Authorization header"
                        : e instanceof BadCredentialsException
                                ? "wrong token"
                                : header.startsWith("Bearer ")
                                        ? "a token that does not open this path"
                                        : "not a Bearer token";
        log.warn(
                "Refused {} {} from {}: {}",
                request.getMethod(),
                request.getRequestURI(),
                request.getRemoteAddr(),
                why);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, enabled ? howToCall : howToEnable);
    }
}
