package io.coachmatch.core.experiments;

import io.coachmatch.core.contract.ErrorDetail;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads an experiment from a JSON tree field by field, so that a wrong type is reported with its path
 * ({@code variants[1].share must be a number}) instead of as a binding exception; the semantic rules are
 * {@link Experiment#validate}'s.
 */
final class ExperimentReader {

    private ExperimentReader() {}

    /** The experiment, or null when a field has the wrong JSON type (each added to errors). */
    static Experiment read(JsonNode node, String prefix, List<ErrorDetail> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new ErrorDetail(
                    prefix.isEmpty() ? "$" : strip(prefix), "must be a JSON object, was " + kind(node)));
            return null;
        }
        int before = errors.size();
        String name = string(node, "name", prefix, errors);
        String unit = string(node, "unit", prefix, errors);
        String salt = string(node, "salt", prefix, errors);
        List<Variant> variants = new ArrayList<>();
        JsonNode vs = present(node, "variants");
        if (vs == null) {
            errors.add(new ErrorDetail(prefix + "variants", "is required"));
        } else if (!vs.isArray()) {
            errors.add(new ErrorDetail(prefix + "variants", "must be an array, was " + kind(vs)));
        } else {
            for (int i = 0; i < vs.size(); i++) {
                String at = prefix + "variants[" + i + "]";
                JsonNode v = vs.get(i);
                if (v == null || !v.isObject()) {
                    errors.add(new ErrorDetail(at, "must be an object, was " + kind(v)));
                    continue;
                }
                String vName = string(v, "name", at + ".", errors);
                String model = string(v, "model", at + ".", errors);
                JsonNode share = present(v, "share");
                double s = Double.NaN;
                if (share == null) {
                    errors.add(new ErrorDetail(at + ".share", "is required"));
                } else if (!share.isNumber()) {
                    errors.add(new ErrorDetail(at + ".share", "must be a number, was " + kind(share)));
                } else {
                    s = share.doubleValue();
                }
                variants.add(new Variant(vName, model, s));
            }
        }
        ExperimentStatus status = null;
        String st = string(node, "status", prefix, errors);
        if (st != null) {
            try {
                status = ExperimentStatus.fromWire(st);
            } catch (IllegalArgumentException e) {
                errors.add(new ErrorDetail(prefix + "status", e.getMessage()));
            }
        }
        Instant startedAt = instant(node, "started_at", prefix, errors);
        Instant stoppedAt = instant(node, "stopped_at", prefix, errors);
        if (errors.size() > before) {
            return null;
        }
        return new Experiment(name, unit, salt, variants, status, startedAt, stoppedAt);
    }

    private static JsonNode present(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n == null || n.isNull() ? null : n;
    }

    private static String string(JsonNode node, String field, String prefix, List<ErrorDetail> errors) {
        JsonNode n = present(node, field);
        if (n == null) {
            return null;
        }
        if (!n.isString()) {
            errors.add(new ErrorDetail(prefix + field, "must be a string, was " + kind(n)));
            return null;
        }
        return n.stringValue();
    }

    private static Instant instant(JsonNode node, String field, String prefix, List<ErrorDetail> errors) {
        String s = string(node, field, prefix, errors);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            errors.add(new ErrorDetail(
                    prefix + field,
                    "'" + Experiment.abbreviate(s) + "' is not an ISO-8601 instant such as 2026-11-28T10:00:00Z"));
            return null;
        }
    }

    private static String strip(String prefix) {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    static String kind(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "null";
        }
        if (n.isString()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
