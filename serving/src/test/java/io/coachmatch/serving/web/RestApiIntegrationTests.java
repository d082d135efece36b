package io.coachmatch.serving.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.json.Json;
import io.coachmatch.serving.support.ServingIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RestApiIntegrationTests extends ServingIntegrationTest {

    /** The seed's example body, exactly: no request_id, no max_results. */
    static final String SEED_EXAMPLE = """
            {
              "title": "React Development Training",
              "description": "Need experienced React coach for team training",
              "session_type": "group",
              "skills_required": [{"name": "React", "level": "expert", "weight": 1.0, "mandatory": true}],
              "budget_constraints": {"max_hourly_rate": 150, "currency": "USD"},
              "availability_requirements": {"days_of_week": [1, 2, 3], "time_slots": ["09:00-17:00"], "timezone": "UTC-8"},
              "participants_count": 5,
              "total_sessions": 8
            }
            """;

    private static JsonNode json(HttpResponse<String> r) {
        return Json.tree(r.body().getBytes());
    }

    @Nested
    class Match {

        @Test
        void theSeedExampleBodyIsAnsweredAsIsWithAnAssignedRequestId() {
            var r = post("/api/match", SEED_EXAMPLE, null);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode body = json(r);
            assertThat(body.path("request_id").asString()).startsWith("rest_");
            assertThat(body.path("matches").size()).isPositive();
            assertThat(body.path("matches").get(0).path("rank").asInt()).isEqualTo(1);
            assertThat(body.path("candidates_considered").asInt()).isEqualTo(40);
        }

        @Test
        void theBodyIsReadAsJsonWhateverTheContentType() throws Exception {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/match"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(SEED_EXAMPLE))
                    .build();
            var r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }

        @Test
        void anInvalidRequestIsAProblemDetailNamingTheField() {
            var r = post("/api/match", SEED_EXAMPLE.replace("\"expert\"", "\"guru\""), null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
            JsonNode p = json(r);
            assertThat(p.path("error_code").asString()).isEqualTo("INVALID_REQUEST");
            assertThat(p.path("details").get(0).path("field").asString()).isEqualTo("skills_required[0].level");
        }

        @Test
        void anOversizedRequestIs413() {
            String huge = SEED_EXAMPLE.replace("\"React Development Training\"", "\"" + "y".repeat(100_000) + "\"");
            var r = post("/api/match", huge, null);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(json(r).path("error_code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        }
    }

    @Test
    void coachesArePagedAndFiltered() {
        JsonNode page = json(get("/api/coaches?page=1&size=15"));
        assertThat(page.path("items").size()).isEqualTo(15);
        assertThat(page.path("total").asInt()).isEqualTo(40);
        JsonNode last = json(get("/api/coaches?page=2&size=15"));
        assertThat(last.path("items").size()).isEqualTo(10);
        JsonNode react = json(get("/api/coaches?skill=react&size=200"));
        assertThat(react.path("total").asInt()).isBetween(1, 39);
        for (JsonNode c : react.path("items")) {
            assertThat(c.path("skills").size()).isPositive();
            assertThat(c.path("skills").toString().toLowerCase()).contains("\"react\"");
        }
        JsonNode cheap = json(get("/api/coaches?max_rate=100&size=200"));
        assertThat(cheap.path("items").size()).isPositive();
        for (JsonNode c : cheap.path("items")) {
            assertThat(c.has("hourly_rate")).as("snake_case, as on the wire").isTrue();
            assertThat(c.path("hourly_rate").asDouble()).isLessThanOrEqualTo(100.0);
        }
        assertThat(get("/api/coaches?session_type=party").statusCode()).isEqualTo(400);
    }

    @Test
    void healthNamesKafkaRedisModelAndCatalog() {
        var r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode h = json(r);
        assertThat(h.path("status").asString()).isEqualTo("UP");
        assertThat(h.path("kafka").path("listener_running").asBoolean()).isTrue();
        assertThat(h.path("redis").path("mode").asString()).isEqualTo("redis");
        assertThat(h.path("model").has("status")).isTrue();
        assertThat(h.path("catalog").path("size").asInt()).isPositive();
    }

    @Test
    void statsCountRequestsErrorsLatencyAndModelVersions() {
        post("/api/match", SEED_EXAMPLE, null);
        post("/api/match", "{", null);
        JsonNode s = json(get("/api/stats"));
        assertThat(s.path("requests").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(s.path("errors_by_code").path("MALFORMED_JSON").asLong()).isPositive();
        assertThat(s.path("latency_ms").has("p99")).isTrue();
        assertThat(s.path("cache").has("hit_ratio")).isTrue();
        assertThat(s.path("answers_by_model_version").size()).isPositive();
        String prometheus = get("/actuator/prometheus").body();
        assertThat(prometheus)
                .contains(
                        "coachmatch_match_latency_seconds_bucket",
                        "coachmatch_errors_total",
                        "coachmatch_cache_results_total",
                        "coachmatch_variant_models_loaded");
    }
}
