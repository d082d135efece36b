package io.coachmatch.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.artifact.LoadedModel;
import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.contract.FeedbackType;
import io.coachmatch.core.contract.ImpressionLog;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.json.JsonLines;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.CoachFacts;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.ScoredCoach;
import io.coachmatch.core.synthetic.SimulatedUsers;
import io.coachmatch.training.data.DataLoader;
import io.coachmatch.training.data.DataSet;
import io.coachmatch.training.data.PairFeatures;
import io.coachmatch.training.fit.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} against a real broker: what serving would have logged (impression logs with the vectors the model
 * scored, committed in transactions, one aborted) and the feedback simulated people gave become a data set that
 * {@code train} learns from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportIntegrationTests {

    private TestBroker broker;
    private Path generated;
    private int requests;
    private int impressions;
    private int outcomes;

    /** The vector the model scored for the first shown coach of the first answered request. */
    private String firstRequest;

    private String firstCoach;
    private double[] firstVector;

    /**
     * Serves the generated requests the way serving does, through core's answering path with the shipped model
     * ({@link CatalogIndex#match} records the vectors the model scored in {@link ScoredCoach#features}, which serving
     * logs), and lets generate's simulated people ({@link SimulatedUsers}) react to each answer.
     */
    @BeforeAll
    void publishServedTraffic(@TempDir Path dir) throws Exception {
        broker = TestBroker.start();
        generated = dir.resolve("generated");
        assertThat(Cli.run(
                                "generate",
                                "--seed",
                                "11",
                                "--coaches",
                                "200",
                                "--requests",
                                "600",
                                "--shown",
                                "10",
                                "--out",
                                generated.toString())
                        .exitCode())
                .isZero();
        List<CoachProfile> coaches = new ArrayList<>();
        JsonLines.read(generated.resolve("coaches.jsonl"), CoachProfile.class, null, coaches::add, e -> {}, true);
        List<MatchingRequest> order = new ArrayList<>();
        JsonLines.read(generated.resolve("requests.jsonl"), MatchingRequest.class, null, order::add, e -> {}, true);
        MatchingSettings settings = MatchingSettings.defaults();
        CatalogIndex catalog = CatalogIndex.build(coaches, settings.rates());
        LoadedModel model = ModelRegistry.open(Path.of("..", "models")).load("v0001");
        FeatureExtractor world = PairFeatures.extractorFor(coaches, Training.DEFAULT_MAX_TERMS);
        SplittableRandom random = new SplittableRandom(11);
        Map<String, List<ImpressionLog.Shown>> shown = new HashMap<>();
        List<FeedbackEvent> rest = new ArrayList<>();
        for (MatchingRequest r : order) {
            MatchQuery q = MatchQuery.compile(r, settings, r.createdAt());
            List<ScoredCoach> top = catalog.match(q, settings.weights(), settings.minMatchScore(), model, null)
                    .top();
            List<ImpressionLog.Shown> logged = new ArrayList<>();
            List<CoachFacts> facts = new ArrayList<>();
            for (int i = 0; i < top.size(); i++) {
                ScoredCoach sc = top.get(i);
                assertThat(sc.features()).as("the vector the model scored").hasSize(FeatureExtractor.SIZE);
                logged.add(new ImpressionLog.Shown(
                        sc.coach().id(), i + 1, sc.matchScore(), sc.rules().total(), sc.modelScore(), sc.features()));
                facts.add(CoachFacts.of(sc.coach(), settings.rates()));
            }
            shown.put(r.requestId(), logged);
            if (firstRequest == null && !top.isEmpty()) {
                firstRequest = r.requestId();
                firstCoach = top.get(0).coach().id();
                firstVector = top.get(0).features().clone();
            }
            List<double[]> seen = world.extractAll(q, facts, settings.weights());
            List<SimulatedUsers.Shown> people = new ArrayList<>();
            for (int i = 0; i < top.size(); i++) {
                people.add(new SimulatedUsers.Shown(top.get(i).coach().id(), i + 1, seen.get(i)));
            }
            for (FeedbackEvent e : SimulatedUsers.react(r, people, random.split(), model.version(), "control")) {
                if (e.type() != FeedbackType.IMPRESSION) {
                    rest.add(new FeedbackEvent(
                            "fb_" + rest.size(),
                            e.requestId(),
                            e.requesterId(),
                            e.coachId(),
                            e.type(),
                            e.position(),
                            e.rating(),
                            e.modelVersion(),
                            e.variant(),
                            e.occurredAt()));
                }
            }
        }
        requests = order.size();
        try (KafkaProducer<String, byte[]> tx = producer(true);
                KafkaProducer<String, byte[]> plain = producer(false)) {
            tx.initTransactions();
            tx.beginTransaction();
            for (MatchingRequest r : order) {
                List<ImpressionLog.Shown> s = shown.getOrDefault(r.requestId(), List.of());
                impressions += s.size();
                ImpressionLog log = new ImpressionLog(
                        r.requestId(),
                        r.requesterId(),
                        "exp",
                        "control",
                        model.version(),
                        r.createdAt(),
                        false,
                        r,
                        FeatureExtractor.FEATURES,
                        s);
                tx.send(new ProducerRecord<>("matching-impressions", r.requestId(), Json.bytes(log)));
            }
            // A duplicate request answered again from the cache: logged twice, exported once.
            MatchingRequest first = order.get(0);
            tx.send(new ProducerRecord<>(
                    "matching-impressions",
                    first.requestId(),
                    Json.bytes(new ImpressionLog(
                            first.requestId(),
                            null,
                            null,
                            null,
                            "v0001",
                            Instant.now(),
                            true,
                            first,
                            null,
                            List.of()))));
            tx.commitTransaction();
            tx.beginTransaction();
            MatchingRequest aborted = first.withRequestId("aborted_request");
            tx.send(new ProducerRecord<>(
                    "matching-impressions",
                    "aborted_request",
                    Json.bytes(new ImpressionLog(
                            "aborted_request",
                            null,
                            null,
                            null,
                            "v0001",
                            Instant.now(),
                            false,
                            aborted,
                            null,
                            List.of()))));
            tx.flush();
            tx.abortTransaction();
            for (FeedbackEvent e : rest) {
                plain.send(new ProducerRecord<>("matching-feedback", e.requestId(), Json.bytes(e)));
            }
            outcomes = rest.size();
            plain.send(new ProducerRecord<>("matching-feedback", "x", Json.bytes(rest.get(0))));
            plain.send(new ProducerRecord<>("matching-feedback", "x", "{\"event_id\":\"bad\"}".getBytes()));
            plain.flush();
        }
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private KafkaProducer<String, byte[]> producer(boolean transactional) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        if (transactional) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "export-test");
        }
        return new KafkaProducer<>(p);
    }

    private static long lines(Path file) throws Exception {
        try (var s = Files.lines(file)) {
            return s.count();
        }
    }

    @Nested
    class ExportThenTrain {

        @Test
        void writesTheServedRequestsFeedbackAndFeaturesAndTrainProducesAVersion(@TempDir Path dir) throws Exception {
            Path out = dir.resolve("export");
            Cli.Run export = Cli.run(
                    "export",
                    "--bootstrap",
                    broker.bootstrap(),
                    "--from",
                    "earliest",
                    "--out",
                    out.toString(),
                    "--coaches",
                    generated.resolve("coaches.jsonl").toString());
            assertThat(export.exitCode()).as(export.err()).isZero();
            assertThat(export.out())
                    .contains("impression_logs_duplicate")
                    .contains("feedback_invalid")
                    .contains("feedback_duplicate");

            assertThat(lines(out.resolve("requests.jsonl"))).isEqualTo(requests);
            assertThat(Files.readString(out.resolve("requests.jsonl"))).doesNotContain("aborted_request");
            assertThat(lines(out.resolve("feedback.jsonl"))).isEqualTo(impressions + outcomes);
            assertThat(lines(out.resolve("features.jsonl"))).isEqualTo(impressions);
            assertThat(Files.mismatch(out.resolve("coaches.jsonl"), generated.resolve("coaches.jsonl")))
                    .isEqualTo(-1);
            String firstFeatures =
                    Files.readAllLines(out.resolve("features.jsonl")).get(0);
            assertThat(firstFeatures)
                    .contains("\"feature_names\":[\"rule_skill\"")
                    .contains("\"variant\":\"control\"");

            // train learns from the logged vectors: every pair has one, none is computed.
            DataSet exported = new DataLoader(MatchingSettings.defaults().rates(), true, System.err::println).load(out);
            int r = exported.requests().stream()
                    .map(MatchingRequest::requestId)
                    .toList()
                    .indexOf(firstRequest);
            int c = exported.coaches().stream().map(CoachProfile::id).toList().indexOf(firstCoach);
            assertThat(exported.pairs().get(r))
                    .filteredOn(p -> p.coach() == c)
                    .singleElement()
                    .satisfies(p -> assertThat(p.logged()).containsExactly(firstVector));
            Path registry = dir.resolve("models");
            Cli.Run train = Cli.run("train", "--data", out.toString(), "--registry", registry.toString());
            assertThat(train.exitCode()).as(train.err()).isZero();
            assertThat(train.out())
                    .contains("features: " + impressions + " pairs from logs (features.jsonl), 0 computed");
            assertThat(registry.resolve("v0001").resolve("model.json")).exists();
            assertThat(ModelRegistry.open(registry).load("v0001").manifest().data())
                    .containsEntry("pairs_features_logged", (long) impressions)
                    .containsEntry("pairs_features_computed", 0L);
        }

        @Test
        void startsAtTheOffsetsOfFrom(@TempDir Path dir) {
            Path out = dir.resolve("later");
            Cli.Run export = Cli.run(
                    "export",
                    "--bootstrap",
                    broker.bootstrap(),
                    "--from",
                    "2999-01-01T00:00:00Z",
                    "--out",
                    out.toString(),
                    "--coaches",
                    generated.resolve("coaches.jsonl").toString());
            assertThat(export.exitCode()).as(export.err()).isZero();
            assertThat(out.resolve("requests.jsonl")).isEmptyFile();
        }

        @Test
        void refusesAMissingCoachesFile(@TempDir Path dir) {
            Cli.Run export = Cli.run(
                    "export",
                    "--bootstrap",
                    broker.bootstrap(),
                    "--out",
                    dir.toString(),
                    "--coaches",
                    dir.resolve("none.jsonl").toString());
            assertThat(export.exitCode()).isEqualTo(2);
            assertThat(export.err()).contains("none.jsonl");
        }
    }
}
