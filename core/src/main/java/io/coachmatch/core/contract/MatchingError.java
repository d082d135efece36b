package io.coachmatch.core.contract;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a request that could not be matched, on {@code matching-errors}.
 *
 * @param requestId null when it could not be read from the payload
 * @param source    null when the request did not come from Kafka
 */
public record MatchingError(
        String requestId,
        ErrorCode errorCode,
        String message,
        List<ErrorDetail> details,
        boolean retryable,
        Instant occurredAt,
        ErrorSource source) {

    public MatchingError withSource(ErrorSource newSource) {
        return new MatchingError(requestId, errorCode, message, details, retryable, occurredAt, newSource);
    }
}
