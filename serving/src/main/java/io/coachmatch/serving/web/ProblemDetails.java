package io.coachmatch.serving.web;

import io.coachmatch.core.contract.ErrorCode;
import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.contract.MatchingError;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The one place RFC 9457 problem details are built, whoever answers with one: controllers (by throwing
 * {@link #exception}), servlet filters and Spring Security (through {@link ProblemResponses}). A problem names
 * what was wrong in {@code detail} and, when there are fields to name, in {@code details} as
 * {@code [{field, problem}]}; a contract error adds the contract's {@code error_code}, {@code request_id} and
 * {@code retryable}.
 */
public final class ProblemDetails {

    private static final String TYPES = "https://coachmatch.io/errors/";

    private ProblemDetails() {}

    /** A problem with a status and a sentence. */
    public static ProblemDetail of(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }

    /** A problem that names the fields at fault. */
    public static ProblemDetail of(HttpStatus status, String detail, List<ErrorDetail> details) {
        ProblemDetail p = of(status, detail);
        p.setProperty("details", fields(details));
        return p;
    }

    /**
     * A contract error as a problem, with the contract's fields. An internal error's message may name what failed
     * inside (the log has it): the answer says only that it failed.
     */
    public static ProblemDetail of(MatchingError error) {
        HttpStatus status = statusOf(error);
        ProblemDetail p = of(
                status,
                error.errorCode() == ErrorCode.INTERNAL_ERROR
                        ? "the request could not be answered; try again"
                        : error.message(),
                error.details());
        p.setTitle(error.errorCode().name());
        p.setType(URI.create(TYPES + error.errorCode().name().toLowerCase().replace('_', '-')));
        p.setProperty("error_code", error.errorCode().name());
        p.setProperty("request_id", error.requestId());
        p.setProperty("retryable", error.retryable());
        return p;
    }

    /** What a controller throws to answer with a problem. */
    public static ErrorResponseException exception(ProblemDetail problem) {
        return new ErrorResponseException(HttpStatus.valueOf(problem.getStatus()), problem, null);
    }

    /** The HTTP status of a contract error. */
    public static HttpStatus statusOf(MatchingError e) {
        return switch (e.errorCode()) {
            case MALFORMED_JSON, INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
            case PAYLOAD_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case NO_COACHES_AVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    private static List<Map<String, String>> fields(List<ErrorDetail> details) {
        return details == null
                ? List.of()
                : details.stream()
                        .map(d -> Map.of("field", String.valueOf(d.field()), "problem", String.valueOf(d.problem())))
                        .toList();
    }
}
