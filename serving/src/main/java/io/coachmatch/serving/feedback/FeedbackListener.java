package io.coachmatch.serving.feedback;

import io.coachmatch.core.json.Json;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code matching-feedback} in its own consumer group; a malformed or invalid event is logged and skipped,
 * so it never blocks the partition.
 */
@Component
class FeedbackListener {

    private static final Logger log = LoggerFactory.getLogger(FeedbackListener.class);

    private final FeedbackService service;

    FeedbackListener(FeedbackService service) {
        this.service = service;
    }

    @KafkaListener(id = "feedback", topics = "${coachmatch.kafka.topics.feedback}",
            groupId = "${coachmatch.kafka.group-id}-feedback",
            autoStartup = "${coachmatch.experiments.feedback-enabled:true}")
    void onFeedback(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            String where = r.topic() + "-" + r.partition() + "@" + r.offset();
            JsonNode node;
            try {
                node = r.value() == null ? null : Json.tree(r.value());
            } catch (RuntimeException e) {
                log.warn("Malformed feedback at {}: {}", where, e.getMessage());
                node = null;
            }
            service.accept(node, where);
        }
    }
}
