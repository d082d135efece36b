package io.coachmatch.core.validation;

import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.contract.Priority;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.contract.SkillLevel;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.time.ClockTime;
import io.coachmatch.core.time.Timezones;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks a MatchingRequest, as a JSON tree, against the contract's types, ranges and enums and
 * this deployment's limits, and reports every problem at once. A request that passes converts to
 * {@link io.coachmatch.core.contract.MatchingRequest} without error and compiles into a
 * {@link MatchQuery}.
 */
public final class RequestValidator {

    private final ValidationLimits limits;
    private final CurrencyRates rates;

    public RequestValidator(ValidationLimits limits, CurrencyRates rates) {
        this.limits = limits;
        this.rates = rates;
    }

    /**
     * @param requireRequestId false on the REST endpoint, which assigns an id when the body has none
     * @return the problems found, empty when the request is valid
     */
    public List<ErrorDetail> validate(JsonNode root, boolean requireRequestId) {
        Violations v = new Violations();
        if (root == null || !root.isObject()) {
            v.add("$", "a request must be a JSON object, was " + Fields.kind(root));
            return v.list();
        }
        Fields f = new Fields(root, "", v, limits);
        f.string("request_id", requireRequestId, limits.maxNameLength(), Fields.ID);
        f.string("requester_id", false, limits.maxNameLength(), null);
        f.instant("created_at", false);
        f.text("title", limits.maxTitleLength());
        f.text("description", limits.maxTextLength());
        f.enumValue("session_type", true, SessionType.class, SessionType.allowedValues());
        f.enumValue("priority", false, Priority.class, Priority.allowedValues());
        JsonNode skills = f.array("skills_required", true, 1, limits.maxSkills());
        if (skills != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < skills.size(); i++) {
                String path = "skills_required[" + i + "]";
                JsonNode s = skills.get(i);
                if (!s.isObject()) {
                    v.add(path, "must be an object, was " + Fields.kind(s));
                    continue;
                }
                Fields sf = new Fields(s, path, v, limits);
                String name = sf.string("name", true, limits.maxNameLength(), null);
                if (name != null && !seen.add(MatchQuery.skillKey(name))) {
                    v.add(path + ".name", "'" + Fields.abbreviate(name) + "' is listed twice");
                }
                sf.enumValue("level", false, SkillLevel.class, SkillLevel.allowedValues());
                sf.number("weight", false, 0.0, 10.0);
                sf.bool("mandatory");
            }
        }
        f.object("budget_constraints", false, b -> {
            b.number("max_hourly_rate", false, 0.0, 1_000_000.0);
            String currency = b.string("currency", false, 3, null);
            if (currency != null && !rates.isKnown(currency)) {
                v.add(
                        b.path("currency"),
                        "unknown currency '" + Fields.abbreviate(currency) + "'; known: "
                                + String.join(", ", rates.codes()));
            }
        });
        f.object("availability_requirements", false, a -> {
            JsonNode days = a.array("days_of_week", false, 0, 7);
            if (days != null) {
                for (int i = 0; i < days.size(); i++) {
                    Fields.integerNode(days.get(i), a.path("days_of_week[" + i + "]"), 1, 7, v);
                }
            }
            JsonNode slots = a.array("time_slots", false, 0, limits.maxListLength());
            if (slots != null) {
                for (int i = 0; i < slots.size(); i++) {
                    checkSlot(slots.get(i), a.path("time_slots[" + i + "]"), v);
                }
            }
            String tz = a.string("timezone", false, limits.maxNameLength(), null);
            if (tz != null) {
                try {
                    Timezones.parse(tz);
                } catch (IllegalArgumentException e) {
                    v.add(
                            a.path("timezone"),
                            e.getMessage() + "; use an IANA name such as America/New_York or an"
                                    + " offset such as UTC-8");
                }
            }
            a.number("flexibility", false, 0.0, 1.0);
        });
        JsonNode langs = f.array("language_requirements", false, 0, limits.maxListLength());
        if (langs != null) {
            for (int i = 0; i < langs.size(); i++) {
                checkLanguage(langs.get(i), "language_requirements[" + i + "]", v);
            }
        }
        f.integer("participants_count", false, 1, 1000);
        f.integer("total_sessions", false, 1, 1000);
        f.integer("max_results", false, 1, 100);
        return v.list();
    }

    static void checkSlot(JsonNode n, String path, Violations v) {
        if (!n.isString()) {
            v.add(path, "must be a string HH:MM-HH:MM, was " + Fields.kind(n));
            return;
        }
        try {
            ClockTime.parseRange(n.stringValue());
        } catch (IllegalArgumentException e) {
            v.add(path, e.getMessage());
        }
    }

    static void checkLanguage(JsonNode n, String path, Violations v) {
        if (!n.isString() || !Fields.LANGUAGE.matcher(n.stringValue()).matches()) {
            v.add(
                    path,
                    "must be an ISO 639-1 language code such as 'en', was "
                            + (n.isString() ? "'" + Fields.abbreviate(n.stringValue()) + "'" : Fields.kind(n)));
        }
    }
}
