package io.coachmatch.serving.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problem details from servlet filters, where Spring MVC's exception handling does not reach,
 * through the same JSON configuration as the controllers' problems. The answer is flushed at once: a filter
 * that refuses a request has not read its body, and the server drains what is left of it only after the
 * answer went out (or closes the connection when there is too much), so the client always gets the answer.
 */
public final class ProblemResponses {

    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        write(request, response, ProblemDetails.of(status, detail));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (problem.getInstance() == null) {
            URI instance = instance(request);
            if (instance != null) {
                problem.setInstance(instance);
            }
        }
        response.setStatus(problem.getStatus());
        response.setContentType("application/problem+json");
        json.writeValue(response.getOutputStream(), problem);
        response.flushBuffer();
    }

    /** The path asked for, when it is a well-formed URI (a rejected one may not be). */
    private static URI instance(HttpServletRequest request) {
        try {
            return new URI(request.getRequestURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
