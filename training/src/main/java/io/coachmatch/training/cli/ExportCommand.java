package io.coachmatch.training.cli;

import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.contract.FeedbackType;
import io.coachmatch.core.contract.ImpressionLog;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.json.JsonLines;
import io.coachmatch.core.validation.FeedbackValidator;
import io.coachmatch.core.validation.ValidationLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * Turns what serving showed and what users did into a training data set: reads {@code matching-impressions} and
 * {@code matching-feedback} (committed records only) from the offsets of {@code --from} up to the end offsets as
 * they were when the export started, and writes the contract's files.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Read matching-impressions and matching-feedback from a Kafka cluster and write a data set"
                + " train accepts: requests.jsonl, feedback.jsonl (impressions derived from the logs plus the feedback),"
                + " features.jsonl (the feature vectors serving scored) and coaches.jsonl (copied from --coaches).")
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers, HOST:PORT[,HOST:PORT].")
    String bootstrap;

    @Option(
            names = "--from",
            defaultValue = "earliest",
            description = "Start time: an ISO-8601 instant (2026-11-28T00:00:00Z), a duration back from now (P7D, PT6H)"
                    + " or 'earliest' (default ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--out", required = true, description = "Directory to write the data set into (created).")
    Path out;

    @Option(
            names = "--coaches",
            defaultValue = "data/coaches.jsonl",
            description = "The coach catalog to copy alongside (default ${DEFAULT-VALUE}).")
    Path coaches;

    @Option(
            names = "--impressions-topic",
            defaultValue = "matching-impressions",
            description = "(default ${DEFAULT-VALUE})")
    String impressionsTopic;

    @Option(names = "--feedback-topic", defaultValue = "matching-feedback", description = "(default ${DEFAULT-VALUE})")
    String feedbackTopic;

    @Option(
            names = "--timeout",
            defaultValue = "PT2M",
            description =
                    "Give up when no record arrives for this long before the end offsets (default ${DEFAULT-VALUE}).")
    Duration timeout;

    private final Map<String, Long> counts = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
        Instant start = parseFrom(from, Instant.now());
        if (!Files.isRegularFile(coaches)) {
            throw new IllegalArgumentException(
                    "--coaches " + coaches + " does not exist; name the catalog the " + "service served from");
        }
        Files.createDirectories(out);
        List<ImpressionLog> logs = new ArrayList<>();
        List<JsonNode> feedback = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            Map<TopicPartition, long[]> ranges = new LinkedHashMap<>();
            ranges.putAll(ranges(consumer, impressionsTopic, start));
            ranges.putAll(ranges(consumer, feedbackTopic, start));
            read(consumer, ranges, r -> {
                if (r.topic().equals(impressionsTopic)) {
                    try {
                        logs.add(Json.read(r.value(), ImpressionLog.class));
                    } catch (RuntimeException e) {
                        count("impression_logs_unreadable");
                    }
                } else {
                    try {
                        feedback.add(Json.tree(r.value()));
                    } catch (RuntimeException e) {
                        count("feedback_unreadable");
                    }
                }
            });
        }
        write(logs, feedback);
        Files.copy(
                coaches,
                out.resolve(
                        coaches.getFileName().toString().endsWith(".gz")
                                ? "coaches.jsonl.gz"
                                : coaches.getFileName().toString().endsWith(".json")
                                        ? "coaches.json"
                                        : "coaches.jsonl"),
                StandardCopyOption.REPLACE_EXISTING);
        Table t = new Table("EXPORTED", "COUNT");
        counts.forEach(t::row);
        t.row("written to", out.toAbsolutePath());
        t.print(spec.commandLine().getOut());
        return 0;
    }

    static Instant parseFrom(String from, Instant now) {
        if (from.equalsIgnoreCase("earliest")) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(from);
        } catch (DateTimeParseException e) {
            try {
                return now.minus(Duration.parse(from.toUpperCase().startsWith("P") ? from : "PT" + from));
            } catch (DateTimeParseException e2) {
                try {
                    return now.minus(Period.parse(from));
                } catch (DateTimeParseException e3) {
                    throw new IllegalArgumentException("--from '" + from + "' is neither an ISO-8601 instant, a "
                            + "duration such as P7D or PT6H, nor 'earliest'");
                }
            }
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "coachmatch-train-export");
        return new KafkaConsumer<>(p);
    }

    /** Per partition: the offset of the first record at or after {@code start}, and the end offset now. */
    private Map<TopicPartition, long[]> ranges(KafkaConsumer<?, ?> consumer, String topic, Instant start) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic '" + topic + "' does not exist at " + bootstrap);
        }
        List<TopicPartition> parts = infos.stream()
                .map(i -> new TopicPartition(topic, i.partition()))
                .toList();
        Map<TopicPartition, Long> query = new HashMap<>();
        parts.forEach(tp -> query.put(tp, start.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> byTime = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
        Map<TopicPartition, Long> ends = consumer.endOffsets(parts, Duration.ofSeconds(30));
        Map<TopicPartition, long[]> out = new LinkedHashMap<>();
        for (TopicPartition tp : parts) {
            long end = ends.get(tp);
            OffsetAndTimestamp at = byTime.get(tp);
            out.put(tp, new long[] {at == null ? end : at.offset(), end});
        }
        return out;
    }

    private void read(
            KafkaConsumer<String, byte[]> consumer,
            Map<TopicPartition, long[]> ranges,
            Consumer<ConsumerRecord<String, byte[]>> sink) {
        Map<TopicPartition, long[]> open = new HashMap<>();
        long total = 0;
        for (Map.Entry<TopicPartition, long[]> e : ranges.entrySet()) {
            if (e.getValue()[0] < e.getValue()[1]) {
                open.put(e.getKey(), e.getValue());
                total += e.getValue()[1] - e.getValue()[0];
            }
        }
        consumer.assign(open.keySet());
        open.forEach((tp, r) -> consumer.seek(tp, r[0]));
        try (Progress progress = Progress.start("Exporting", total, "records")) {
            long lastProgress = System.nanoTime();
            while (!open.isEmpty()) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> r : records) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    long[] range = open.get(tp);
                    if (range == null || r.offset() >= range[1]) {
                        continue;
                    }
                    sink.accept(r);
                    progress.step(1);
                }
                // Positions, not record counts, decide the end: transaction markers and aborted records
                // occupy offsets too.
                List<TopicPartition> done = new ArrayList<>();
                for (Map.Entry<TopicPartition, long[]> e : open.entrySet()) {
                    if (consumer.position(e.getKey()) >= e.getValue()[1]) {
                        done.add(e.getKey());
                    }
                }
                if (!records.isEmpty() || !done.isEmpty()) {
                    lastProgress = System.nanoTime();
                }
                done.forEach(open::remove);
                if (!done.isEmpty()) {
                    consumer.assign(open.keySet());
                }
                if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                    throw new IllegalStateException("no progress for " + timeout + " before the end offsets of "
                            + open.keySet() + "; is the broker reachable?");
                }
            }
        }
    }

    private void write(List<ImpressionLog> logs, List<JsonNode> feedback) throws IOException {
        FeedbackValidator validator = new FeedbackValidator(ValidationLimits.defaults());
        Set<String> requests = new HashSet<>();
        Set<String> shown = new HashSet<>();
        Set<String> events = new HashSet<>();
        try (JsonLines.LineWriter req = JsonLines.writer(out.resolve("requests.jsonl"));
                JsonLines.LineWriter fb = JsonLines.writer(out.resolve("feedback.jsonl"));
                JsonLines.LineWriter feat = JsonLines.writer(out.resolve("features.jsonl"))) {
            for (ImpressionLog log : logs) {
                count("impression_logs");
                if (log.request() == null || log.requestId() == null || !requests.add(log.requestId())) {
                    count("impression_logs_duplicate");
                    continue;
                }
                req.write(
                        log.request().createdAt() == null
                                ? log.request().withCreatedAt(log.servedAt())
                                : log.request());
                count("requests");
                for (ImpressionLog.Shown s : log.shown()) {
                    String eventId = "imp_" + log.requestId() + "_" + s.position();
                    events.add(eventId);
                    shown.add(log.requestId() + "\n" + s.coachId());
                    fb.write(new FeedbackEvent(
                            eventId,
                            log.requestId(),
                            log.requesterId(),
                            s.coachId(),
                            FeedbackType.IMPRESSION,
                            s.position(),
                            null,
                            log.modelVersion(),
                            log.variant(),
                            log.servedAt()));
                    count("impressions_derived");
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("request_id", log.requestId());
                    row.put("coach_id", s.coachId());
                    row.put("position", s.position());
                    row.put("model_version", log.modelVersion());
                    row.put("experiment", log.experiment());
                    row.put("variant", log.variant());
                    row.put("match_score", s.matchScore());
                    row.put("rule_score", s.ruleScore());
                    row.put("model_score", s.modelScore());
                    row.put("feature_names", log.featureNames());
                    row.put("features", s.features());
                    feat.write(row);
                }
            }
            for (JsonNode node : feedback) {
                List<ErrorDetail> problems = validator.validate(node);
                if (!problems.isEmpty()) {
                    count("feedback_invalid");
                    continue;
                }
                FeedbackEvent e = Json.convert(node, FeedbackEvent.class);
                if (!events.add(e.eventId())) {
                    count("feedback_duplicate");
                    continue;
                }
                if (e.type() == FeedbackType.IMPRESSION && shown.contains(e.requestId() + "\n" + e.coachId())) {
                    count("feedback_impressions_already_logged");
                    continue;
                }
                fb.write(e);
                count("feedback_" + e.type().name().toLowerCase());
            }
        }
    }

    private void count(String what) {
        counts.merge(what, 1L, Long::sum);
    }
}
