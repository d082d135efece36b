package io.coachmatch.serving.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.artifact.Manifest;
import io.coachmatch.core.artifact.ModelDefinition;
import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.experiments.ExperimentResults;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.json.Json;
import io.coachmatch.serving.support.ServingIntegrationTest;
import io.coachmatch.serving.support.TestInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What an experiment leaves behind is bounded: in Redis by TTLs, in the process by the models it names. */
class ExperimentRetentionIntegrationTests extends ServingIntegrationTest {

    private static final String AUTH = "Bearer " + ADMIN_TOKEN;
    private static final long THREE_DAYS = Duration.ofDays(3).toSeconds();

    @Autowired
    private Experiments experiments;

    @Autowired
    private VariantModels variantModels;

    @Autowired
    private MeterRegistry meters;

    @AfterEach
    void stopEverything() {
        experiments.running().ifPresent(e -> experiments.stop(e.name()));
    }

    private HttpResponse<String> call(String method, String path, String body) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", AUTH)
                                    .method(
                                            method,
                                            body == null
                                                    ? HttpRequest.BodyPublishers.noBody()
                                                    : HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String definition(String salt, String control, String treatment) {
        return """
                {"unit":"request_id","salt":"%s","variants":[
                  {"name":"control","model":"%s","share":0.5},{"name":"treatment","model":"%s","share":0.5}]}
                """.formatted(salt, control, treatment);
    }

    private static long ttl(String key) {
        return redis(c -> c.ttl(key));
    }

    private static <T> T redis(Function<RedisCommands<String, String>, T> commands) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + TestInfrastructure.redisPort());
        try (var c = client.connect()) {
            return commands.apply(c.sync());
        } finally {
            client.shutdown();
        }
    }

    private static String publish(double weight) {
        int n = FeatureExtractor.SIZE;
        double[] w = new double[n];
        w[FeatureExtractor.FEATURES.indexOf("shrunk_rating")] = weight;
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        ModelDefinition d = new ModelDefinition(
                ModelDefinition.FORMAT_VERSION,
                ModelDefinition.LINEAR,
                FeatureExtractor.FEATURES,
                new ModelDefinition.Text(2.0, Map.of(), List.of(), List.of(), new double[0]),
                new ModelDefinition.Standardisation(new double[n], ones),
                new ModelDefinition.Linear(w, 0.0),
                null,
                ModelDefinition.Calibration.minMax(-1, 1),
                0.8);
        Manifest draft = new Manifest(
                ModelDefinition.FORMAT_VERSION,
                null,
                Instant.parse("2026-12-01T12:00:00Z"),
                null,
                ModelDefinition.LINEAR,
                "retention-tests",
                Map.of(),
                42L,
                "test",
                Map.of(),
                Map.of(),
                0.8,
                Map.of("java", "17"),
                null);
        return ModelRegistry.open(MODELS).publish(d, draft);
    }

    private void answer(String requestId) {
        kafka().send(kafkaSettings.topics().requests(), requestId, skillRequest(requestId, "Java"), null);
        kafka().awaitAnswer(requestId);
    }

    private long requests(String name) {
        return Json.read(get("/api/experiments/" + name).body(), ExperimentResults.class).variants().stream()
                .mapToLong(ExperimentResults.VariantResult::requests)
                .sum();
    }

    @Nested
    class InRedis {

        @Test
        void aRequestsLinkLivesForTheRequestTtlOfThreeDays() {
            assertThat(call("PUT", "/admin/experiments/ret-link", definition("ret-link-salt", "rules", "rules"))
                            .statusCode())
                    .isEqualTo(200);
            answer("ret_link_req");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> requests("ret-link") == 1);
            assertThat(ttl("exp:req:ret_link_req")).isPositive().isLessThanOrEqualTo(THREE_DAYS);
        }

        @Test
        void aStoppedExperimentsSetsExpireWhileItsResultsStay() {
            String name = "ret-sets";
            assertThat(call("PUT", "/admin/experiments/" + name, definition("ret-sets-salt", "rules", "rules"))
                            .statusCode())
                    .isEqualTo(200);
            for (int i = 0; i < 4; i++) {
                answer("ret_sets_req_" + i);
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> requests(name) == 4);
            var fb = post("/api/feedback", """
                    {"event_id":"ret_sets_evt","request_id":"ret_sets_req_0","coach_id":"c1","type":"booked"}""", "Bearer " + FEEDBACK_TOKEN);
            assertThat(fb.body()).contains("\"counted\":1");
            assertThat(ttl("exp:" + name + ":units")).isEqualTo(-1L);

            assertThat(call("DELETE", "/admin/experiments/" + name, null).statusCode())
                    .isEqualTo(200);

            assertThat(ttl("exp:" + name + ":units")).isPositive().isLessThanOrEqualTo(THREE_DAYS);
            assertThat(ttl("exp:" + name + ":firsts")).isPositive().isLessThanOrEqualTo(THREE_DAYS);
            assertThat(ttl("exp:" + name + ":counts")).isEqualTo(-1L);
            ExperimentResults results =
                    Json.read(get("/api/experiments/" + name).body(), ExperimentResults.class);
            assertThat(results.variants().stream()
                            .mapToLong(ExperimentResults.VariantResult::requests)
                            .sum())
                    .isEqualTo(4);
            assertThat(results.variants().stream()
                            .mapToLong(ExperimentResults.VariantResult::units)
                            .sum())
                    .isEqualTo(4);
            assertThat(results.variants().stream()
                            .mapToLong(ExperimentResults.VariantResult::bookings)
                            .sum())
                    .isEqualTo(1);

            // restarted under the same name: its sets are kept again for as long as it runs
            assertThat(call("PUT", "/admin/experiments/" + name, definition("ret-sets-salt", "rules", "rules"))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(ttl("exp:" + name + ":units")).isEqualTo(-1L);
        }
    }

    @Nested
    class InProcess {

        @Test
        void onlyTheModelsOfTheRunningExperimentStayLoaded() {
            String first = publish(1.0);
            String second = publish(-1.0);
            String third = publish(0.5);
            assertThat(call("PUT", "/admin/experiments/ret-models-a", definition("ret-a", first, second))
                            .statusCode())
                    .isEqualTo(200);
            int withTwo = variantModels.loadedCount();
            assertThat(withTwo).isBetween(1, 2);
            assertThat(call("DELETE", "/admin/experiments/ret-models-a", null).statusCode())
                    .isEqualTo(200);
            assertThat(variantModels.loadedCount()).isZero();

            assertThat(call("PUT", "/admin/experiments/ret-models-b", definition("ret-b", "rules", third))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(variantModels.loadedCount()).isLessThanOrEqualTo(1);
            assertThat(meters.get("coachmatch.variant.models.loaded").gauge().value())
                    .isEqualTo(variantModels.loadedCount());
            assertThat(variantModels.byVersion(first)).isNull();
        }
    }
}
