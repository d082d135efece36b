package io.coachmatch.serving.web;

import io.coachmatch.core.contract.ErrorCode;
import io.coachmatch.core.contract.MatchingError;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A contract error answered over REST as an RFC 9457 problem, carrying the contract's fields. */
class ApiProblem extends ErrorResponseException {

    ApiProblem(HttpStatus status, MatchingError error) {
        super(status, body(status, error), null);
    }

    private static ProblemDetail body(HttpStatus status, MatchingError error) {
        // An internal error's message may name what failed inside (the log has it): the answer says only that.
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, error.errorCode() == ErrorCode.INTERNAL_ERROR
                ? "the request could not be answered; try again" : error.message());
        p.setTitle(error.errorCode().name());
        p.setType(URI.create("https://coachmatch.io/errors/" + error.errorCode().name().toLowerCase().replace('_', '-')));
        p.setProperty("error_code", error.errorCode().name());
        p.setProperty("request_id", error.requestId());
        p.setProperty("retryable", error.retryable());
        p.setProperty("details", error.details() == null ? java.util.List.of() : error.details().stream()
                .map(d -> java.util.Map.of("field", String.valueOf(d.field()), "problem", String.valueOf(d.problem())))
                .toList());
        return p;
    }

    static HttpStatus statusOf(MatchingError e) {
        return switch (e.errorCode()) {
            case MALFORMED_JSON, INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
            case PAYLOAD_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case NO_COACHES_AVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
