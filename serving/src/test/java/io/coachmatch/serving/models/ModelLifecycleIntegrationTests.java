package io.coachmatch.serving.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.json.Json;
import io.coachmatch.serving.support.ServingIntegrationTest;
import io.coachmatch.serving.support.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
