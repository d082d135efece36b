package io.coachmatch.serving.feedback;

import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.experiments.VariantCounts;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.validation.FeedbackValidator;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Counts feedback events for the experiments: validated with core's {@link FeedbackValidator} (a bad event is
 * logged and counted in {@code coachmatch.feedback.events{outcome=invalid}}, never retried), attributed to the
 * experiment and variant that answered its request, as logged when the request was answered ({@link CountStore#link};
 * the event's own {@code variant} field is never trusted), and applied once per {@code event_id}. Logs name only
 * validated ids and the fields of problems, never raw untrusted text.
 */
public class FeedbackService {

    private static final Logger log = LoggerFactory.getLogger(FeedbackService.class);

    /** What happened to one event. */
    public enum Outcome {
        COUNTED,
        DUPLICATE,
        UNATTRIBUTED,
        INVALID,
        UNAVAILABLE
    }

    /** One event's outcome, with the problems of an invalid one; eventId is null unless it is a valid id. */
    public record Result(String eventId, Outcome outcome, List<ErrorDetail> details) {}

    private final FeedbackValidator validator;
    private final CountStore counts;
    private final MeterRegistry meters;

    public FeedbackService(FeedbackValidator validator, CountStore counts, MeterRegistry meters) {
        this.validator = validator;
        this.counts = counts;
        this.meters = meters;
    }

    /**
     * Validates and counts one event given as JSON; never throws. {@link Outcome#UNAVAILABLE} means the counter
     * store could not be reached: the event was not counted and may be offered again.
     */
    public Result accept(JsonNode node, String where) {
        List<ErrorDetail> problems = validator.validate(node);
        String eventId = validator.validEventId(node);
        if (!problems.isEmpty()) {
            log.warn(
                    "Invalid feedback event {} at {}: problems in {}",
                    eventId == null ? "(no valid event_id)" : eventId,
                    where,
                    problems.stream().map(ErrorDetail::field).distinct().toList());
            return done(new Result(eventId, Outcome.INVALID, problems));
        }
        FeedbackEvent event;
        try {
            event = Json.convert(node, FeedbackEvent.class);
        } catch (RuntimeException e) {
            log.warn(
                    "Unreadable feedback event {} at {}: {}",
                    eventId,
                    where,
                    e.getClass().getSimpleName());
            return done(new Result(eventId, Outcome.INVALID, List.of(new ErrorDetail("$", "is not a feedback event"))));
        }
        try {
            return done(new Result(eventId, count(event), List.of()));
        } catch (RuntimeException e) {
            log.warn(
                    "Feedback event {} not counted, the counter store is unavailable: {}",
                    eventId,
                    e.getClass().getSimpleName());
            return done(new Result(eventId, Outcome.UNAVAILABLE, List.of()));
        }
    }

    private Outcome count(FeedbackEvent e) {
        Optional<CountStore.Link> link = counts.link(e.requestId());
        if (link.isEmpty()) {
            return Outcome.UNATTRIBUTED;
        }
        VariantCounts delta = VariantCounts.ofFeedback(e.type(), e.rating());
        String first = VariantCounts.distinctKey(e.type(), e.requestId(), e.coachId());
        return counts.feedback(e.eventId(), link.get(), delta, first, VariantCounts.ofFirst(e.type()))
                ? Outcome.COUNTED
                : Outcome.DUPLICATE;
    }

    private Result done(Result r) {
        meters.counter(
                        "coachmatch.feedback.events",
                        "outcome",
                        r.outcome().name().toLowerCase())
                .increment();
        return r;
    }
}
