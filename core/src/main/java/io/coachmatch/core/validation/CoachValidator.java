package io.coachmatch.core.validation;

import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.contract.SkillLevel;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.time.ClockTime;
import io.coachmatch.core.time.Timezones;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks a CoachProfile, as a JSON tree, so that a bad profile in a data file, the backend's API or
 * the {@code coach-profiles} topic is reported by field and skipped instead of breaking the catalog.
 * A profile that passes builds into a {@link io.coachmatch.core.matching.CatalogIndex}.
 */
public final class CoachValidator {

    private final ValidationLimits limits;
    private final CurrencyRates rates;

    public CoachValidator(ValidationLimits limits, CurrencyRates rates) {
        this.limits = limits;
        this.rates = rates;
    }

    public List<ErrorDetail> validate(JsonNode root) {
        Violations v = new Violations();
        if (root == null || !root.isObject()) {
            v.add("$", "a coach profile must be a JSON object, was " + Fields.kind(root));
            return v.list();
        }
        Fields f = new Fields(root, "", v, limits);
        f.string("id", true, limits.maxNameLength(), Fields.ID);
        f.text("name", limits.maxNameLength());
        f.text("title", limits.maxTitleLength());
        f.text("company", limits.maxTitleLength());
        f.text("bio", limits.maxTextLength());
        JsonNode skills = f.array("skills", false, 0, limits.maxSkills());
        if (skills != null) {
            for (int i = 0; i < skills.size(); i++) {
                String path = "skills[" + i + "]";
                JsonNode s = skills.get(i);
                if (!s.isObject()) {
                    v.add(path, "must be an object, was " + Fields.kind(s));
                    continue;
                }
                Fields sf = new Fields(s, path, v, limits);
                sf.string("name", true, limits.maxNameLength(), null);
                sf.enumValue("level", false, SkillLevel.class, SkillLevel.allowedValues());
                sf.number("years", false, 0, 80);
                JsonNode certs = sf.array("certifications", false, 0, limits.maxListLength());
                if (certs != null) {
                    for (int c = 0; c < certs.size(); c++) {
                        if (!certs.get(c).isString()) {
                            v.add(
                                    path + ".certifications[" + c + "]",
                                    "must be a string, was " + Fields.kind(certs.get(c)));
                        }
                    }
                }
            }
        }
        f.number("experience_years", false, 0, 80);
        JsonNode langs = f.array("languages", false, 0, limits.maxListLength());
        if (langs != null) {
            for (int i = 0; i < langs.size(); i++) {
                RequestValidator.checkLanguage(langs.get(i), "languages[" + i + "]", v);
            }
        }
        JsonNode types = f.array("session_types", false, 0, 16);
        if (types != null) {
            for (int i = 0; i < types.size(); i++) {
                Fields.enumNode(
                        types.get(i),
                        "session_types[" + i + "]",
                        true,
                        SessionType.class,
                        SessionType.allowedValues(),
                        v);
            }
        }
        f.integer("max_participants", false, 1, 100_000);
        f.number("hourly_rate", true, 0, 1_000_000);
        String currency = f.string("currency", false, 3, null);
        if (currency != null && !rates.isKnown(currency)) {
            v.add(
                    "currency",
                    "unknown currency '" + Fields.abbreviate(currency) + "'; known: "
                            + String.join(", ", rates.codes()));
        }
        String tz = f.string("timezone", false, limits.maxNameLength(), null);
        if (tz != null && !Timezones.isValid(tz)) {
            v.add("timezone", "unknown timezone '" + Fields.abbreviate(tz) + "'");
        }
        JsonNode slots = f.array("availability", false, 0, 7 * 48);
        if (slots != null) {
            for (int i = 0; i < slots.size(); i++) {
                String path = "availability[" + i + "]";
                JsonNode s = slots.get(i);
                if (!s.isObject()) {
                    v.add(path, "must be an object, was " + Fields.kind(s));
                    continue;
                }
                Fields sf = new Fields(s, path, v, limits);
                sf.integer("day_of_week", true, 1, 7);
                String start = sf.string("start", true, 5, null);
                String end = sf.string("end", true, 5, null);
                if (start != null && end != null) {
                    try {
                        ClockTime.parseRange(start + "-" + end);
                    } catch (IllegalArgumentException e) {
                        v.add(path, e.getMessage());
                    }
                }
            }
        }
        f.object("rating", false, r -> {
            r.number("average", false, 0, 5);
            r.integer("count", false, 0, Integer.MAX_VALUE);
        });
        f.object("metrics", false, m -> {
            m.integer("sessions_completed", false, 0, Integer.MAX_VALUE);
            m.number("success_rate", false, 0, 1);
            m.number("response_time_hours", false, 0, 10_000);
            m.number("repeat_client_rate", false, 0, 1);
        });
        f.bool("active");
        f.instant("updated_at", false);
        return v.list();
    }
}
