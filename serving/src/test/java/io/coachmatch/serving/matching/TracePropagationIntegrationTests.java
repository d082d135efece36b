package io.coachmatch.serving.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.serving.support.KafkaProbe;
import io.coachmatch.serving.support.ServingIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A W3C {@code traceparent} on a request comes back on its answer in the same trace: the answer's parent span is the
 * span serving opened for the request, a child of the backend's.
 */
class TracePropagationIntegrationTests extends ServingIntegrationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String BACKEND_SPAN = "00f067aa0ba902b7";

    @Test
    void theAnswerCarriesTheRequestsTraceWithServingsSpan() {
        String id = "trace-req-1";
        kafka().sendWithHeaders(
                        kafkaSettings.topics().requests(),
                        id,
                        seedRequest(id).getBytes(StandardCharsets.UTF_8),
                        Map.of("traceparent", "00-" + TRACE_ID + "-" + BACKEND_SPAN + "-01", "correlation_id", "c-t1"));
        KafkaProbe.Received answer = kafka().awaitAnswer(id);
        assertThat(answer.topic()).isEqualTo(kafkaSettings.topics().responses());
        assertThat(answer.correlationId()).isEqualTo("c-t1");
        String traceparent = answer.headers().get("traceparent");
        assertThat(traceparent).as("the answer's headers: " + answer.headers()).isNotNull();
        String[] parts = traceparent.split("-");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("00");
        assertThat(parts[1]).as("the same trace").isEqualTo(TRACE_ID);
        assertThat(parts[2]).as("serving's own span").hasSize(16).isNotEqualTo(BACKEND_SPAN);
        assertThat(parts[3]).as("sampled, as the request was").isEqualTo("01");
    }

    @Test
    void aRequestWithoutATraceStartsOne() {
        String id = "trace-req-2";
        kafka().send(kafkaSettings.topics().requests(), id, seedRequest(id), null);
        String traceparent = kafka().awaitAnswer(id).headers().get("traceparent");
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]").doesNotContain(TRACE_ID);
    }
}
