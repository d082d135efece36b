package io.coachmatch.serving.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.json.Json;
import io.coachmatch.serving.support.ServingIntegrationTest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CoachProfilesIntegrationTests extends ServingIntegrationTest {

    private static final AtomicInteger ids = new AtomicInteger();

    private List<String> coachIdsFor(String skill) {
        var r = post("/api/match", skillRequest("profiles-" + ids.incrementAndGet(), skill), null);
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode m : Json.tree(r.body().getBytes()).path("matches")) {
            out.add(m.path("coach").path("id").asString());
        }
        return out;
    }

    private String profile(String id, String skill, String name) throws Exception {
        CoachProfile base = Json.read(Files.readAllLines(COACHES).get(0), CoachProfile.class);
        String json = Json.string(base);
        return json.replace("\"id\":\"coach_0001\"", "\"id\":\"" + id + "\"")
                .replace("\"name\":\"Grace Hopper\"", "\"name\":\"" + name + "\"")
                .replace("\"name\":\"React\"", "\"name\":\"" + skill + "\"");
    }

    @Test
    void healthShowsTheFeedCaughtUpAndRunningOnceTheListenerRuns() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> get("/health").statusCode() == 200);
        JsonNode health = Json.tree(get("/health").body().getBytes());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("kafka").path("listener_running").asBoolean()).isTrue();
        JsonNode feed = health.path("coach_profiles");
        assertThat(feed.path("topic").asString())
                .isEqualTo(kafkaSettings.topics().coachProfiles());
        assertThat(feed.path("status").asString()).isEqualTo("running");
        assertThat(feed.path("caught_up").asBoolean()).isTrue();
        assertThat(feed.path("restarts").asInt()).isZero();
        assertThat(feed.has("warning")).isFalse();
    }

    @Test
    void anUpsertAndATombstoneOnCoachProfilesTakeEffectWithinASecond() throws Exception {
        String topic = kafkaSettings.topics().coachProfiles();
        assertThat(coachIdsFor("Elixir")).isEmpty();

        kafka().send(topic, "coach_9001", profile("coach_9001", "Elixir", "Ada Lovelace"), null);
        Awaitility.await()
                .atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> coachIdsFor("Elixir").contains("coach_9001"));

        kafka().send(topic, "coach_9001", profile("coach_9001", "Erlang", "Ada Lovelace"), null);
        Awaitility.await()
                .atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> coachIdsFor("Erlang").contains("coach_9001")
                        && coachIdsFor("Elixir").isEmpty());

        kafka().send(topic, "coach_9001", (byte[]) null, null);
        Awaitility.await()
                .atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> coachIdsFor("Erlang").isEmpty());
    }

    @Test
    void anUpdateOfACoachFromTheFileReplacesItInTheNextAnswer() throws Exception {
        String topic = kafkaSettings.topics().coachProfiles();
        kafka().send(topic, "coach_0001", profile("coach_0001", "Haskell", "Grace Hopper"), null);
        Awaitility.await()
                .atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> coachIdsFor("Haskell").contains("coach_0001"));

        kafka().send(topic, "coach_0001", profile("coach_0001", "React", "Grace Hopper"), null);
        Awaitility.await()
                .atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> coachIdsFor("Haskell").isEmpty());
        JsonNode coaches = Json.tree(get("/api/coaches?size=200").body().getBytes());
        assertThat(coaches.path("total").asInt()).isEqualTo(40);
    }
}
