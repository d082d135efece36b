package io.coachmatch.serving.feedback;

import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.experiments.Experiment;
import io.coachmatch.core.experiments.VariantCounts;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.validation.FeedbackValidator;
import io.coachmatch.serving.experiments.Experiments;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Counts feedback events for the experiments: validated with core's {@link FeedbackValidator} (a bad event is
 * logged and counted in {@code coachmatch.feedback.events{outcome=invalid}}, never retried), attributed to a
 * variant by the event's {@code variant} field, else by the variant that answered its request, and applied once
 * per {@code event_id}.
 */
public class FeedbackService {

    private static final Logger log = LoggerFactory.getLogger(FeedbackService.class);

    /** What happened to one event. */
    public enum Outcome { COUNTED, DUPLICATE, UNATTRIBUTED, INVALID, UNAVAILABLE }

    /** One event's outcome, with the problems of an invalid one. */
    public record Result(String eventId, Outcome outcome, List<ErrorDetail> details) {
    }

    private final FeedbackValidator validator;
    private final CountStore counts;
    private final Experiments experiments;
    private final MeterRegistry meters;

    public FeedbackService(FeedbackValidator validator, CountStore counts, Experiments experiments,
            MeterRegistry meters) {
        this.validator = validator;
        this.counts = counts;
        this.experiments = experiments;
        this.meters = meters;
    }

    /** Validates and counts one event given as JSON; never throws. */
    public Result accept(JsonNode node, String where) {
        List<ErrorDetail> problems = validator.validate(node);
        String eventId = node != null && node.isObject() && node.get("event_id") != null
                && node.get("event_id").isString() ? node.get("event_id").asString() : null;
        if (!problems.isEmpty()) {
            log.warn("Invalid feedback event {} at {}: {}", eventId, where, problems);
            return done(new Result(eventId, Outcome.INVALID, problems));
        }
        FeedbackEvent event;
        try {
            event = Json.convert(node, FeedbackEvent.class);
        } catch (RuntimeException e) {
            log.warn("Unreadable feedback event {} at {}: {}", eventId, where, e.getMessage());
            return done(new Result(eventId, Outcome.INVALID, List.of(new ErrorDetail("$", e.getMessage()))));
        }
        try {
            return done(new Result(event.eventId(), count(event), List.of()));
        } catch (RuntimeException e) {
            log.warn("Feedback event {} not counted, the counter store is unavailable: {}", event.eventId(),
                    e.toString());
            return done(new Result(event.eventId(), Outcome.UNAVAILABLE, List.of()));
        }
    }

    private Outcome count(FeedbackEvent e) {
        Optional<CountStore.Link> link = attribute(e);
        if (link.isEmpty()) {
            return Outcome.UNATTRIBUTED;
        }
        VariantCounts delta = VariantCounts.ofFeedback(e.type(), e.rating());
        String first = VariantCounts.distinctKey(e.type(), e.requestId(), e.coachId());
        return counts.feedback(e.eventId(), link.get(), delta, first, VariantCounts.ofFirst(e.type()))
                ? Outcome.COUNTED : Outcome.DUPLICATE;
    }

    private Optional<CountStore.Link> attribute(FeedbackEvent e) {
        Optional<CountStore.Link> logged = e.requestId() == null ? Optional.empty() : counts.link(e.requestId());
        if (e.variant() == null || e.variant().isBlank()) {
            return logged;
        }
        String experiment = logged.map(CountStore.Link::experiment)
                .or(() -> experiments.running().map(Experiment::name)).orElse(null);
        if (experiment == null) {
            return Optional.empty();
        }
        boolean isVariant = experiments.find(experiment).map(x -> x.variant(e.variant()) != null).orElse(false);
        return isVariant ? Optional.of(new CountStore.Link(experiment, e.variant())) : Optional.empty();
    }

    private Result done(Result r) {
        meters.counter("coachmatch.feedback.events", "outcome", r.outcome().name().toLowerCase()).increment();
        return r;
    }
}
