package io.coachmatch.core.matching;

import io.coachmatch.core.contract.AvailabilityRequirements;
import io.coachmatch.core.contract.BudgetConstraints;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.contract.SkillLevel;
import io.coachmatch.core.contract.SkillRequirement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-built requests for tests. */
final class RequestBuilder {

    List<SkillRequirement> skills =
            new ArrayList<>(List.of(new SkillRequirement("React", SkillLevel.EXPERT, 1.0, false)));
    SessionType type = SessionType.GROUP;
    BudgetConstraints budget;
    AvailabilityRequirements availability;
    List<String> languages;
    Integer participants;
    Integer maxResults;
    Instant createdAt = Instant.parse("2026-11-28T10:00:00Z");

    static RequestBuilder request() {
        return new RequestBuilder();
    }

    RequestBuilder skills(SkillRequirement... s) {
        skills = List.of(s);
        return this;
    }

    RequestBuilder type(SessionType t) {
        type = t;
        return this;
    }

    RequestBuilder budget(double max, String currency) {
        budget = new BudgetConstraints(max, currency);
        return this;
    }

    RequestBuilder availability(List<Integer> days, List<String> slots, String tz, Double flexibility) {
        availability = new AvailabilityRequirements(days, slots, tz, flexibility);
        return this;
    }

    RequestBuilder languages(String... l) {
        languages = List.of(l);
        return this;
    }

    RequestBuilder participants(int n) {
        participants = n;
        return this;
    }

    RequestBuilder maxResults(int n) {
        maxResults = n;
        return this;
    }

    RequestBuilder createdAt(String iso) {
        createdAt = Instant.parse(iso);
        return this;
    }

    static SkillRequirement need(String name, SkillLevel level, double weight, boolean mandatory) {
        return new SkillRequirement(name, level, weight, mandatory);
    }

    MatchingRequest build() {
        return new MatchingRequest(
                "req_test",
                "user_1",
                createdAt,
                "Title",
                "Description",
                type,
                null,
                skills,
                budget,
                availability,
                languages,
                participants,
                null,
                maxResults);
    }
}
