package io.coachmatch.serving.experiments;

import io.coachmatch.core.contract.ImpressionLog;
import io.coachmatch.core.contract.Match;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.MatchingResponse;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.matching.CoachFacts;
import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.ModelScorer;
import io.coachmatch.serving.kafka.PartitionAlignment;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Publishes an {@link ImpressionLog} for every answer to {@code matching-impressions}, keyed by request_id. On the
 * Kafka path the send joins the listener's transaction, so the log commits exactly when the response does; on the
 * REST path it goes out in its own transaction on a background thread, so a slow broker never delays an answer
 * (when the queue is full, in records or in bytes, the log is dropped and counted in
 * {@code coachmatch.impressions.dropped}; the bytes queued are the gauge {@code coachmatch_impressions_queue_bytes}).
 *
 * <p>Features are the vectors the answering model scored, recorded while matching. When none were recorded (a
 * {@code rules} answer, or one from the cache) they are computed from the shown coaches with the extractor of the
 * model that answered ({@code rules} answers use production's), through core's reference path, which equals what
 * the model scores.
 */
public class ImpressionPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImpressionPublisher.class);

    private final KafkaTemplate<String, byte[]> template;
    private final String topic;
    private final VariantModels models;
    private final MatchingEngine engine;
    private final MatchingSettings settings;
    private final MeterRegistry meters;
    private final PartitionAlignment partitions;
    private final long maxQueuedBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final ThreadPoolExecutor background =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "impressions");
                t.setDaemon(true);
                return t;
            });

    /**
     * @param maxQueuedBytes the most bytes (keys and values) of records waiting for the background thread
     */
    public ImpressionPublisher(
            KafkaTemplate<String, byte[]> template,
            String topic,
            VariantModels models,
            MatchingSettings settings,
            MeterRegistry meters,
            DataSize maxQueuedBytes) {
        this.maxQueuedBytes = maxQueuedBytes.toBytes();
        Gauge.builder("coachmatch.impressions.queue", queuedBytes, AtomicLong::get)
                .baseUnit("bytes")
                .description("Bytes of impression logs and forwarded records waiting to be sent")
                .register(meters);
        this.template = template;
        this.topic = topic;
        this.models = models;
        this.engine = new MatchingEngine(settings);
        this.settings = settings;
        this.meters = meters;
        this.partitions = new PartitionAlignment(template);
    }

    /** Builds the log of one answer, computing its features. */
    public ImpressionLog log(MatchingRequest request, MatchingResponse response, boolean duplicate) {
        return log(request, response, duplicate, null);
    }

    /**
     * Builds the log of one answer.
     *
     * @param scored the feature vectors scored for the response's matches, in their order; null to compute them
     */
    public ImpressionLog log(
            MatchingRequest request, MatchingResponse response, boolean duplicate, List<double[]> scored) {
        List<Match> matches = response.matches() == null ? List.of() : response.matches();
        List<double[]> features = scored != null && scored.size() == matches.size() ? scored : null;
        if (features == null) {
            ModelScorer model = modelOf(response.modelVersion());
            if (model != null) {
                List<CoachFacts> coaches = new ArrayList<>(matches.size());
                for (Match m : matches) {
                    coaches.add(CoachFacts.of(m.coach(), settings.rates()));
                }
                features = model.features(engine.compile(request), coaches, settings.weights());
            }
        }
        List<ImpressionLog.Shown> shown = new ArrayList<>(matches.size());
        for (int i = 0; i < matches.size(); i++) {
            Match m = matches.get(i);
            shown.add(new ImpressionLog.Shown(
                    m.coach().id(),
                    m.rank(),
                    m.matchScore(),
                    m.ruleScore(),
                    m.modelScore(),
                    features == null ? null : features.get(i)));
        }
        return new ImpressionLog(
                request.requestId(),
                request.requesterId(),
                response.experiment(),
                response.variant(),
                response.modelVersion(),
                response.servedAt(),
                duplicate,
                request,
                features == null ? null : FeatureExtractor.FEATURES,
                shown);
    }

    private ModelScorer modelOf(String version) {
        try {
            return MatchingEngine.RULES_ONLY.equals(version) ? models.production() : models.byVersion(version);
        } catch (RuntimeException e) {
            return models.production();
        }
    }

    /**
     * Publishes the log of one answer; never throws except for a failed send inside a transaction.
     *
     * @param features  as for {@link #log(MatchingRequest, MatchingResponse, boolean, List)}
     * @param partition the partition to write to, when it exists (the request's, so that a transaction touches
     *                  few partitions); null to partition by key
     */
    public void publish(
            MatchingRequest request,
            MatchingResponse response,
            boolean duplicate,
            List<double[]> features,
            Integer partition) {
        ProducerRecord<String, byte[]> record;
        try {
            record = new ProducerRecord<>(
                    topic,
                    partitions.within(topic, partition),
                    request.requestId(),
                    Json.bytes(log(request, response, duplicate, features)));
        } catch (RuntimeException e) {
            log.warn("Cannot build the impression log of {}: {}", request.requestId(), e.toString());
            meters.counter("coachmatch.impressions.dropped", "reason", "build").increment();
            return;
        }
        if (template.inTransaction()) {
            template.send(record);
            return;
        }
        long bytes = bytes(record);
        if (!reserve(bytes)) {
            meters.counter("coachmatch.impressions.dropped", "reason", "queue_full")
                    .increment();
            return;
        }
        try {
            background.execute(() -> {
                try {
                    template.executeInTransaction(t -> t.send(record));
                } catch (RuntimeException e) {
                    log.warn("Impression log of {} not published: {}", request.requestId(), e.toString());
                    meters.counter("coachmatch.impressions.dropped", "reason", "send")
                            .increment();
                } finally {
                    queuedBytes.addAndGet(-bytes);
                }
            });
        } catch (RejectedExecutionException e) {
            queuedBytes.addAndGet(-bytes);
            meters.counter("coachmatch.impressions.dropped", "reason", "queue_full")
                    .increment();
        }
    }

    private static long bytes(ProducerRecord<String, byte[]> r) {
        return (r.key() == null ? 0 : 2L * r.key().length()) + (r.value() == null ? 0 : r.value().length);
    }

    /** Counts bytes as queued unless they would pass the bound. */
    private boolean reserve(long bytes) {
        while (true) {
            long now = queuedBytes.get();
            if (now + bytes > maxQueuedBytes) {
                return false;
            }
            if (queuedBytes.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** The bytes of records waiting for the background thread now. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** Sends records in one transaction from the background thread; failures are logged and counted. */
    public void sendInBackground(List<ProducerRecord<String, byte[]>> records, String what) {
        long bytes = records.stream().mapToLong(ImpressionPublisher::bytes).sum();
        if (!reserve(bytes)) {
            meters.counter("coachmatch.forwarded.dropped", "what", what).increment();
            return;
        }
        try {
            background.execute(() -> {
                try {
                    template.executeInTransaction(t -> {
                        records.forEach(t::send);
                        return null;
                    });
                } catch (RuntimeException e) {
                    log.warn("{} not published: {}", what, e.toString());
                    meters.counter("coachmatch.forwarded.dropped", "what", what).increment();
                } finally {
                    queuedBytes.addAndGet(-bytes);
                }
            });
        } catch (RejectedExecutionException e) {
            queuedBytes.addAndGet(-bytes);
            meters.counter("coachmatch.forwarded.dropped", "what", what).increment();
        }
    }

    /** Waits (briefly) for the background sends queued so far. */
    @Override
    public void close() {
        background.shutdown();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
