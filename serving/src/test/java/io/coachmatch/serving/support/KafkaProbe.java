package io.coachmatch.serving.support;

import io.coachmatch.core.contract.ContractSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Plays the backend in tests: sends requests and coach profiles, and reads every answer on the
 * responses and errors topics the way the backend must, {@code read_committed}.
 */
public final class KafkaProbe implements AutoCloseable {

    /** One answer as read from Kafka. */
    public record Received(
            String topic, String key, String value, String correlationId, int partition, Map<String, String> headers) {}

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Received> all = new CopyOnWriteArrayList<>();
    private final Map<String, List<Received>> byKeyOrCorrelation = new ConcurrentHashMap<>();

    public KafkaProbe(String bootstrap, List<String> answerTopics) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        producer = new KafkaProducer<>(p);
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(c);
        List<TopicPartition> parts = new ArrayList<>();
        for (String t : answerTopics) {
            consumer.partitionsFor(t, Duration.ofSeconds(10))
                    .forEach(i -> parts.add(new TopicPartition(t, i.partition())));
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
    }

    /** Sends a record and returns the partition it went to. */
    public int send(String topic, String key, byte[] value, String correlationId) {
        return sendWithHeaders(
                topic, key, value, correlationId == null ? Map.of() : Map.of("correlation_id", correlationId));
    }

    /** Sends a record with these headers and returns the partition it went to. */
    public int sendWithHeaders(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer.send(r).get(10, TimeUnit.SECONDS).partition();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    public int send(String topic, String key, String value, String correlationId) {
        return send(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), correlationId);
    }

    /** Reads whatever has arrived. */
    public synchronized void poll() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
            Header h = r.headers().lastHeader("correlation_id");
            String corr = h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            r.headers().forEach(x -> headers.put(x.key(), new String(x.value(), StandardCharsets.UTF_8)));
            Received rec = new Received(
                    r.topic(),
                    r.key(),
                    r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8),
                    corr,
                    r.partition(),
                    headers);
            conforms(rec);
            all.add(rec);
            if (r.key() != null) {
                byKeyOrCorrelation
                        .computeIfAbsent(r.key(), k -> new CopyOnWriteArrayList<>())
                        .add(rec);
            }
            if (corr != null && !corr.equals(r.key())) {
                byKeyOrCorrelation
                        .computeIfAbsent(corr, k -> new CopyOnWriteArrayList<>())
                        .add(rec);
            }
        }
    }

    /**
     * Every answer the service writes must conform to the contract's published schema (docs/schemas): a response on a
     * responses topic, an error on an errors topic. (Other topics carry what tests write, garbage included.) Throws at
     * once, naming the record and its problems.
     */
    private static void conforms(Received r) {
        if (r.value() == null) {
            return;
        }
        ContractSchemas.Kind kind = r.topic().endsWith("responses")
                ? ContractSchemas.Kind.MATCHING_RESPONSE
                : r.topic().endsWith("errors") ? ContractSchemas.Kind.MATCHING_ERROR : null;
        if (kind == null) {
            return;
        }
        List<String> problems = ContractSchemas.problems(kind, r.value());
        if (!problems.isEmpty()) {
            throw new AssertionError("a record on " + r.topic() + " (key " + r.key() + ") does not conform to "
                    + kind.fileName() + ": " + problems + "\n" + r.value());
        }
    }

    /** Waits for the first answer whose key (request_id) or correlation_id is {@code id}. */
    public Received awaitAnswer(String id) {
        if (byKeyOrCorrelation.containsKey(id)) {
            return byKeyOrCorrelation.get(id).get(0);
        }
        Awaitility.await("an answer for " + id)
                .atMost(Duration.ofSeconds(40))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    poll();
                    return byKeyOrCorrelation.containsKey(id);
                });
        return byKeyOrCorrelation.get(id).get(0);
    }

    /** Waits for the first record on {@code topic} whose key (request_id) or correlation_id is {@code id}. */
    public Received awaitAnswer(String id, String topic) {
        Awaitility.await("a record on " + topic + " for " + id)
                .atMost(Duration.ofSeconds(40))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    poll();
                    return answers(id).stream().anyMatch(r -> r.topic().equals(topic));
                });
        return answers(id).stream()
                .filter(r -> r.topic().equals(topic))
                .findFirst()
                .orElseThrow();
    }

    /** Every answer seen so far for this id (call {@link #poll()} first to read what has just arrived). */
    public List<Received> answers(String id) {
        return byKeyOrCorrelation.getOrDefault(id, List.of());
    }

    /** Keeps reading for a while, failing if any of these ids gets a second answer meanwhile. */
    public void assertAnsweredOnceEach(List<String> ids, Duration quietPeriod) {
        Awaitility.await("no second answer")
                .pollDelay(Duration.ZERO)
                .during(quietPeriod)
                .atMost(quietPeriod.plusSeconds(5))
                .until(() -> {
                    poll();
                    return ids.stream()
                            .allMatch(id -> byKeyOrCorrelation
                                            .getOrDefault(id, List.of())
                                            .size()
                                    == 1);
                });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
        consumer.close(Duration.ofSeconds(2));
    }
}
