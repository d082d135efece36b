package io.coachmatch.core.contract;

/** The contract's error codes, written on the wire as their names. */
public enum ErrorCode {
    /** The value is not JSON, or not a JSON object. */
    MALFORMED_JSON(false),
    /** JSON, but a field is missing, of the wrong type or out of range. */
    INVALID_REQUEST(false),
    /** The value is larger than the configured limit. */
    PAYLOAD_TOO_LARGE(false),
    /** The catalog is empty, so no request can be matched. */
    NO_COACHES_AVAILABLE(true),
    /** Anything else, after retries. */
    INTERNAL_ERROR(true);

    private final boolean retryable;

    ErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether sending the same request again may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
