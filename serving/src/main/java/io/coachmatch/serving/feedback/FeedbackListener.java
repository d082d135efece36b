package io.coachmatch.serving.feedback;

import io.coachmatch.core.json.Json;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code matching-feedback} in its own consumer group; a malformed or invalid event is logged and skipped,
 * so it never blocks the partition. An event that could not be counted because the counter store (Redis) is
 * unavailable is not committed: the listener throws, the records before it commit, and the container seeks back to
 * it and retries with a bounded back-off ({@link FeedbackListenerConfiguration}) until Redis returns, so nothing is
 * lost and, thanks to the dedup by event_id, nothing is counted twice.
 */
@Component
class FeedbackListener {

    private static final Logger log = LoggerFactory.getLogger(FeedbackListener.class);

    private final FeedbackService service;

    FeedbackListener(FeedbackService service) {
        this.service = service;
    }

    @KafkaListener(
            id = "feedback",
            topics = "${coachmatch.kafka.topics.feedback}",
            groupId = "${coachmatch.kafka.group-id}-feedback",
            autoStartup = "${coachmatch.experiments.feedback-enabled:true}",
            containerFactory = FeedbackListenerConfiguration.CONTAINER_FACTORY)
    void onFeedback(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            String where = r.topic() + "-" + r.partition() + "@" + r.offset();
            JsonNode node;
            try {
                node = r.value() == null ? null : Json.tree(r.value());
            } catch (RuntimeException e) {
                log.warn("Malformed feedback at {}: {}", where, e.getClass().getSimpleName());
                node = null;
            }
            if (service.accept(node, where).outcome() == FeedbackService.Outcome.UNAVAILABLE) {
                throw new BatchListenerFailedException("the counter store is unavailable at " + where, r);
            }
        }
    }
}
