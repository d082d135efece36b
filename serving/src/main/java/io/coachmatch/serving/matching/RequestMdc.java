package io.coachmatch.serving.matching;

import org.slf4j.MDC;

/**
 * What every log line about one request carries in the MDC, and so in the structured (JSON) log: {@code request_id},
 * {@code correlation_id} (the Kafka header, when the request had one), and once it is answered {@code model_version}
 * and {@code variant}. Set on the thread that answers the request and cleared when it is done.
 */
final class RequestMdc {

    static final String REQUEST_ID = "request_id";
    static final String CORRELATION_ID = "correlation_id";
    static final String MODEL_VERSION = "model_version";
    static final String VARIANT = "variant";

    private RequestMdc() {}

    static void request(String requestId, String correlationId) {
        put(REQUEST_ID, requestId);
        put(CORRELATION_ID, correlationId);
    }

    static void answeredBy(String modelVersion, String variant) {
        put(MODEL_VERSION, modelVersion);
        put(VARIANT, variant);
    }

    static void clear() {
        MDC.remove(REQUEST_ID);
        MDC.remove(CORRELATION_ID);
        MDC.remove(MODEL_VERSION);
        MDC.remove(VARIANT);
    }

    private static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }
}
