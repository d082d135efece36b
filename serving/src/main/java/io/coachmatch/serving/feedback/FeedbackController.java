package io.coachmatch.serving.feedback;

import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.json.Json;
import io.coachmatch.serving.kafka.KafkaSettings;
import io.coachmatch.serving.web.ProblemDetails;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Feedback over REST ({@code POST /api/feedback}), behind the feedback token. */
@RestController
class FeedbackController {

    private static final int MAX_BODY = 1 << 20;

    private final FeedbackService feedback;
    private final FeedbackForwarder forwarder;
    private final String feedbackTopic;

    FeedbackController(FeedbackService feedback, FeedbackForwarder forwarder, KafkaSettings kafkaSettings) {
        this.feedback = feedback;
        this.forwarder = forwarder;
        this.feedbackTopic = kafkaSettings.topics().feedback();
    }

    /**
     * One FeedbackEvent or an array of them, as {@code application/json} only (any other content type is refused
     * with 415, so a web page cannot post it from a visitor's browser without a CORS preflight); answers the outcome
     * of each (200 even when some were invalid).
     */
    @PostMapping(
            path = "/api/feedback",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> feedback(HttpServletRequest http) throws IOException {
        byte[] body = http.getInputStream().readNBytes(MAX_BODY);
        JsonNode root;
        try {
            root = Json.tree(body);
        } catch (RuntimeException e) {
            throw problem(HttpStatus.BAD_REQUEST, "malformed JSON", List.of());
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            throw problem(HttpStatus.BAD_REQUEST, "the body must be a FeedbackEvent or an array of them", List.of());
        }
        List<FeedbackService.Result> results = new ArrayList<>();
        List<JsonNode> valid = new ArrayList<>();
        for (int i = 0; i < (root.isArray() ? root.size() : 1); i++) {
            JsonNode node = root.isArray() ? root.get(i) : root;
            FeedbackService.Result r =
                    feedback.accept(node, "POST /api/feedback" + (root.isArray() ? "[" + i + "]" : ""));
            results.add(r);
            if (r.outcome() != FeedbackService.Outcome.INVALID) {
                valid.add(node);
            }
        }
        forward(valid);
        if (root.isObject() && results.get(0).outcome() == FeedbackService.Outcome.INVALID) {
            throw problem(
                    HttpStatus.BAD_REQUEST,
                    "invalid feedback event",
                    results.get(0).details());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Integer> summary = new LinkedHashMap<>();
        for (FeedbackService.Result r : results) {
            summary.merge(r.outcome().name().toLowerCase(), 1, Integer::sum);
        }
        out.put("accepted", results.size());
        out.put("outcomes", summary);
        out.put(
                "events",
                results.stream()
                        .map(r -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("event_id", r.eventId());
                            m.put("outcome", r.outcome().name().toLowerCase());
                            if (!r.details().isEmpty()) {
                                m.put("details", r.details());
                            }
                            return m;
                        })
                        .toList());
        return json(HttpStatus.OK, out);
    }

    /**
     * Puts REST feedback on {@code matching-feedback} too, so the export sees every event; the feedback listener
     * then meets it as a duplicate of its event_id and does not count it again.
     */
    private void forward(List<JsonNode> events) {
        if (events.isEmpty()) {
            return;
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (JsonNode e : events) {
            JsonNode requestId = e.get("request_id");
            records.add(new ProducerRecord<>(
                    feedbackTopic, requestId == null ? null : requestId.asString(), Json.bytes(e)));
        }
        forwarder.forward(records);
    }

    private static ResponseEntity<byte[]> json(HttpStatus status, Object body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Json.bytes(body));
    }

    private static ErrorResponseException problem(HttpStatus status, String detail, List<ErrorDetail> details) {
        return ProblemDetails.exception(ProblemDetails.of(status, detail, details));
    }
}
