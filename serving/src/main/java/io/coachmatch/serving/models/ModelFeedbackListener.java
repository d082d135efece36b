package io.coachmatch.serving.models;

import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.matching.ModelScorer;
import io.coachmatch.core.validation.FeedbackValidator;
import io.coachmatch.core.validation.ValidationLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the served model's coach engagement current: every instance reads all of {@code matching-feedback} (its
 * own consumer group, from the earliest record kept, committing nothing: {@link ModelFeedbackConfiguration}) and
 * counts each valid event into the model
 * ({@link ModelScorer#record}), which ignores events its artifact already counted and repeats of an event id; the
 * model's tables are refreshed every {@code coachmatch.models.behaviour-refresh} (default 5 s) when something
 * changed. So a coach who starts being booked rises before the next retrain. An invalid or unreadable event is
 * skipped and counted in {@code coachmatch.models.feedback{outcome=invalid}}; the experiment counters are kept
 * apart, by the feedback listener of the experiments.
 */
@Component
class ModelFeedbackListener {

    private static final Logger log = LoggerFactory.getLogger(ModelFeedbackListener.class);

    private final ModelService models;
    private final FeedbackValidator validator = new FeedbackValidator(ValidationLimits.defaults());
    private final Counter counted;
    private final Counter ignored;
    private final Counter invalid;

    ModelFeedbackListener(ModelService models, MeterRegistry meters) {
        this.models = models;
        this.counted = meters.counter("coachmatch.models.feedback", "outcome", "counted");
        this.ignored = meters.counter("coachmatch.models.feedback", "outcome", "ignored");
        this.invalid = meters.counter("coachmatch.models.feedback", "outcome", "invalid");
    }

    @KafkaListener(
            id = "model-feedback",
            topics = "${coachmatch.kafka.topics.feedback}",
            groupId = "${coachmatch.kafka.group-id}-model-feedback-${random.uuid}",
            autoStartup = "${coachmatch.models.feedback-enabled:true}",
            properties = {"auto.offset.reset=earliest", "enable.auto.commit=false"},
            containerFactory = ModelFeedbackConfiguration.CONTAINER_FACTORY)
    void onFeedback(List<ConsumerRecord<String, byte[]>> records) {
        ModelScorer model = models.current();
        for (ConsumerRecord<String, byte[]> r : records) {
            FeedbackEvent event = read(r);
            if (event == null) {
                invalid.increment();
            } else if (model != null && model.record(event)) {
                counted.increment();
            } else {
                ignored.increment();
            }
        }
    }

    private FeedbackEvent read(ConsumerRecord<String, byte[]> r) {
        try {
            JsonNode node = r.value() == null ? null : Json.tree(r.value());
            if (node == null || !validator.validate(node).isEmpty()) {
                log.debug("Skipping an invalid feedback event at {}-{}@{}", r.topic(), r.partition(), r.offset());
                return null;
            }
            return Json.convert(node, FeedbackEvent.class);
        } catch (RuntimeException e) {
            log.debug(
                    "Skipping unreadable feedback at {}-{}@{}: {}",
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /** Makes what the served model counted visible to the next requests. */
    @Scheduled(fixedDelayString = "${coachmatch.models.behaviour-refresh:5s}")
    void refresh() {
        ModelScorer model = models.current();
        if (model != null) {
            model.refresh();
        }
    }
}
