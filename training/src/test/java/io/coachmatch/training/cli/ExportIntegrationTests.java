package io.coachmatch.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.contract.FeedbackType;
import io.coachmatch.core.contract.ImpressionLog;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.json.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * {@code export} against a real broker: what serving would have logged (impression logs, committed in
 * transactions, one aborted) and the feedback that followed become a data set that {@code train} accepts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportIntegrationTests {

    private TestBroker broker;
    private Path generated;
    private int requests;
    private int impressions;
    private int outcomes;

    @BeforeAll
    void publishServedTraffic(@TempDir Path dir) throws Exception {
        broker = TestBroker.start();
        generated = dir.resolve("generated");
        assertThat(Cli.run("generate", "--seed", "11", "--coaches", "200", "--requests", "600", "--shown", "10",
                "--out", generated.toString()).exitCode()).isZero();
        Map<String, MatchingRequest> byId = new HashMap<>();
        List<MatchingRequest> order = new ArrayList<>();
        JsonLines.read(generated.resolve("requests.jsonl"), MatchingRequest.class, null, r -> {
            byId.put(r.requestId(), r);
            order.add(r);
        }, e -> { }, true);
        Map<String, List<ImpressionLog.Shown>> shown = new HashMap<>();
        List<FeedbackEvent> rest = new ArrayList<>();
        JsonLines.read(generated.resolve("feedback.jsonl"), FeedbackEvent.class, null, e -> {
            if (e.type() == FeedbackType.IMPRESSION) {
                double[] x = new double[FeatureExtractor.SIZE];
                x[0] = e.position() / 100.0;
                shown.computeIfAbsent(e.requestId(), k -> new ArrayList<>())
                        .add(new ImpressionLog.Shown(e.coachId(), e.position(), 0.7, 0.6, 0.8, x));
            } else {
                rest.add(e);
            }
        }, e -> { }, true);
        requests = order.size();
        try (KafkaProducer<String, byte[]> tx = producer(true); KafkaProducer<String, byte[]> plain = producer(false)) {
            tx.initTransactions();
            tx.beginTransaction();
            for (MatchingRequest r : order) {
                List<ImpressionLog.Shown> s = shown.getOrDefault(r.requestId(), List.of());
                impressions += s.size();
                ImpressionLog log = new ImpressionLog(r.requestId(), r.requesterId(), "exp", "control", "v0001",
                        r.createdAt(), false, r, FeatureExtractor.FEATURES, s);
                tx.send(new ProducerRecord<>("matching-impressions", r.requestId(), Json.bytes(log)));
            }
            // A duplicate request answered again from the cache: logged twice, exported once.
            MatchingRequest first = order.get(0);
            tx.send(new ProducerRecord<>("matching-impressions", first.requestId(), Json.bytes(new ImpressionLog(
                    first.requestId(), null, null, null, "v0001", Instant.now(), true, first, null, List.of()))));
            tx.commitTransaction();
            tx.beginTransaction();
            MatchingRequest aborted = first.withRequestId("aborted_request");
            tx.send(new ProducerRecord<>("matching-impressions", "aborted_request", Json.bytes(new ImpressionLog(
                    "aborted_request", null, null, null, "v0001", Instant.now(), false, aborted, null, List.of()))));
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
            Cli.Run export = Cli.run("export", "--bootstrap", broker.bootstrap(), "--from", "earliest", "--out",
                    out.toString(), "--coaches", generated.resolve("coaches.jsonl").toString());
            assertThat(export.exitCode()).as(export.err()).isZero();
            assertThat(export.out()).contains("impression_logs_duplicate").contains("feedback_invalid")
                    .contains("feedback_duplicate");

            assertThat(lines(out.resolve("requests.jsonl"))).isEqualTo(requests);
            assertThat(Files.readString(out.resolve("requests.jsonl"))).doesNotContain("aborted_request");
            assertThat(lines(out.resolve("feedback.jsonl"))).isEqualTo(impressions + outcomes);
            assertThat(lines(out.resolve("features.jsonl"))).isEqualTo(impressions);
            assertThat(Files.mismatch(out.resolve("coaches.jsonl"), generated.resolve("coaches.jsonl"))).isEqualTo(-1);
            String firstFeatures = Files.readAllLines(out.resolve("features.jsonl")).get(0);
            assertThat(firstFeatures).contains("\"feature_names\":[\"rule_skill\"").contains("\"variant\":\"control\"");

            Path registry = dir.resolve("models");
            Cli.Run train = Cli.run("train", "--data", out.toString(), "--registry", registry.toString());
            assertThat(train.exitCode()).as(train.err()).isZero();
            assertThat(registry.resolve("v0001").resolve("model.json")).exists();
        }

        @Test
        void startsAtTheOffsetsOfFrom(@TempDir Path dir) {
            Path out = dir.resolve("later");
            Cli.Run export = Cli.run("export", "--bootstrap", broker.bootstrap(), "--from", "2999-01-01T00:00:00Z",
                    "--out", out.toString(), "--coaches", generated.resolve("coaches.jsonl").toString());
            assertThat(export.exitCode()).as(export.err()).isZero();
            assertThat(out.resolve("requests.jsonl")).isEmptyFile();
        }

        @Test
        void refusesAMissingCoachesFile(@TempDir Path dir) {
            Cli.Run export = Cli.run("export", "--bootstrap", broker.bootstrap(), "--out", dir.toString(),
                    "--coaches", dir.resolve("none.jsonl").toString());
            assertThat(export.exitCode()).isEqualTo(2);
            assertThat(export.err()).contains("none.jsonl");
        }
    }
}
