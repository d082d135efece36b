package io.coachmatch.serving.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.json.Json;
import io.coachmatch.serving.support.KafkaProbe;
import io.coachmatch.serving.support.ServingIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class KafkaMatchingIntegrationTests extends ServingIntegrationTest {

    private String requests() {
        return kafkaSettings.topics().requests();
    }

    @Nested
    class RoundTrip {

        @Test
        void seedRequestIsAnsweredOnResponsesWithItsCorrelationId() {
            kafka().send(requests(), "rt-seed-1", seedRequest("rt-seed-1"), "corr-rt-1");

            KafkaProbe.Received answer = kafka().awaitAnswer("rt-seed-1");

            assertThat(answer.topic()).isEqualTo(kafkaSettings.topics().responses());
            assertThat(answer.correlationId()).isEqualTo("corr-rt-1");
            JsonNode r = Json.tree(answer.value().getBytes());
            assertThat(r.path("request_id").asString()).isEqualTo("rt-seed-1");
            assertThat(r.path("status").asString()).isEqualTo("completed");
            assertThat(r.path("matches").size()).isPositive();
            assertThat(r.path("matches").get(0).path("coach").path("id").asString())
                    .isNotBlank();
            for (JsonNode m : r.path("matches")) {
                assertThat(m.path("match_score").asDouble()).isGreaterThanOrEqualTo(0.6);
                assertThat(m.path("matching_skills").toString()).contains("React");
            }
            assertThat(r.path("filtered_out").path("mandatory_skill").asInt()).isPositive();
        }

        @Test
        void eachAnswerGoesToThePartitionNumberItsRequestCameFrom() {
            java.util.Map<String, Integer> sentTo = new java.util.HashMap<>();
            java.util.Set<String> bad = new java.util.HashSet<>();
            for (int i = 0; i < 12; i++) {
                String id = "rt-part-" + i;
                boolean invalid = i % 4 == 3; // answered on the errors topic
                if (invalid) {
                    bad.add(id);
                }
                String body = invalid ? "{\"request_id\":\"" + id + "\",\"session_type\":42}" : seedRequest(id);
                // keyed unlike the request_id (as a backend keying by requester would), so that partitioning the
                // answer by its own key would mostly pick another partition
                sentTo.put(id, kafka().send(requests(), "requester-" + (i * 7919), body, null));
            }
            assertThat(new java.util.HashSet<>(sentTo.values()))
                    .as("requests spread over partitions")
                    .hasSizeGreaterThan(1);
            sentTo.forEach((id, partition) -> {
                KafkaProbe.Received answer = kafka().awaitAnswer(id);
                assertThat(answer.topic())
                        .isEqualTo(
                                bad.contains(id)
                                        ? kafkaSettings.topics().errors()
                                        : kafkaSettings.topics().responses());
                assertThat(answer.partition())
                        .as("partition of the answer to %s", id)
                        .isEqualTo(partition);
            });
        }

        @Test
        void restAnswersTheSameMatchesAsKafka() {
            kafka().send(requests(), "rt-same-k", seedRequest("rt-same-k"), null);
            JsonNode viaKafka =
                    Json.tree(kafka().awaitAnswer("rt-same-k").value().getBytes());

            HttpResponse<String> rest = post("/api/match", seedRequest("rt-same-r"), null);

            assertThat(rest.statusCode()).isEqualTo(200);
            JsonNode viaRest = Json.tree(rest.body().getBytes());
            assertThat(viaRest.path("matches").toString().replace("rt-same-r", "x"))
                    .isEqualTo(viaKafka.path("matches").toString().replace("rt-same-k", "x"));
            assertThat(viaRest.path("total_matches")).isEqualTo(viaKafka.path("total_matches"));
        }
    }

    @Nested
    class BadInput {

        @Test
        void everyBadInputClassIsAnsweredOnErrorsWhileGoodRequestsAroundItAreAnswered() {
            kafka().send(requests(), "bad-good-1", seedRequest("bad-good-1"), null);
            kafka().send(requests(), null, "{\"request_id\": \"bad-malformed\", \"session_type\": ", "corr-malformed");
            kafka().send(requests(), null, "not json at all", "corr-garbage");
            kafka().send(
                            requests(),
                            "bad-type",
                            "{\"request_id\":\"bad-type\",\"session_type\":\"group\","
                                    + "\"skills_required\":\"React\"}",
                            null);
            kafka().send(
                            requests(),
                            "bad-range",
                            seedRequest("bad-range").replace("\"participants_count\":5", "\"participants_count\":5000"),
                            null);
            kafka().send(
                            requests(),
                            "bad-enum",
                            seedRequest("bad-enum").replace("\"level\":\"expert\"", "\"level\":\"guru\""),
                            null);
            String huge = seedRequest("bad-huge")
                    .replace("\"title\":\"React Development Training\"", "\"title\":\"" + "x".repeat(70_000) + "\"");
            kafka().send(requests(), "bad-huge", huge, null);
            kafka().send(requests(), null, new byte[0], "corr-empty");
            kafka().send(requests(), "bad-good-2", seedRequest("bad-good-2"), null);

            assertThat(kafka().awaitAnswer("bad-good-1").topic())
                    .isEqualTo(kafkaSettings.topics().responses());
            assertThat(kafka().awaitAnswer("bad-good-2").topic())
                    .isEqualTo(kafkaSettings.topics().responses());
            assertError("corr-malformed", "MALFORMED_JSON", "bad-malformed");
            assertError("corr-garbage", "MALFORMED_JSON", null);
            assertError("bad-type", "INVALID_REQUEST", "bad-type");
            assertError("bad-range", "INVALID_REQUEST", "bad-range");
            assertError("bad-enum", "INVALID_REQUEST", "bad-enum");
            assertError("bad-huge", "PAYLOAD_TOO_LARGE", "bad-huge");
            assertError("corr-empty", "MALFORMED_JSON", null);
            kafka().assertAnsweredOnceEach(
                            java.util.List.of(
                                    "bad-good-1",
                                    "bad-good-2",
                                    "bad-type",
                                    "bad-range",
                                    "bad-enum",
                                    "bad-huge",
                                    "corr-malformed",
                                    "corr-garbage",
                                    "corr-empty"),
                            Duration.ofMillis(500));
        }

        private void assertError(String id, String code, String requestId) {
            KafkaProbe.Received a = kafka().awaitAnswer(id);
            assertThat(a.topic()).isEqualTo(kafkaSettings.topics().errors());
            JsonNode e = Json.tree(a.value().getBytes());
            assertThat(e.path("error_code").asString()).as(id).isEqualTo(code);
            assertThat(e.path("retryable").asBoolean()).isFalse();
            assertThat(e.path("source").path("topic").asString()).isEqualTo(requests());
            assertThat(e.path("source").has("offset")).isTrue();
            if (requestId == null) {
                assertThat(e.path("request_id").isMissingNode()
                                || e.path("request_id").isNull())
                        .as(id)
                        .isTrue();
                assertThat(a.key()).isNull();
            } else {
                assertThat(e.path("request_id").asString()).isEqualTo(requestId);
                assertThat(a.key()).isEqualTo(requestId);
            }
        }
    }

    @Nested
    class Duplicates {

        @Test
        void duplicateRequestIdIsAnsweredWithTheIdenticalResponseFromTheCache() {
            kafka().send(requests(), "dup-1", seedRequest("dup-1"), null);
            KafkaProbe.Received first = kafka().awaitAnswer("dup-1");
            long hitsBefore = cacheHits();

            kafka().send(requests(), "dup-1", seedRequest("dup-1"), null);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                kafka().poll();
                return kafka().answers("dup-1").size() == 2;
            });
            // REST has its own cache namespace (issue 9): its duplicate is answered from its own first answer
            HttpResponse<String> rest = post("/api/match", seedRequest("dup-1"), null);
            HttpResponse<String> restAgain = post("/api/match", seedRequest("dup-1"), null);

            assertThat(kafka().answers("dup-1").get(1).value()).isEqualTo(first.value());
            assertThat(restAgain.body()).isEqualTo(rest.body());
            assertThat(cacheHits()).isGreaterThanOrEqualTo(hitsBefore + 2);
        }

        private long cacheHits() {
            return Json.tree(get("/api/stats").body().getBytes())
                    .path("cache")
                    .path("hits")
                    .asLong();
        }
    }
}
