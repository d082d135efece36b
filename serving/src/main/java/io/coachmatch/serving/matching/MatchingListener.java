package io.coachmatch.serving.matching;

import io.coachmatch.core.contract.ErrorSource;
import io.coachmatch.serving.kafka.KafkaSettings;
import io.coachmatch.serving.kafka.PartitionAlignment;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads requests from Kafka and writes each one's answer, inside the container's transaction: the
 * answers and the consumed offsets commit together, so a crash or rebalance never loses or repeats
 * an answer for {@code read_committed} readers.
 *
 * <p>Every wait inside the transaction is bounded: once a batch has spent {@code cache-budget} (the cache is the
 * only thing it waits on), its remaining requests are answered without the cache. A batch that still fails to commit
 * is redelivered a bounded number of times ({@code KAFKA_MAX_ATTEMPTS}), then each of its requests is answered
 * {@code INTERNAL_ERROR} on {@code matching-errors} in the same transaction as its offset ({@link #recover}).
 */
@Component
public class MatchingListener {

    private static final Logger log = LoggerFactory.getLogger(MatchingListener.class);

    static final String CORRELATION_ID = "correlation_id";
    public static final String LISTENER_ID = "matching";

    private final MatchingService service;
    private final KafkaTemplate<String, byte[]> template;
    private final String responses;
    private final String errors;
    private final long cacheBudgetNanos;
    private final int maxAttempts;
    private final PartitionAlignment partitions;
    private final TracedRequests tracing;

    MatchingListener(
            MatchingService service,
            KafkaTemplate<String, byte[]> template,
            KafkaSettings settings,
            TracedRequests tracing) {
        this.service = service;
        this.tracing = tracing;
        this.template = template;
        this.responses = settings.topics().responses();
        this.errors = settings.topics().errors();
        this.cacheBudgetNanos = settings.cacheBudget().toNanos();
        this.maxAttempts = settings.maxAttempts();
        this.partitions = new PartitionAlignment(template);
    }

    /** Started by {@link ListenerStarter} once the catalog is loaded, so no request meets an empty catalog. */
    @KafkaListener(
            id = LISTENER_ID,
            groupId = "${coachmatch.kafka.group-id}",
            topics = "${coachmatch.kafka.topics.requests}",
            autoStartup = "false",
            containerFactory = MatchingConfiguration.CONTAINER_FACTORY)
    void onRequests(List<ConsumerRecord<String, byte[]>> records) {
        long start = System.nanoTime();
        boolean useCache = true;
        for (ConsumerRecord<String, byte[]> in : records) {
            if (useCache && System.nanoTime() - start > cacheBudgetNanos) {
                useCache = false;
                log.warn(
                        "A batch of {} requests spent its cache budget; the rest are answered without the cache",
                        records.size());
            }
            Span span = tracing.start(in.headers(), in.topic());
            RequestMdc.request(in.key(), correlationOf(in));
            try (Tracer.SpanInScope scope = tracing.inScope(span)) {
                send(in, service.answer(in.value(), sourceOf(in), Channel.KAFKA, useCache), span);
            } finally {
                RequestMdc.clear();
                span.end();
            }
        }
    }

    private static String correlationOf(ConsumerRecord<?, ?> in) {
        Header h = in.headers().lastHeader(CORRELATION_ID);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * Answers a record of a batch that failed every attempt: {@code INTERNAL_ERROR}, sent in the after-rollback
     * transaction that also commits its offset.
     */
    void recover(ConsumerRecord<?, ?> in, Exception cause) {
        log.error(
                "Request at {}-{}@{} failed {} attempts, answering INTERNAL_ERROR: {}",
                in.topic(),
                in.partition(),
                in.offset(),
                maxAttempts,
                cause == null ? "unknown" : cause.toString());
        String key = in.key() instanceof String k ? k : null;
        Span span = tracing.start(in.headers(), in.topic());
        RequestMdc.request(key, correlationOf(in));
        try (Tracer.SpanInScope scope = tracing.inScope(span)) {
            send(in, service.unanswerable(key, sourceOf(in), Channel.KAFKA, maxAttempts), span);
        } finally {
            RequestMdc.clear();
            span.end();
        }
    }

    private static ErrorSource sourceOf(ConsumerRecord<?, ?> in) {
        return new ErrorSource(in.topic(), in.partition(), in.offset());
    }

    private void send(ConsumerRecord<?, ?> in, Answer answer, Span span) {
        String topic = answer instanceof Answer.Response ? responses : errors;
        // the request's partition number, so that a transaction writes to as few partitions as it reads
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(
                topic, partitions.within(topic, in.partition()), answer.requestId(), answer.json());
        Header correlation = in.headers().lastHeader(CORRELATION_ID);
        if (correlation != null) {
            out.headers().add(CORRELATION_ID, correlation.value());
        }
        tracing.inject(span, out.headers());
        template.send(out);
    }
}
