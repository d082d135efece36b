package io.coachmatch.serving.matching;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Joins each request's trace: a span per request record, a child of the trace its headers carry (W3C
 * {@code traceparent}, as Micrometer Tracing propagates it), current while the request is answered (so its log lines
 * carry the trace and span ids), and written into the answer's headers, so the backend's span, ours and the answer
 * are one trace. Spring Kafka observes record listeners only; the request listener takes batches, hence this. With
 * tracing off ({@code management.tracing.enabled=false}) every call does nothing.
 */
@Component
class TracedRequests {

    private static final Propagator.Getter<Headers> GETTER = (headers, key) -> {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    };

    private static final Propagator.Setter<Headers> SETTER = (headers, key, value) -> {
        if (headers != null) {
            headers.remove(key);
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    };

    private final Tracer tracer;
    private final Propagator propagator;

    TracedRequests(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    /** Starts the span of one request record, a child of the trace in its headers when it has one. */
    Span start(Headers requestHeaders, String topic) {
        return propagator
                .extract(requestHeaders, GETTER)
                .name("match " + topic)
                .kind(Span.Kind.CONSUMER)
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", topic)
                .start();
    }

    Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }

    /** Writes the span's context into the answer's headers ({@code traceparent}). */
    void inject(Span span, Headers answerHeaders) {
        propagator.inject(span.context(), answerHeaders, SETTER);
    }
}
