package io.coachmatch.serving.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.contract.FeedbackType;
import io.coachmatch.core.json.Json;
import io.coachmatch.serving.support.KafkaProbe;
import io.coachmatch.serving.support.ServingIntegrationTest;
import io.coachmatch.serving.support.TestInfrastructure;
import io.coachmatch.serving.support.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ModelLifecycleIntegrationTests extends ServingIntegrationTest {

    private static final AtomicInteger ids = new AtomicInteger();

    private JsonNode answer() {
        var r = post("/api/match", seedRequest("model-" + ids.incrementAndGet()), null);
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.tree(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private void awaitServing(String version) {
        Awaitility.await("answers from " + version)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> version.equals(answer().path("model_version").asString()));
    }

    @Test
    void aModelPromotedWhileServingAnswersTheNextRequestsWithoutARestart() {
        ModelRegistry registry = ModelRegistry.open(MODELS);
        String first = TestModels.publish(MODELS, 0.2, 0.5);
        registry.promote(first, "production");
        awaitServing(first);
        JsonNode a = answer();
        assertThat(a.path("warnings").toString()).doesNotContain("model_unavailable_rules_only");
        assertThat(a.path("matches").get(0).path("model_score").asDouble())
                .isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-6));

        String second = TestModels.publish(MODELS, 0.8, 0.5);
        registry.promote(second, "production");

        awaitServing(second);
        JsonNode b = answer();
        assertThat(b.path("matches").get(0).path("model_score").asDouble())
                .isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(b.path("matches").get(0).path("match_score").asDouble())
                .isGreaterThan(a.path("matches").get(0).path("match_score").asDouble());
        assertThat(Json.tree(get("/api/models").body().getBytes())
                        .path("serving")
                        .asString())
                .isEqualTo(second);
    }

    @Test
    void aCoachWhoStartsBeingBookedRisesBeforeTheNextRetrain() throws Exception {
        ModelRegistry registry = ModelRegistry.open(MODELS);
        Instant trainedUntil = Instant.parse("2026-11-01T00:00:00Z");
        String version = TestModels.publish(MODELS, TestModels.byBookingRate(0.0, 0.5, trainedUntil));
        registry.promote(version, "production");
        awaitServing(version);
        JsonNode before = answer().path("matches").get(0);
        String coach = before.path("coach").path("id").asString();
        double scoreBefore = before.path("model_score").asDouble();
        assertThat(scoreBefore).isCloseTo((0.05 + 1) / 2, org.assertj.core.data.Offset.offset(1e-6));

        // feedback the artifact already counted changes nothing; later bookings do, each event once
        KafkaProbe kafka = kafka();
        String topic = kafkaSettings.topics().feedback();
        kafka.send(topic, "old", Json.string(booking("fb-old", coach, trainedUntil.minusSeconds(60))), null);
        kafka.send(topic, "bad", "{not json", null);
        for (int i = 0; i < 30; i++) {
            Instant at = Instant.now().minusSeconds(60);
            kafka.send(topic, "i" + i, Json.string(event("fb-i" + i, coach, FeedbackType.IMPRESSION, at)), null);
            kafka.send(topic, "b" + i, Json.string(booking("fb-b" + i, coach, at)), null);
            kafka.send(topic, "b" + i, Json.string(booking("fb-b" + i, coach, at)), null);
        }
        double expected = (0.0 + (30 + 10 * 0.05) / (30 + 10) + 1) / 2;
        Awaitility.await("the booked coach's model score")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode m = scoreOf(coach);
                    assertThat(m).isNotNull();
                    assertThat(m.path("model_score").asDouble())
                            .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
                });

        // the instance's own group reads everything and commits nothing, so a restart leaves no group behind
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfrastructure.kafkaBootstrapServers()))) {
            List<String> groups = admin.listConsumerGroups().all().get().stream()
                    .map(g -> g.groupId())
                    .filter(g -> g.startsWith(kafkaSettings.groupId() + "-model-feedback-"))
                    .toList();
            // one group per running instance (the suite's other application contexts share this broker)
            assertThat(groups).isNotEmpty();
            for (String group : groups) {
                assertThat(admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata()
                                .get())
                        .as("offsets committed by %s", group)
                        .isEmpty();
            }
        }
    }

    /** The match of a coach in an answer to the seed request, or null when it is not among them. */
    private JsonNode scoreOf(String coach) {
        for (JsonNode m : answer().path("matches")) {
            if (coach.equals(m.path("coach").path("id").asString())) {
                return m;
            }
        }
        return null;
    }

    private static FeedbackEvent booking(String id, String coach, Instant at) {
        return event(id, coach, FeedbackType.BOOKED, at);
    }

    private static FeedbackEvent event(String id, String coach, FeedbackType type, Instant at) {
        return new FeedbackEvent(id, "req-online-1", "user-online", coach, type, 1, null, "v", null, at);
    }

    @Test
    void aTamperedArtifactIsRefusedAndThePreviousVersionKeepsServing() throws Exception {
        ModelRegistry registry = ModelRegistry.open(MODELS);
        String good = TestModels.publish(MODELS, 0.0, 0.3);
        registry.promote(good, "production");
        awaitServing(good);

        String bad = TestModels.publish(MODELS, 0.5, 0.3);
        Path model = MODELS.resolve(bad).resolve(ModelRegistry.MODEL_FILE);
        String text = Files.readString(model);
        Files.writeString(model, text.replace("\"blend_weight\":0.3", "\"blend_weight\":0.9"));
        assertThat(Files.readString(model)).isNotEqualTo(text);
        Files.writeString(MODELS.resolve(ModelRegistry.ALIASES_FILE), "{\"production\":\"" + bad + "\"}");

        var reload = post("/admin/models/reload", "", "Bearer " + ADMIN_TOKEN);

        assertThat(reload.statusCode()).isEqualTo(409);
        JsonNode r = Json.tree(reload.body().getBytes());
        assertThat(r.path("status").asString()).isEqualTo("refused");
        assertThat(r.path("version").asString()).isEqualTo(good);
        assertThat(r.path("message").asString()).contains(bad);
        assertThat(answer().path("model_version").asString()).isEqualTo(good);
        assertThat(Json.tree(get("/api/models").body().getBytes())
                        .path("last_error")
                        .asString())
                .contains(bad);

        registry.promote(good, "production");
    }
}
