package io.coachmatch.core.validation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks on the fields of a JSON object that add each problem to a {@link Violations} and never
 * throw; a field whose JSON null stands for "absent" is treated as absent.
 */
final class Fields {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]+");
    static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?");

    private final JsonNode object;
    private final String prefix;
    private final Violations v;
    private final ValidationLimits limits;

    Fields(JsonNode object, String prefix, Violations v, ValidationLimits limits) {
        this.object = object;
        this.prefix = prefix;
        this.v = v;
        this.limits = limits;
    }

    String path(String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    JsonNode get(String field) {
        JsonNode n = object.get(field);
        return n == null || n.isNull() ? null : n;
    }

    boolean present(String field) {
        return get(field) != null;
    }

    void missing(String field) {
        v.add(path(field), "is required");
    }

    /** A string of 1..maxLength characters; returns it, or null when absent or bad. */
    String string(String field, boolean required, int maxLength, Pattern pattern) {
        JsonNode n = get(field);
        if (n == null) {
            if (required) {
                missing(field);
            }
            return null;
        }
        if (!n.isString()) {
            v.add(path(field), "must be a string, was " + kind(n));
            return null;
        }
        String s = n.stringValue();
        if (s.isBlank()) {
            v.add(path(field), "must not be empty");
            return null;
        }
        if (s.length() > maxLength) {
            v.add(path(field), "is " + s.length() + " characters long; at most " + maxLength + " are allowed");
            return null;
        }
        if (pattern != null && !pattern.matcher(s).matches()) {
            v.add(path(field), "'" + abbreviate(s) + "' has characters outside " + pattern.pattern());
            return null;
        }
        return s;
    }

    /** An optional free text of at most maxLength characters (may be empty). */
    void text(String field, int maxLength) {
        JsonNode n = get(field);
        if (n == null) {
            return;
        }
        if (!n.isString()) {
            v.add(path(field), "must be a string, was " + kind(n));
        } else if (n.stringValue().length() > maxLength) {
            v.add(
                    path(field),
                    "is " + n.stringValue().length() + " characters long; at most " + maxLength + " are allowed");
        }
    }

    /** One of the allowed lower-case words. */
    <E extends Enum<E>> void enumValue(String field, boolean required, Class<E> type, String allowed) {
        enumNode(get(field), path(field), required, type, allowed, v);
    }

    static <E extends Enum<E>> boolean enumNode(
            JsonNode n, String path, boolean required, Class<E> type, String allowed, Violations v) {
        if (n == null || n.isNull()) {
            if (required) {
                v.add(path, "is required");
            }
            return !required;
        }
        if (!n.isString()) {
            v.add(path, "must be one of " + allowed + ", was " + kind(n));
            return false;
        }
        String s = n.stringValue();
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(s)) {
                return true;
            }
        }
        v.add(path, "unknown value '" + abbreviate(s) + "'; must be one of " + allowed);
        return false;
    }

    /** An integer in [min, max]; returns it or null. */
    Integer integer(String field, boolean required, long min, long max) {
        JsonNode n = get(field);
        if (n == null) {
            if (required) {
                missing(field);
            }
            return null;
        }
        return integerNode(n, path(field), min, max, v);
    }

    static Integer integerNode(JsonNode n, String path, long min, long max, Violations v) {
        if (!n.isNumber() || !n.canConvertToExactIntegral() || !n.canConvertToInt()) {
            v.add(path, "must be a whole number, was " + kind(n));
            return null;
        }
        int value = n.intValue();
        if (value < min || value > max) {
            v.add(path, "must be between " + min + " and " + max + ", was " + value);
            return null;
        }
        return value;
    }

    /** A finite number in [min, max]; returns it or null. */
    Double number(String field, boolean required, double min, double max) {
        JsonNode n = get(field);
        if (n == null) {
            if (required) {
                missing(field);
            }
            return null;
        }
        if (!n.isNumber()) {
            v.add(path(field), "must be a number, was " + kind(n));
            return null;
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d) || d < min || d > max) {
            v.add(path(field), "must be between " + trim(min) + " and " + trim(max) + ", was " + n.asString());
            return null;
        }
        return d;
    }

    void bool(String field) {
        JsonNode n = get(field);
        if (n != null && !n.isBoolean()) {
            v.add(path(field), "must be true or false, was " + kind(n));
        }
    }

    void instant(String field, boolean required) {
        JsonNode n = get(field);
        if (n == null) {
            if (required) {
                missing(field);
            }
            return;
        }
        if (!n.isString() || parseInstant(n.stringValue()) == null) {
            v.add(
                    path(field),
                    "must be an ISO-8601 date-time such as 2026-11-28T10:00:00Z, was "
                            + (n.isString() ? "'" + abbreviate(n.stringValue()) + "'" : kind(n)));
        }
    }

    static Instant parseInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeException e2) {
                return null;
            }
        }
    }

    /** An optional object: runs the check on it when present, reports a wrong type otherwise. */
    void object(String field, boolean required, Consumer<Fields> check) {
        JsonNode n = get(field);
        if (n == null) {
            if (required) {
                missing(field);
            }
            return;
        }
        if (!n.isObject()) {
            v.add(path(field), "must be an object, was " + kind(n));
            return;
        }
        check.accept(new Fields(n, path(field), v, limits));
    }

    /** An array of at most max entries (and at least min when present); returns it or null. */
    JsonNode array(String field, boolean required, int min, int max) {
        JsonNode n = get(field);
        if (n == null) {
            if (required) {
                missing(field);
            }
            return null;
        }
        if (!n.isArray()) {
            v.add(path(field), "must be a list, was " + kind(n));
            return null;
        }
        if (n.size() < min) {
            v.add(path(field), "must have at least " + min + (min == 1 ? " entry" : " entries"));
            return null;
        }
        if (n.size() > max) {
            v.add(path(field), "has " + n.size() + " entries; at most " + max + " are allowed");
            return null;
        }
        return n;
    }

    Violations violations() {
        return v;
    }

    ValidationLimits limits() {
        return limits;
    }

    static String kind(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (n.isString()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "the number " + n.asString();
        }
        if (n.isBoolean()) {
            return n.asString();
        }
        if (n.isArray()) {
            return "a list";
        }
        if (n.isObject()) {
            return "an object";
        }
        return n.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
