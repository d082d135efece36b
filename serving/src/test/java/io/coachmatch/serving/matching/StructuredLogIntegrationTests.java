package io.coachmatch.serving.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.json.Json;
import io.coachmatch.serving.support.KafkaProbe;
import io.coachmatch.serving.support.OwnService;
import io.coachmatch.serving.support.ServingIntegrationTest;
import io.coachmatch.serving.support.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * With structured logging on (as the Docker image has it), a request's log lines are JSON carrying its request_id,
 * correlation_id, model_version and the trace its traceparent started: a service of its own (own topics and group), logging each answer at DEBUG,
 * answers one request sent with a correlation_id header, and that request's line is found and read.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "coachmatch.kafka.early-start=false",
            "logging.structured.format.console=ecs",
            "logging.level.io.coachmatch.serving.matching.MatchingService=DEBUG"
        })
class StructuredLogIntegrationTests {

    private static final String PREFIX = "logs-";

    private static KafkaProbe probe;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        OwnService.onTheTestBroker(r, PREFIX);
        r.add("coachmatch.cache.redis-host", () -> "127.0.0.1");
        r.add("coachmatch.cache.redis-port", TestInfrastructure::redisPort);
        r.add("coachmatch.catalog.coaches-file", ServingIntegrationTest.COACHES::toString);
    }

    @AfterAll
    static void closeProbe() {
        if (probe != null) {
            probe.close();
        }
    }

    @Test
    void aRequestsLogLineIsJsonWithItsIds(CapturedOutput output) {
        probe = new KafkaProbe(
                TestInfrastructure.kafkaBootstrapServers(), List.of(PREFIX + "responses", PREFIX + "errors"));
        String id = "log-req-1";
        String trace = "0af7651916cd43dd8448eb211c80319c";
        probe.sendWithHeaders(
                PREFIX + "requests",
                id,
                seedRequest(id).getBytes(StandardCharsets.UTF_8),
                Map.of("correlation_id", "corr-log-42", "traceparent", "00-" + trace + "-b7ad6b7169203331-01"));
        assertThat(probe.awaitAnswer(id).topic()).isEqualTo(PREFIX + "responses");

        JsonNode line = Awaitility.await("the answer's log line")
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> output.getAll()
                                .lines()
                                .filter(l -> l.startsWith("{") && l.contains("\"" + id + "\""))
                                .map(l -> Json.tree(l.getBytes()))
                                .filter(j -> j.path("message").asString().startsWith("Answered request"))
                                .findFirst()
                                .orElse(null),
                        j -> j != null);
        assertThat(line.path("request_id").asString()).isEqualTo(id);
        assertThat(line.path("correlation_id").asString()).isEqualTo("corr-log-42");
        assertThat(line.path("model_version").asString()).isNotBlank();
        assertThat(line.path("traceId").asString()).as("the request's trace").isEqualTo(trace);
        assertThat(line.path("spanId").asString())
                .as("serving's span")
                .hasSize(16)
                .isNotEqualTo("b7ad6b7169203331");
        assertThat(line.path("log").path("level").asString()).isEqualTo("DEBUG");
        assertThat(line.path("message").asString()).contains(id).contains("kafka");
    }

    private static String seedRequest(String requestId) {
        return """
                {"request_id":"%s","created_at":"2026-11-28T10:00:00Z","session_type":"group",
                 "skills_required":[{"name":"React","level":"expert","mandatory":true}],
                 "participants_count":5,"max_results":5}
                """.formatted(requestId);
    }
}
