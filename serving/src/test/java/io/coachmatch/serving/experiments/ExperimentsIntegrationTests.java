package io.coachmatch.serving.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.artifact.LoadedModel;
import io.coachmatch.core.artifact.Manifest;
import io.coachmatch.core.artifact.ModelDefinition;
import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.contract.FeedbackType;
import io.coachmatch.core.contract.ImpressionLog;
import io.coachmatch.core.contract.Match;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.MatchingResponse;
import io.coachmatch.core.contract.Priority;
import io.coachmatch.core.experiments.Assignment;
import io.coachmatch.core.experiments.ExperimentResults;
import io.coachmatch.core.experiments.ExperimentsFile;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.matching.CoachFacts;
import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.synthetic.SimulatedUsers;
import io.coachmatch.serving.cache.RedisStrings;
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
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.data.Offset;
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

    /** A model for the tests of the experiment machinery: ranks by the coach's shrunk rating. */
    private String byRating;

    @Autowired
    private Experiments experiments;

    @Autowired
    private VariantModels variantModels;

    @Autowired
    private io.coachmatch.serving.catalog.CoachCatalog catalog;

    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;

    @BeforeAll
    void publishModels() {
        int rating = FeatureExtractor.FEATURES.indexOf("shrunk_rating");
        byRating = publish(rating, 1.0, 0.0);
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
        ModelDefinition d = new ModelDefinition(
                ModelDefinition.FORMAT_VERSION,
                ModelDefinition.LINEAR,
                FeatureExtractor.FEATURES,
                new ModelDefinition.Text(2.0, Map.of(), List.of(), List.of(), new double[0]),
                new ModelDefinition.Standardisation(new double[n], ones),
                new ModelDefinition.Linear(w, bias),
                null,
                ModelDefinition.Calibration.minMax(-1, 1),
                0.8);
        Manifest draft = new Manifest(
                ModelDefinition.FORMAT_VERSION,
                null,
                Instant.parse("2026-11-28T12:00:00Z"),
                null,
                ModelDefinition.LINEAR,
                "experiment-tests",
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
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
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
                            .statusCode())
                    .isEqualTo(401);
            assertThat(call("DELETE", "/admin/experiments/no-token", null, "Bearer wrong")
                            .statusCode())
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
            assertThat(r.body())
                    .contains("\"field\":\"salt\"")
                    .contains("variants[1].model")
                    .contains("\"status\":400");
            assertThat(call("PUT", "/admin/experiments/bad", "{not json", AUTH).statusCode())
                    .isEqualTo(400);
            assertThat(call("DELETE", "/admin/experiments/never-started", null, AUTH)
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void aVariantsModelIsReadyForANewCatalogBeforeItServes() {
            assertThat(call("PUT", "/admin/experiments/prep", body("prep-salt", "rules", byRating, 0.5), AUTH)
                            .statusCode())
                    .isEqualTo(200);
            LoadedModel variant = (LoadedModel) variantModels.byVersion(byRating);
            io.coachmatch.serving.catalog.CatalogSnapshot before = catalog.snapshot();
            assertThat(before.indexes()).allMatch(variant::isPrepared);

            catalog.replaceAll(
                    before.indexes().stream().flatMap(i -> i.coaches().stream()).toList(), "prep-test");

            io.coachmatch.serving.catalog.CatalogSnapshot after = catalog.snapshot();
            assertThat(after.version()).isGreaterThan(before.version());
            // built when the new index was, not by the first request that the variant answers against it
            assertThat(after.indexes()).isNotEmpty().allMatch(variant::isPrepared);
        }

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
            String first = post("/api/match", request("sticky_0", "sticky_user_0", SKILLS[0]), null)
                    .body();
            assertThat(post("/api/match", request("sticky_0", "sticky_user_0", SKILLS[0]), null)
                            .body())
                    .isEqualTo(first);
            // counted off the answering thread: the counts arrive shortly after the answers
            Awaitility.await("the requests counted")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> results("sticky").variants().stream()
                                    .mapToLong(ExperimentResults.VariantResult::requests)
                                    .sum()
                            == 40);
            ExperimentResults counted = results("sticky");
            assertThat(counted.variants().stream()
                            .mapToLong(ExperimentResults.VariantResult::requests)
                            .sum())
                    .isEqualTo(40);
            assertThat(counted.variants().stream()
                            .mapToLong(ExperimentResults.VariantResult::units)
                            .sum())
                    .isEqualTo(10);

            // Another instance (same Redis, its own models directory) and a restart from the file agree.
            try (RedisStrings redis =
                    new RedisStrings("127.0.0.1", TestInfrastructure.redisPort(), Duration.ofSeconds(1))) {
                Path otherDir = Files.createTempDirectory("other-instance-");
                Experiments other = new Experiments(
                        new ExperimentStore.RedisStore(redis, otherDir.resolve(ExperimentsFile.FILE_NAME)),
                        new VariantModels(null, null) {
                            @Override
                            public Resolved resolve(String model) {
                                return new Resolved(model, model, null);
                            }
                        },
                        Clock.systemUTC());
                other.refresh();
                Experiments restarted = new Experiments(
                        new ExperimentStore.FileStore(MODELS.resolve(ExperimentsFile.FILE_NAME)),
                        new VariantModels(null, null) {
                            @Override
                            public Resolved resolve(String model) {
                                return new Resolved(model, model, null);
                            }
                        },
                        Clock.systemUTC());
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
            MatchingResponse after = Json.read(
                    post("/api/match", request("sticky_after", "sticky_user_1", "Java"), null)
                            .body(),
                    MatchingResponse.class);
            assertThat(after.experiment()).isNull();
            assertThat(after.variant()).isNull();
        }
    }

    @Nested
    class RedisOutage {

        @Test
        void changesAreRefusedWith503WhileRedisIsDownAndTheRunningExperimentKeepsServing() {
            assertThat(call("PUT", "/admin/experiments/outage", body("outage-salt", "rules", byRating, 0.5), AUTH)
                            .statusCode())
                    .isEqualTo(200);
            TestInfrastructure.stopRedis();
            try {
                var refused = call("DELETE", "/admin/experiments/outage", null, AUTH);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                experiments.refresh();
                MatchingResponse m = Json.read(
                        post("/api/match", request("outage_1", "outage_user", "Java"), null)
                                .body(),
                        MatchingResponse.class);
                assertThat(m.experiment()).isEqualTo("outage");
            } finally {
                TestInfrastructure.startRedis();
            }
            Awaitility.await("Redis back")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> call("DELETE", "/admin/experiments/outage", null, AUTH)
                                    .statusCode()
                            == 200);
            assertThat(experiments.running()).isEmpty();
            // Leave the shared service as found: its result cache reconnected too.
            int[] n = {0};
            Awaitility.await("result cache back")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !post("/api/match", request("outage_after_" + n[0]++, "outage_user", "Java"), null)
                            .body()
                            .contains("cache_unavailable"));
        }
    }

    @Nested
    class Feedback {

        @Test
        void countsAnEventOnceAndAttributesItByTheRequestsVariant() {
            assertThat(call("PUT", "/admin/experiments/fb", body("fb-salt", "rules", byRating, 0.5), AUTH)
                            .statusCode())
                    .isEqualTo(200);
            MatchingResponse m = Json.read(
                    post("/api/match", request("fb_req_1", "fb_user", "React"), null)
                            .body(),
                    MatchingResponse.class);
            String coach = m.matches().get(0).coach().id();
            String event = """
                    {"event_id":"fb_evt_1","request_id":"fb_req_1","requester_id":"fb_user","coach_id":"%s",
                     "type":"booked","position":1}
                    """.formatted(coach);
            var first = post("/api/feedback", event, "Bearer " + FEEDBACK_TOKEN);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(first.body()).contains("\"counted\":1");
            assertThat(post("/api/feedback", "[" + event + "," + event + "]", "Bearer " + FEEDBACK_TOKEN)
                            .body())
                    .contains("\"duplicate\":2");
            assertThat(post("/api/feedback", "{\"event_id\":\"x\",\"type\":\"guru\"}", AUTH)
                            .statusCode())
                    .isEqualTo(400);

            // REST feedback is forwarded to matching-feedback (for the export); the listener sees it as a duplicate.
            try (KafkaProbe probe = new KafkaProbe(
                    TestInfrastructure.kafkaBootstrapServers(),
                    List.of(kafkaSettings.topics().feedback()))) {
                assertThat(probe.awaitAnswer("fb_req_1").value()).contains("\"event_id\":\"fb_evt_1\"");
            }
            Awaitility.await("the forwarded event consumed")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> meters.counter("coachmatch.feedback.events", "outcome", "duplicate")
                                    .count()
                            >= 3);
            ExperimentResults r = results("fb");
            assertThat(r.variant(m.variant()).bookings()).isEqualTo(1);
            assertThat(r.variants().stream()
                            .mapToLong(ExperimentResults.VariantResult::bookings)
                            .sum())
                    .isEqualTo(1);
        }
    }

    /**
     * A simulated experiment end to end over Kafka, with the people of {@code coachmatch-train generate}: every answer
     * read from {@code matching-responses} is shown to a requester of core's {@link SimulatedUsers} (the latent
     * preference, position bias and choice process of generate), whose feedback goes to {@code matching-feedback}.
     *
     * <p>The features the people judge a coach by are computed once, with the shipped model's {@link FeatureExtractor}
     * (its TF-IDF was fitted on generate's coaches: the world generate simulates), for either variant: the people do
     * not change with the ranker that served them, whereas a variant's logged vectors are its own model's view.
     *
     * <p>Variants: treatment ranks by the latent preference (a linear model whose weights are the preference's own
     * coefficients, read off {@link SimulatedUsers#utility}); control ranks against it (the same weights negated).
     * Under generate's choice model people judge a coach relative to the list they are shown, so a ranker wins only
     * by the order of the list, through position bias, and the rules already order this small catalog nearly as
     * well as the preference does. Measured offline on 4,000 requests of this shape, each answered by every ranker
     * (bookings per request): rules 0.774, the shipped v0001 0.769, the preference 0.809 (+4.5%), a ranker by
     * experience alone 0.686, against the preference 0.560. So rules against v0001 would show no lift, and even the
     * preference against the rules needs thousands of requests an arm; against the preference the lift (+45% typical
     * at 300 requesters) reached p < 0.01 for 39 of 40 seeds offline, and this seed's run gives +83%. A wide
     * calibration keeps every coach that passes the filters above the minimum score, so both variants show the same
     * coaches and differ only in their order.
     */
    @Nested
    class SimulatedExperiment {

        private static final String[] ALL_SKILLS = {
            "React", "Kubernetes", "Java", "Leadership", "TypeScript", "Python", "Go", "SQL"
        };
        private static final String[] PRIORITIES = {"low", "normal", "high"};

        @Test
        void theVariantThatKnowsThePreferenceShowsASignificantLiftWithoutSampleRatioMismatch() {
            LoadedModel shipped = ModelRegistry.open(Path.of("..", "models")).load("v0001");
            FeatureExtractor world = shipped.compiled().extractor();
            String preference = publishPreference(shipped, 1.0);
            String against = publishPreference(shipped, -1.0);
            assertThat(call("PUT", "/admin/experiments/sim", body("sim-salt", against, preference, 0.5), AUTH)
                            .statusCode())
                    .isEqualTo(200);
            String impressionsTopic = "matching-impressions";
            MatchingSettings settings = MatchingSettings.defaults();
            MatchingEngine engine = new MatchingEngine(settings);
            try (KafkaProbe probe = new KafkaProbe(
                            TestInfrastructure.kafkaBootstrapServers(),
                            List.of(kafkaSettings.topics().responses(), impressionsTopic));
                    KafkaProducer<String, String> producer = producer()) {
                SplittableRandom random = new SplittableRandom(7);
                int users = 300;
                List<String> ids = new ArrayList<>();
                Map<String, MatchingRequest> requests = new HashMap<>();
                for (int i = 0; i < users * 2; i++) {
                    String id = "sim_" + i;
                    String body = simulatedRequest(id, "sim_user_" + (i % users), random);
                    ids.add(id);
                    requests.put(id, Json.read(body, MatchingRequest.class));
                    producer.send(new ProducerRecord<>(kafkaSettings.topics().requests(), id, body));
                }
                producer.flush();
                // A malformed and an invalid event first: logged and skipped, they must not hold anything up.
                producer.send(new ProducerRecord<>(kafkaSettings.topics().feedback(), "bad", "{not json"));
                producer.send(new ProducerRecord<>(
                        kafkaSettings.topics().feedback(), "bad", "{\"event_id\":\"sim_bad\",\"type\":\"guru\"}"));
                Map<String, long[]> expected = new HashMap<>();
                Map<String, MatchingResponse> answers = new HashMap<>();
                Map<String, List<double[]>> seen = new HashMap<>();
                FeedbackEvent aBooking = null;
                int event = 0;
                for (String id : ids) {
                    MatchingResponse m = Json.read(
                            probe.awaitAnswer(id, kafkaSettings.topics().responses())
                                    .value(),
                            MatchingResponse.class);
                    assertThat(m.experiment()).isEqualTo("sim");
                    answers.put(id, m);
                    MatchingRequest request = requests.get(id);
                    List<CoachFacts> coaches = new ArrayList<>();
                    for (Match match : m.matches()) {
                        coaches.add(CoachFacts.of(match.coach(), settings.rates()));
                    }
                    List<double[]> features = world.extractAll(engine.compile(request), coaches, settings.weights());
                    seen.put(id, features);
                    List<SimulatedUsers.Shown> shown = new ArrayList<>();
                    for (int k = 0; k < features.size(); k++) {
                        Match match = m.matches().get(k);
                        shown.add(new SimulatedUsers.Shown(match.coach().id(), match.rank(), features.get(k)));
                    }
                    // Half the events name their variant; the rest are attributed by the request's logged variant.
                    String variant = random.nextBoolean() ? m.variant() : null;
                    long[] counts = expected.computeIfAbsent(m.variant(), v -> new long[FeedbackType.values().length]);
                    for (FeedbackEvent e :
                            SimulatedUsers.react(request, shown, random.split(), m.modelVersion(), variant)) {
                        FeedbackEvent numbered = new FeedbackEvent(
                                "sim_evt_" + event++,
                                e.requestId(),
                                e.requesterId(),
                                e.coachId(),
                                e.type(),
                                e.position(),
                                e.rating(),
                                e.modelVersion(),
                                e.variant(),
                                e.occurredAt());
                        counts[e.type().ordinal()]++;
                        if (aBooking == null && e.type() == FeedbackType.BOOKED) {
                            aBooking = numbered;
                        }
                        producer.send(
                                new ProducerRecord<>(kafkaSettings.topics().feedback(), id, Json.string(numbered)));
                    }
                }
                producer.flush();
                Awaitility.await("all feedback counted")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            ExperimentResults r = results("sim");
                            return r.variants().stream()
                                    .allMatch(v -> countsOf(v)
                                            .equals(countsOf(expected.getOrDefault(
                                                    v.name(), new long[FeedbackType.values().length]))));
                        });
                // One redelivered booking must not count twice.
                double duplicatesBefore = meters.counter("coachmatch.feedback.events", "outcome", "duplicate")
                        .count();
                probe.send(kafkaSettings.topics().feedback(), aBooking.requestId(), Json.string(aBooking), null);
                Awaitility.await("the redelivered event seen")
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> meters.counter("coachmatch.feedback.events", "outcome", "duplicate")
                                        .count()
                                > duplicatesBefore);

                ExperimentResults r = results("sim");
                System.out.println("Simulated experiment: " + Json.string(r));
                ExperimentResults.VariantResult control = r.variant("control");
                ExperimentResults.VariantResult treatment = r.variant("treatment");
                assertThat(countsOf(control)).isEqualTo(countsOf(expected.get("control")));
                assertThat(countsOf(treatment)).isEqualTo(countsOf(expected.get("treatment")));
                assertThat(control.units() + treatment.units()).isEqualTo(users);
                assertThat(control.requests() + treatment.requests()).isEqualTo(users * 2L);
                assertThat(control.modelVersion()).isEqualTo(against);
                assertThat(treatment.modelVersion()).isEqualTo(preference);
                assertThat(treatment.bookingRate().value())
                        .isGreaterThan(control.bookingRate().value());
                assertThat(treatment.bookingRate().value()).isLessThan(1.0);
                assertThat(treatment.lift().ciLow()).isGreaterThan(0.0);
                assertThat(treatment.pValue()).isLessThan(0.01);
                assertThat(r.srm().flagged()).isFalse();

                // The impression log of a request: its variant, and the features the model scored, which for these
                // models (the shipped model's text) are the very vectors the simulated people judged.
                String id = ids.stream()
                        .filter(i -> !answers.get(i).matches().isEmpty())
                        .findFirst()
                        .orElseThrow();
                ImpressionLog log =
                        Json.read(probe.awaitAnswer(id, impressionsTopic).value(), ImpressionLog.class);
                MatchingResponse answered = answers.get(id);
                assertThat(log.experiment()).isEqualTo("sim");
                assertThat(log.variant()).isEqualTo(answered.variant());
                assertThat(log.modelVersion()).isEqualTo(answered.modelVersion());
                assertThat(log.request().requesterId())
                        .isEqualTo(requests.get(id).requesterId());
                assertThat(log.featureNames()).isEqualTo(FeatureExtractor.FEATURES);
                assertThat(log.shown()).hasSize(answered.matches().size());
                for (int k = 0; k < log.shown().size(); k++) {
                    ImpressionLog.Shown s = log.shown().get(k);
                    assertThat(s.coachId())
                            .isEqualTo(answered.matches().get(k).coach().id());
                    assertThat(s.position()).isEqualTo(k + 1);
                    assertThat(s.features()).containsExactly(seen.get(id).get(k), Offset.offset(1e-9));
                }
                ImpressionLog.Shown top = log.shown().get(0);
                assertThat(top.features()[FeatureExtractor.FEATURES.indexOf("rule_total")])
                        .isCloseTo(answered.matches().get(0).ruleScore(), Offset.offset(1e-9));
                // The logged vector is the one the model scored: scoring it again gives the served model_score.
                double rescored = ModelRegistry.open(MODELS)
                        .load(log.modelVersion())
                        .compiled()
                        .score(top.features());
                assertThat(rescored).isCloseTo(answered.matches().get(0).modelScore(), Offset.offset(1e-6));
            }
        }

        private static List<Long> countsOf(ExperimentResults.VariantResult v) {
            return List.of(v.impressions(), v.clicks(), v.contacts(), v.bookings());
        }

        private static List<Long> countsOf(long[] byType) {
            return List.of(
                    byType[FeedbackType.IMPRESSION.ordinal()],
                    byType[FeedbackType.CLICK.ordinal()],
                    byType[FeedbackType.CONTACT.ordinal()],
                    byType[FeedbackType.BOOKED.ordinal()]);
        }

        /**
         * A linear model over the latent preference: its weights are {@link SimulatedUsers#utility}'s coefficients
         * (the price term per priority through the per-priority price features), times {@code sign}; its text is
         * the shipped model's, so its TF-IDF cosine is the one the people see.
         */
        private String publishPreference(LoadedModel shipped, double sign) {
            int n = FeatureExtractor.SIZE;
            double normal = SimulatedUsers.priceSensitivity(Priority.NORMAL);
            double base = SimulatedUsers.utility(new double[n], normal, 0);
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                double[] unit = new double[n];
                unit[i] = 1;
                w[i] = sign * (SimulatedUsers.utility(unit, normal, 0) - base);
            }
            w[FeatureExtractor.FEATURES.indexOf("price_ratio_low")] =
                    -sign * (SimulatedUsers.priceSensitivity(Priority.LOW) - normal);
            w[FeatureExtractor.FEATURES.indexOf("price_ratio_high")] =
                    -sign * (SimulatedUsers.priceSensitivity(Priority.HIGH) - normal);
            assertThat(w[FeatureExtractor.FEATURES.indexOf("tfidf_cosine")]).isEqualTo(3.0 * sign);
            double[] ones = new double[n];
            Arrays.fill(ones, 1.0);
            ModelDefinition d = new ModelDefinition(
                    ModelDefinition.FORMAT_VERSION,
                    ModelDefinition.LINEAR,
                    FeatureExtractor.FEATURES,
                    shipped.definition().text(),
                    new ModelDefinition.Standardisation(new double[n], ones),
                    new ModelDefinition.Linear(w, sign * base),
                    null,
                    ModelDefinition.Calibration.minMax(-16, 4),
                    1.0);
            Manifest draft = new Manifest(
                    ModelDefinition.FORMAT_VERSION,
                    null,
                    Instant.parse("2026-11-28T12:00:00Z"),
                    null,
                    ModelDefinition.LINEAR,
                    sign > 0 ? "latent-preference" : "against-latent-preference",
                    Map.of(),
                    42L,
                    "test",
                    Map.of(),
                    Map.of(),
                    1.0,
                    Map.of("java", "17"),
                    null);
            return ModelRegistry.open(MODELS).publish(d, draft);
        }

        /** A request of one or two mandatory skills of the test catalog, with a varied priority and budget. */
        private static String simulatedRequest(String id, String requester, SplittableRandom random) {
            String skill = ALL_SKILLS[random.nextInt(ALL_SKILLS.length)];
            String other = ALL_SKILLS[random.nextInt(ALL_SKILLS.length)];
            String second = other.equals(skill) ? "" : ",{\"name\":\"%s\",\"mandatory\":true}".formatted(other);
            String budget = random.nextInt(3) == 0
                    ? ""
                    : ",\"budget_constraints\":{\"max_hourly_rate\":%d,\"currency\":\"USD\"}"
                            .formatted(80 + random.nextInt(140));
            return """
                    {"request_id":"%s","requester_id":"%s","created_at":"2026-11-28T10:00:00Z",
                     "title":"%s coaching","description":"Looking for help with %s for my team",
                     "session_type":"individual","priority":"%s",
                     "skills_required":[{"name":"%s","mandatory":true}%s]%s,"availability_requirements":{"flexibility":1.0}}
                    """.formatted(
                    id, requester, skill, skill, PRIORITIES[random.nextInt(PRIORITIES.length)], skill, second, budget);
        }

        private static KafkaProducer<String, String> producer() {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            return new KafkaProducer<>(p);
        }
    }
}
