package io.coachmatch.serving.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.MatchingResponse;
import io.coachmatch.core.experiments.ExperimentResults;
import io.coachmatch.core.json.Json;
import io.coachmatch.serving.experiments.Experiments;
import io.coachmatch.serving.support.ServingIntegrationTest;
import io.coachmatch.serving.support.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class FeedbackIntegrationTests extends ServingIntegrationTest {

    private static final String AUTH = "Bearer " + ADMIN_TOKEN;

    @Autowired
    private Experiments experiments;

    @Autowired
    private MeterRegistry meters;

    @AfterEach
    void stopEverything() {
        experiments.running().ifPresent(e -> experiments.stop(e.name()));
    }

    private HttpResponse<String> put(String path, String body) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", AUTH)
                                    .PUT(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long clicks(String experiment) {
        HttpResponse<String> r = get("/api/experiments/" + experiment);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.read(r.body(), ExperimentResults.class).variants().stream()
                .mapToLong(ExperimentResults.VariantResult::clicks)
                .sum();
    }

    private double outcome(String name) {
        return meters.counter("coachmatch.feedback.events", "outcome", name).count();
    }

    private HttpResponse<String> postFeedback(String contentType, String body) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/feedback"))
                                    .header("Content-Type", contentType)
                                    .header("Authorization", "Bearer " + FEEDBACK_TOKEN)
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class RestFeedback {

        private static final String EVENT = """
                {"event_id":"rest_fb_1","request_id":"rest_fb_req","coach_id":"c1","type":"click"}""";

        @Test
        void refusesAnythingButJsonWith415ProblemDetail() {
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
                HttpResponse<String> r = postFeedback(type, EVENT);
                assertThat(r.statusCode()).as(type).isEqualTo(415);
                assertThat(r.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            }
            assertThat(postFeedback("application/json", EVENT).statusCode()).isEqualTo(200);
        }

        @Test
        void takesTheVariantFromTheLoggedAnswerNotFromTheEvent() {
            var started = put("/admin/experiments/fb-forged", """
                    {"unit":"request_id","salt":"fb-forged-salt","variants":[
                      {"name":"control","model":"rules","share":0.5},{"name":"treatment","model":"rules","share":0.5}]}
                    """);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            kafka().send(
                            kafkaSettings.topics().requests(),
                            "fb_forged_req",
                            skillRequest("fb_forged_req", "Java"),
                            null);
            MatchingResponse m = Json.read(kafka().awaitAnswer("fb_forged_req").value(), MatchingResponse.class);
            String other = m.variant().equals("control") ? "treatment" : "control";
            Awaitility.await("the request counted")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> requests("fb-forged") == 1);
            var r = postFeedback("application/json", """
                    {"event_id":"fb_forged_evt","request_id":"fb_forged_req","coach_id":"c1","type":"booked",
                     "variant":"%s"}""".formatted(other));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"counted\":1");
            ExperimentResults results =
                    Json.read(get("/api/experiments/fb-forged").body(), ExperimentResults.class);
            assertThat(results.variant(m.variant()).bookings()).isEqualTo(1);
            assertThat(results.variant(other).bookings()).isZero();

            var unlogged = postFeedback("application/json", """
                    {"event_id":"fb_forged_evt2","request_id":"fb_never_answered","coach_id":"c1","type":"booked",
                     "variant":"%s"}""".formatted(other));
            assertThat(unlogged.body()).contains("\"unattributed\":1");
        }

        @Test
        void refusesAnInvalidEventIdWithoutEchoingIt() {
            HttpResponse<String> r = postFeedback("application/json", """
                    {"event_id":"<img src=x>","request_id":"r1","coach_id":"c1","type":"click"}""");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("event_id");
        }
    }

    private long requests(String experiment) {
        HttpResponse<String> r = get("/api/experiments/" + experiment);
        return Json.read(r.body(), ExperimentResults.class).variants().stream()
                .mapToLong(ExperimentResults.VariantResult::requests)
                .sum();
    }

    @Nested
    class KafkaFeedbackDuringARedisOutage {

        @Test
        void isCountedExactlyOnceWhenRedisReturnsAndBadEventsDoNotBlockThePartition() {
            String name = "fb-outage";
            var started = put("/admin/experiments/" + name, """
                    {"unit":"requester_id","salt":"fb-outage-salt","variants":[
                      {"name":"control","model":"rules","share":0.5},{"name":"treatment","model":"rules","share":0.5}]}
                    """);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            List<String> requests = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String id = "fbo_req_" + i;
                kafka().send(
                                kafkaSettings.topics().requests(),
                                id,
                                skillRequest(id, "Java")
                                        .replace(
                                                "{\"request_id\"",
                                                "{\"requester_id\":\"fbo_user_" + i + "\",\"request_id\""),
                                null);
                requests.add(id);
            }
            for (String id : requests) {
                MatchingResponse m = Json.read(kafka().awaitAnswer(id).value(), MatchingResponse.class);
                assertThat(m.experiment()).isEqualTo(name);
            }
            Awaitility.await("the requests counted")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> requests(name) == 50);
            double counted = outcome("counted");
            double invalid = outcome("invalid");

            TestInfrastructure.stopRedisKeepingData();
            try {
                SplittableRandom random = new SplittableRandom(9);
                for (int i = 0; i < 1000; i++) {
                    String request = requests.get(random.nextInt(requests.size()));
                    String event = """
                            {"event_id":"fbo_evt_%d","request_id":"%s","coach_id":"coach_%d","type":"click"}
                            """.formatted(i, request, i);
                    kafka().send(kafkaSettings.topics().feedback(), request, event, null);
                    if (i % 250 == 0) {
                        kafka().send(kafkaSettings.topics().feedback(), request, "{not json", null);
                        kafka().send(
                                        kafkaSettings.topics().feedback(),
                                        request,
                                        "{\"event_id\":\"bad id!\",\"type\":\"click\"}",
                                        null);
                    }
                }
                Awaitility.await("the listener meets the outage")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> outcome("unavailable") > 0);
            } finally {
                TestInfrastructure.startRedis();
            }

            Awaitility.await("every event counted")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> clicks(name) >= 1000);
            assertThat(clicks(name)).isEqualTo(1000);
            assertThat(outcome("counted") - counted).isEqualTo(1000);
            assertThat(outcome("invalid") - invalid).isEqualTo(8);
        }
    }
}
