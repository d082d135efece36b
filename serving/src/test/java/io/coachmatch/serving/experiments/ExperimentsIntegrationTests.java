package io.coachmatch.serving.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.artifact.Manifest;
import io.coachmatch.core.artifact.ModelDefinition;
import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.contract.ImpressionLog;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.MatchingResponse;
import io.coachmatch.core.experiments.Assignment;
import io.coachmatch.core.experiments.ExperimentResults;
import io.coachmatch.core.experiments.ExperimentsFile;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.json.Json;
import io.coachmatch.serving.support.KafkaProbe;
import io.coachmatch.serving.support.ServingIntegrationTest;
import io.coachmatch.serving.support.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExperimentsIntegrationTests extends ServingIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUTH = "Bearer " + ADMIN_TOKEN;
    private static final String[] SKILLS = {"React", "Kubernetes", "Java", "Leadership", "TypeScript"};

    /** Ranks by the coach's shrunk rating (the users' latent preference) or against it. */
    private String byRating;
    private String againstRating;

    @Autowired
    private Experiments experiments;

    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;

    @BeforeAll
    void publishModels() {
        int rating = FeatureExtractor.FEATURES.indexOf("shrunk_rating");
        byRating = publish(rating, 1.0, 0.0);
        againstRating = publish(rating, -1.0, 1.0);
    }

    @AfterEach
    void stopEverything() {
        experiments.running().ifPresent(e -> experiments.stop(e.name()));
    }

    private static String publish(int feature, double weight, double bias) {
        int n = FeatureExtractor.SIZE;
        double[] w = new double[n];
        w[feature] = weight;
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        ModelDefinition d = new ModelDefinition(ModelDefinition.FORMAT_VERSION, ModelDefinition.LINEAR,
                FeatureExtractor.FEATURES, new ModelDefinition.Text(2.0, Map.of(), List.of(), List.of(), new double[0]),
                new ModelDefinition.Standardisation(new double[n], ones), new ModelDefinition.Linear(w, bias), null,
                ModelDefinition.Calibration.minMax(-1, 1), 0.8);
        Manifest draft = new Manifest(ModelDefinition.FORMAT_VERSION, null, Instant.parse("2026-11-28T12:00:00Z"),
                null, ModelDefinition.LINEAR, "experiment-tests", Map.of(), 42L, "test", Map.of(), Map.of(), 0.8,
                Map.of("java", "17"), null);
        return ModelRegistry.open(MODELS).publish(d, draft);
    }

    private static String body(String salt, String controlModel, String treatmentModel, double controlShare) {
        return """
                {"unit": "requester_id", "salt": "%s", "variants": [
                  {"name": "control", "model": "%s", "share": %s},
                  {"name": "treatment", "model": "%s", "share": %s}]}
                """.formatted(salt, controlModel, controlShare, treatmentModel, 1 - controlShare);
    }

    private HttpResponse<String> call(String method, String path, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String request(String requestId, String requesterId, String skill) {
        return """
                {"request_id":"%s","requester_id":"%s","session_type":"individual",
                 "skills_required":[{"name":"%s","mandatory":true}],"availability_requirements":{"flexibility":1.0}}
                """.formatted(requestId, requesterId, skill);
    }

    private ExperimentResults results(String name) {
        HttpResponse<String> r = get("/api/experiments/" + name);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.read(r.body(), ExperimentResults.class);
    }

    @Nested
    class Admin {

        @Test
        void refusesStartAndStopWithoutTheToken() {
            assertThat(call("PUT", "/admin/experiments/no-token", body("s", "rules", byRating, 0.5), null)
                    .statusCode()).isEqualTo(401);
            assertThat(call("DELETE", "/admin/experiments/no-token", null, "Bearer wrong").statusCode())
                    .isEqualTo(401);
            assertThat(experiments.find("no-token")).isEmpty();
        }

        @Test
        void answersBadDefinitionsWith400NamingEveryField() {
            var r = call("PUT", "/admin/experiments/bad", """
                    {"salt": "", "variants": [{"name": "control", "model": "rules", "share": 0.5},
                                              {"name": "treatment", "model": "v9999", "share": 0.2}]}
                    """, AUTH);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("\"field\":\"salt\"").contains("variants[1].model")
                    .contains("\"status\":400");
            assertThat(call("PUT", "/admin/experiments/bad", "{not json", AUTH).statusCode()).isEqualTo(400);
            assertThat(call("DELETE", "/admin/experiments/never-started", null, AUTH).statusCode()).isEqualTo(404);
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void startedExperimentRoutesEachRequesterStickilyAndStopsOnDelete() throws Exception {
            var put = call("PUT", "/admin/experiments/sticky", body("sticky-salt", "rules", byRating, 0.5), AUTH);
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(put.body()).contains("\"status\":\"running\"").contains("\"started_at\"");

            ExperimentResults listed = results("sticky");
            assertThat(listed.status().name()).isEqualTo("RUNNING");
            assertThat(listed.variant("treatment").modelVersion()).isEqualTo(byRating);
            assertThat(get("/api/experiments").body()).contains("\"name\":\"sticky\"");

            Assignment expected = Assignment.of(experiments.find("sticky").orElseThrow());
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < 40; i++) {
                String user = "sticky_user_" + (i % 10);
                var r = post("/api/match", request("sticky_" + i, user, SKILLS[i % SKILLS.length]), null);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                MatchingResponse m = Json.read(r.body(), MatchingResponse.class);
                assertThat(m.experiment()).isEqualTo("sticky");
                assertThat(m.variant()).isEqualTo(expected.variantFor(user).name());
                assertThat(m.modelVersion()).isEqualTo(m.variant().equals("control") ? "rules" : byRating);
                assertThat(m.warnings()).doesNotContain("model_unavailable_rules_only");
                String before = seen.putIfAbsent(user, m.variant());
                assertThat(before == null || before.equals(m.variant())).isTrue();
            }
            assertThat(seen.values()).contains("control", "treatment");

            // A duplicate request is answered byte for byte as the first time, and counted once.
            String first = post("/api/match", request("sticky_0", "sticky_user_0", SKILLS[0]), null).body();
            assertThat(post("/api/match", request("sticky_0", "sticky_user_0", SKILLS[0]), null).body())
                    .isEqualTo(first);
            ExperimentResults counted = results("sticky");
            assertThat(counted.variants().stream().mapToLong(ExperimentResults.VariantResult::requests).sum())
                    .isEqualTo(40);
            assertThat(counted.variants().stream().mapToLong(ExperimentResults.VariantResult::units).sum())
                    .isEqualTo(10);

            // Another instance (same Redis, its own models directory) and a restart from the file agree.
            try (ExperimentsRedis redis = new ExperimentsRedis("127.0.0.1", TestInfrastructure.redisPort(),
                    Duration.ofSeconds(1))) {
                Path otherDir = Files.createTempDirectory("other-instance-");
                Experiments other = new Experiments(new ExperimentStore.RedisStore(redis,
                        otherDir.resolve(ExperimentsFile.FILE_NAME)), new VariantModels(null, null) {
                            @Override
                            public Resolved resolve(String model) {
                                return new Resolved(model, model, null);
                            }
                        }, Clock.systemUTC());
                other.refresh();
                Experiments restarted = new Experiments(new ExperimentStore.FileStore(
                        MODELS.resolve(ExperimentsFile.FILE_NAME)), new VariantModels(null, null) {
                            @Override
                            public Resolved resolve(String model) {
                                return new Resolved(model, model, null);
                            }
                        }, Clock.systemUTC());
                restarted.refresh();
                for (int i = 0; i < 200; i++) {
                    MatchingRequest q = Json.read(request("r" + i, "u" + i, "Java"), MatchingRequest.class);
                    String variant = expected.variantFor("u" + i).name();
                    assertThat(other.route(q, null).variant()).isEqualTo(variant);
                    assertThat(restarted.route(q, null).variant()).isEqualTo(variant);
                }
            }

            var del = call("DELETE", "/admin/experiments/sticky", null, AUTH);
            assertThat(del.statusCode()).isEqualTo(200);
            assertThat(del.body()).contains("\"status\":\"stopped\"").contains("\"stopped_at\"");
            assertThat(results("sticky").status().name()).isEqualTo("STOPPED");
            MatchingResponse after = Json.read(post("/api/match", request("sticky_after", "sticky_user_1", "Java"),
                    null).body(), MatchingResponse.class);
            assertThat(after.experiment()).isNull();
            assertThat(after.variant()).isNull();
        }
    }

    @Nested
    class RedisOutage {

        @Test
        void changesAreRefusedWith503WhileRedisIsDownAndTheRunningExperimentKeepsServing() {
            assertThat(call("PUT", "/admin/experiments/outage", body("outage-salt", "rules", byRating, 0.5), AUTH)
                    .statusCode()).isEqualTo(200);
            TestInfrastructure.stopRedis();
            try {
                var refused = call("DELETE", "/admin/experiments/outage", null, AUTH);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                experiments.refresh();
                MatchingResponse m = Json.read(post("/api/match", request("outage_1", "outage_user", "Java"), null)
                        .body(), MatchingResponse.class);
                assertThat(m.experiment()).isEqualTo("outage");
            } finally {
                TestInfrastructure.startRedis();
            }
            Awaitility.await("Redis back").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> call("DELETE", "/admin/experiments/outage", null, AUTH).statusCode() == 200);
            assertThat(experiments.running()).isEmpty();
            // Leave the shared service as found: its result cache reconnected too.
            int[] n = {0};
            Awaitility.await("result cache back").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !post("/api/match", request("outage_after_" + n[0]++, "outage_user", "Java"), null)
                            .body().contains("cache_unavailable"));
        }
    }

    @Nested
    class Feedback {

        @Test
        void countsAnEventOnceAndAttributesItByTheRequestsVariant() {
            assertThat(call("PUT", "/admin/experiments/fb", body("fb-salt", "rules", byRating, 0.5), AUTH)
                    .statusCode()).isEqualTo(200);
            MatchingResponse m = Json.read(post("/api/match", request("fb_req_1", "fb_user", "React"), null).body(),
                    MatchingResponse.class);
            String coach = m.matches().get(0).coach().id();
            String event = """
                    {"event_id":"fb_evt_1","request_id":"fb_req_1","requester_id":"fb_user","coach_id":"%s",
                     "type":"booked","position":1}
                    """.formatted(coach);
            var first = post("/api/feedback", event, null);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(first.body()).contains("\"counted\":1");
            assertThat(post("/api/feedback", "[" + event + "," + event + "]", null).body())
                    .contains("\"duplicate\":2");
            assertThat(post("/api/feedback", "{\"event_id\":\"x\",\"type\":\"guru\"}", null).statusCode())
                    .isEqualTo(400);

            // REST feedback is forwarded to matching-feedback (for the export); the listener sees it as a duplicate.
            try (KafkaProbe probe = new KafkaProbe(TestInfrastructure.kafkaBootstrapServers(),
                    List.of(kafkaSettings.topics().feedback()))) {
                assertThat(probe.awaitAnswer("fb_req_1").value()).contains("\"event_id\":\"fb_evt_1\"");
            }
            Awaitility.await("the forwarded event consumed").atMost(Duration.ofSeconds(20))
                    .until(() -> meters.counter("coachmatch.feedback.events", "outcome", "duplicate").count() >= 3);
            ExperimentResults r = results("fb");
            assertThat(r.variant(m.variant()).bookings()).isEqualTo(1);
            assertThat(r.variants().stream().mapToLong(ExperimentResults.VariantResult::bookings).sum()).isEqualTo(1);
        }
    }

    /**
     * A simulated experiment over Kafka: users prefer highly rated coaches (their latent preference); control ranks
     * against the rating, treatment by it, so treatment's users book more often.
     */
    @Nested
    class SimulatedExperiment {

        @Test
        void theBetterVariantShowsASignificantLiftWithoutSampleRatioMismatch() {
            assertThat(call("PUT", "/admin/experiments/sim", body("sim-salt", againstRating, byRating, 0.5), AUTH)
                    .statusCode()).isEqualTo(200);
            String impressionsTopic = "matching-impressions";
            try (KafkaProbe probe = new KafkaProbe(TestInfrastructure.kafkaBootstrapServers(),
                    List.of(kafkaSettings.topics().responses(), impressionsTopic));
                    KafkaProducer<String, String> producer = producer()) {
                SplittableRandom random = new SplittableRandom(7);
                int users = 400;
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < users * 2; i++) {
                    String id = "sim_" + i;
                    ids.add(id);
                    producer.send(new ProducerRecord<>(kafkaSettings.topics().requests(), id,
                            request(id, "sim_user_" + (i % users), SKILLS[random.nextInt(SKILLS.length)])));
                }
                producer.flush();
                // A malformed and an invalid event first: logged and skipped, they must not hold anything up.
                producer.send(new ProducerRecord<>(kafkaSettings.topics().feedback(), "bad", "{not json"));
                producer.send(new ProducerRecord<>(kafkaSettings.topics().feedback(), "bad",
                        "{\"event_id\":\"sim_bad\",\"type\":\"guru\"}"));
                int event = 0;
                for (String id : ids) {
                    KafkaProbe.Received answer = probe.awaitAnswer(id, kafkaSettings.topics().responses());
                    MatchingResponse m = Json.read(answer.value(), MatchingResponse.class);
                    assertThat(m.experiment()).isEqualTo("sim");
                    if (m.matches().isEmpty()) {
                        continue;
                    }
                    var top = m.matches().get(0).coach();
                    double preference = Math.max(0, (top.rating().average() - 3.0) / 2.0);
                    boolean withVariant = random.nextBoolean();
                    List<String> events = new ArrayList<>();
                    for (int p = 0; p < Math.min(3, m.matches().size()); p++) {
                        events.add(feedback("sim_evt_" + event++, id, m.matches().get(p).coach().id(), "impression",
                                p + 1, withVariant ? m.variant() : null));
                    }
                    if (random.nextDouble() < 0.1 + 0.2 * preference) {
                        events.add(feedback("sim_evt_" + event++, id, top.id(), "click", 1,
                                withVariant ? m.variant() : null));
                    }
                    if (random.nextDouble() < 0.08 + 0.14 * preference) {
                        events.add(feedback("sim_evt_" + event++, id, top.id(), "booked", 1,
                                withVariant ? m.variant() : null));
                    }
                    for (String e : events) {
                        producer.send(new ProducerRecord<>(kafkaSettings.topics().feedback(), id, e));
                    }
                }
                producer.flush();
                int sent = event;
                // One redelivered event must not count twice.
                probe.send(kafkaSettings.topics().feedback(), "sim_0",
                        feedback("sim_evt_0", "sim_0", "coach_0001", "impression", 1, null), null);
                Awaitility.await("all feedback counted").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200)).until(() -> {
                            ExperimentResults r = results("sim");
                            return r.variants().stream().mapToLong(v -> v.impressions() + v.clicks() + v.bookings())
                                    .sum() == sent;
                        });
                ExperimentResults r = results("sim");
                System.out.println("Simulated experiment: " + Json.string(r));
                ExperimentResults.VariantResult control = r.variant("control");
                ExperimentResults.VariantResult treatment = r.variant("treatment");
                assertThat(control.units() + treatment.units()).isEqualTo(users);
                assertThat(control.requests() + treatment.requests()).isEqualTo(users * 2L);
                assertThat(control.modelVersion()).isEqualTo(againstRating);
                assertThat(treatment.modelVersion()).isEqualTo(byRating);
                assertThat(treatment.bookingRate().value()).isGreaterThan(control.bookingRate().value());
                assertThat(treatment.lift().ciLow()).isGreaterThan(0.0);
                assertThat(treatment.pValue()).isLessThan(0.01);
                assertThat(r.srm().flagged()).isFalse();

                // The impression log of a request: its variant, and the features the model scored.
                Awaitility.await("impression logs").atMost(Duration.ofSeconds(20)).until(() -> {
                    probe.poll();
                    return !probe.answers("sim_1").stream().filter(a -> a.topic().equals(impressionsTopic))
                            .toList().isEmpty();
                });
                KafkaProbe.Received logged = probe.answers("sim_1").stream()
                        .filter(a -> a.topic().equals(impressionsTopic)).findFirst().orElseThrow();
                ImpressionLog log = Json.read(logged.value(), ImpressionLog.class);
                MatchingResponse answered = Json.read(probe.awaitAnswer("sim_1", kafkaSettings.topics().responses()).value(),
                        MatchingResponse.class);
                assertThat(log.experiment()).isEqualTo("sim");
                assertThat(log.variant()).isEqualTo(answered.variant());
                assertThat(log.modelVersion()).isEqualTo(answered.modelVersion());
                assertThat(log.request().requesterId()).isEqualTo("sim_user_1");
                assertThat(log.featureNames()).isEqualTo(FeatureExtractor.FEATURES);
                assertThat(log.shown()).hasSize(answered.matches().size());
                ImpressionLog.Shown top = log.shown().get(0);
                assertThat(top.coachId()).isEqualTo(answered.matches().get(0).coach().id());
                assertThat(top.position()).isEqualTo(1);
                assertThat(top.features()).hasSize(FeatureExtractor.SIZE);
                assertThat(top.features()[FeatureExtractor.FEATURES.indexOf("rule_total")])
                        .isCloseTo(answered.matches().get(0).ruleScore(), org.assertj.core.data.Offset.offset(1e-9));
                // The logged vector is the one the model scored: scoring it again gives the served model_score.
                double rescored = ModelRegistry.open(MODELS).load(log.modelVersion()).compiled().score(top.features());
                assertThat(rescored).isCloseTo(answered.matches().get(0).modelScore(),
                        org.assertj.core.data.Offset.offset(1e-6));
            }
        }

        private static KafkaProducer<String, String> producer() {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            return new KafkaProducer<>(p);
        }

        private static String feedback(String eventId, String requestId, String coachId, String type, int position,
                String variant) {
            return """
                    {"event_id":"%s","request_id":"%s","coach_id":"%s","type":"%s","position":%d%s}
                    """.formatted(eventId, requestId, coachId, type, position,
                    variant == null ? "" : ",\"variant\":\"" + variant + "\"");
        }
    }
}
