package io.coachmatch.core.validation;

import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.contract.FeedbackType;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Checks a FeedbackEvent, as a JSON tree, against the contract. */
public final class FeedbackValidator {

    private final ValidationLimits limits;

    public FeedbackValidator(ValidationLimits limits) {
        this.limits = limits;
    }

    public List<ErrorDetail> validate(JsonNode root) {
        Violations v = new Violations();
        if (root == null || !root.isObject()) {
            v.add("$", "a feedback event must be a JSON object, was " + Fields.kind(root));
            return v.list();
        }
        Fields f = new Fields(root, "", v, limits);
        f.string("event_id", true, limits.maxNameLength(), Fields.ID);
        f.string("request_id", true, limits.maxNameLength(), Fields.ID);
        f.string("requester_id", false, limits.maxNameLength(), null);
        f.string("coach_id", true, limits.maxNameLength(), Fields.ID);
        boolean typeOk =
                Fields.enumNode(f.get("type"), "type", true, FeedbackType.class, FeedbackType.allowedValues(), v);
        f.integer("position", false, 1, 10_000);
        Double rating = f.number("rating", false, 1.0, 5.0);
        JsonNode type = f.get("type");
        if (typeOk && type != null && type.stringValue().equals("rated") && rating == null && !f.present("rating")) {
            v.add("rating", "is required for type 'rated'");
        }
        f.string("model_version", false, limits.maxNameLength(), null);
        f.string("variant", false, limits.maxNameLength(), null);
        f.instant("occurred_at", false);
        return v.list();
    }

    /**
     * The event's {@code event_id} when it is a valid id (1 to {@code maxNameLength} characters of
     * {@code [A-Za-z0-9_.:-]}), so safe to log or echo; null otherwise.
     */
    public String validEventId(JsonNode root) {
        JsonNode id = root == null || !root.isObject() ? null : root.get("event_id");
        if (id == null || !id.isString()) {
            return null;
        }
        String s = id.stringValue();
        return !s.isEmpty()
                        && s.length() <= limits.maxNameLength()
                        && Fields.ID.matcher(s).matches()
                ? s
                : null;
    }
}
