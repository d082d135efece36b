package io.coachmatch.serving.load;

import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.synthetic.SyntheticCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the backend against a running service: sends contract requests to {@code matching-requests}
 * at a fixed rate, reads {@code matching-responses} and {@code matching-errors} with
 * {@code read_committed}, matches answers to requests by request_id, and reports end-to-end latency
 * (send to answer consumed) percentiles, throughput, errors and loss. Bounded in count and time; it
 * only talks to the bootstrap address it is given (loopback by default).
 *
 * <pre>
 *   ./mvnw -B -q -pl serving -am -Pload verify -DskipTests -Dload.args="--rate 200 --seconds 30"
 *   ./mvnw -B -q -pl serving -am -Pload verify -DskipTests -Dload.args="--write-coaches target/coaches-10k.jsonl --coaches 10000"
 * </pre>
 */
public final class LoadGenerator {

    record Options(
            String bootstrap,
            int rate,
            int seconds,
            int warmupSeconds,
            long seed,
            int graceSeconds,
            String requestsTopic,
            String responsesTopic,
            String errorsTopic) {

        static Options parse(String[] args) {
            Map<String, String> m = new java.util.HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("usage: --bootstrap HOST:PORT --rate N --seconds N "
                            + "[--warmup N] [--seed N] [--grace N]; bad argument '" + args[i] + "'");
                }
                m.put(args[i].substring(2), args[++i]);
            }
            return new Options(
                    m.getOrDefault("bootstrap", "127.0.0.1:9092"),
                    Integer.parseInt(m.getOrDefault("rate", "200")),
                    Integer.parseInt(m.getOrDefault("seconds", "30")),
                    Integer.parseInt(m.getOrDefault("warmup", "5")),
                    Long.parseLong(m.getOrDefault("seed", "42")),
                    Integer.parseInt(m.getOrDefault("grace", "10")),
                    m.getOrDefault("requests-topic", "matching-requests"),
                    m.getOrDefault("responses-topic", "matching-responses"),
                    m.getOrDefault("errors-topic", "matching-errors"));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("--write-coaches")) {
            writeCoaches(java.nio.file.Path.of(args[1]), args.length >= 4 ? Integer.parseInt(args[3]) : 10_000);
            return;
        }
        Options o = Options.parse(args);
        if (o.rate() < 1 || o.rate() > 100_000 || o.seconds() < 1 || o.seconds() > 3600) {
            throw new IllegalArgumentException("rate must be 1..100000 and seconds 1..3600");
        }
        int total = o.rate() * (o.warmupSeconds() + o.seconds());
        String runId = Long.toString(System.currentTimeMillis(), 36);
        System.out.printf(Locale.ROOT, "preparing %,d requests (seed %d)...%n", total, o.seed());
        List<byte[]> payloads = new ArrayList<>(total);
        List<String> ids = new ArrayList<>(total);
        List<MatchingRequest> base = SyntheticCatalog.requests(o.seed(), Math.min(total, 5_000), Instant.now());
        for (int i = 0; i < total; i++) {
            String id = "load_" + runId + "_" + i;
            ids.add(id);
            payloads.add(Json.bytes(base.get(i % base.size()).withRequestId(id)));
        }

        Map<String, Long> sentAt = new ConcurrentHashMap<>(total * 2);
        long[] latencies = new long[total];
        AtomicLong answered = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        int warmupCount = o.rate() * o.warmupSeconds();

        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrap());
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        cp.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(cp, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        for (String topic : List.of(o.responsesTopic(), o.errorsTopic())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);

        Thread reader = new Thread(
                () -> {
                    java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
                    while (!stop.get()) {
                        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                            long now = System.nanoTime();
                            String key = r.key();
                            Long t = key == null ? null : sentAt.get(key);
                            if (t == null) {
                                continue;
                            }
                            if (!seen.add(key)) {
                                duplicates.incrementAndGet();
                                continue;
                            }
                            int idx = Integer.parseInt(key.substring(key.lastIndexOf('_') + 1));
                            latencies[idx] = now - t;
                            if (r.topic().equals(o.errorsTopic())) {
                                errors.incrementAndGet();
                            }
                            answered.incrementAndGet();
                        }
                    }
                    consumer.close();
                },
                "load-reader");
        reader.start();

        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrap());
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        pp.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "10");
        long interval = 1_000_000_000L / o.rate();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
            long lastReport = start;
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    if (wait > 100_000) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait - 80_000);
                    } else {
                        Thread.onSpinWait();
                    }
                }
                sentAt.put(ids.get(i), System.nanoTime());
                producer.send(new ProducerRecord<>(o.requestsTopic(), ids.get(i), payloads.get(i)));
                long now = System.nanoTime();
                if (now - lastReport >= 1_000_000_000L) {
                    lastReport = now;
                    System.out.printf(
                            Locale.ROOT,
                            "  %5.1f s  sent %,d  answered %,d%n",
                            (now - start) / 1e9,
                            i + 1,
                            answered.get());
                }
            }
            producer.flush();
        }
        long sendEnd = System.nanoTime();
        long deadline = sendEnd + o.graceSeconds() * 1_000_000_000L;
        while (answered.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long end = System.nanoTime();
        stop.set(true);
        reader.join(5_000);

        long[] measured = Arrays.stream(Arrays.copyOfRange(latencies, warmupCount, total))
                .filter(l -> l > 0)
                .sorted()
                .toArray();
        long lost = total - answered.get();
        double seconds = (end - start) / 1e9;
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "target rate        %,d requests/s for %d s (+%d s warm-up)%n",
                o.rate(),
                o.seconds(),
                o.warmupSeconds());
        System.out.printf(
                Locale.ROOT,
                "sent               %,d in %.1f s (%.0f/s)%n",
                total,
                (sendEnd - start) / 1e9,
                total / ((sendEnd - start) / 1e9));
        System.out.printf(
                Locale.ROOT,
                "answered           %,d (%,d errors, %,d duplicates, %,d lost)%n",
                answered.get(),
                errors.get(),
                duplicates.get(),
                lost);
        System.out.printf(Locale.ROOT, "answered rate      %.0f/s over %.1f s%n", answered.get() / seconds, seconds);
        if (measured.length > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "latency ms (after warm-up, n=%,d): p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
                    measured.length,
                    pct(measured, 0.50),
                    pct(measured, 0.90),
                    pct(measured, 0.99),
                    measured[measured.length - 1] / 1e6);
        }
        System.exit(lost == 0 && duplicates.get() == 0 ? 0 : 1);
    }

    /** Writes a seeded synthetic catalog for the service under test ({@code COACHES_FILE}). */
    static void writeCoaches(java.nio.file.Path file, int n) throws java.io.IOException {
        try (io.coachmatch.core.json.JsonLines.LineWriter w = io.coachmatch.core.json.JsonLines.writer(file)) {
            for (io.coachmatch.core.contract.CoachProfile c : SyntheticCatalog.coaches(20261128L, n)) {
                w.write(c);
            }
        }
        System.out.printf(Locale.ROOT, "wrote %,d coaches to %s%n", n, file);
    }

    static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
