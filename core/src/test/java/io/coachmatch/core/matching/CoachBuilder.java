package io.coachmatch.core.matching;

import io.coachmatch.core.contract.AvailabilitySlot;
import io.coachmatch.core.contract.CoachMetrics;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.CoachSkill;
import io.coachmatch.core.contract.Rating;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.contract.SkillLevel;
import java.util.ArrayList;
import java.util.List;

/** Hand-built coaches for tests: a plain, qualified coach by default, changed one field at a time. */
final class CoachBuilder {

    String id;
    List<CoachSkill> skills = new ArrayList<>(List.of(new CoachSkill("React", SkillLevel.EXPERT, 8.0, List.of())));
    double experience = 10;
    List<String> languages = List.of("en");
    List<SessionType> types = List.of(SessionType.INDIVIDUAL, SessionType.GROUP, SessionType.WORKSHOP);
    int maxParticipants = 10;
    double rate = 100;
    String currency = "USD";
    String timezone = "UTC";
    List<AvailabilitySlot> slots = new ArrayList<>();
    Double ratingAverage = 4.5;
    int ratingCount = 40;
    Integer sessions = 100;
    Double successRate = 0.9;
    boolean active = true;

    CoachBuilder(String id) {
        this.id = id;
        for (int d = 1; d <= 5; d++) {
            slots.add(new AvailabilitySlot(d, "00:00", "24:00"));
        }
    }

    static CoachBuilder coach(String id) {
        return new CoachBuilder(id);
    }

    CoachBuilder skills(CoachSkill... s) {
        skills = List.of(s);
        return this;
    }

    CoachBuilder experience(double years) {
        experience = years;
        return this;
    }

    CoachBuilder languages(String... l) {
        languages = List.of(l);
        return this;
    }

    CoachBuilder types(SessionType... t) {
        types = List.of(t);
        return this;
    }

    CoachBuilder maxParticipants(int n) {
        maxParticipants = n;
        return this;
    }

    CoachBuilder rate(double r, String cur) {
        rate = r;
        currency = cur;
        return this;
    }

    CoachBuilder timezone(String tz) {
        timezone = tz;
        return this;
    }

    CoachBuilder slots(AvailabilitySlot... s) {
        slots = List.of(s);
        return this;
    }

    CoachBuilder rating(Double avg, int count) {
        ratingAverage = avg;
        ratingCount = count;
        return this;
    }

    CoachBuilder metrics(Integer sessionsCompleted, Double success) {
        sessions = sessionsCompleted;
        successRate = success;
        return this;
    }

    CoachBuilder inactive() {
        active = false;
        return this;
    }

    static AvailabilitySlot slot(int day, String start, String end) {
        return new AvailabilitySlot(day, start, end);
    }

    static CoachSkill skill(String name, SkillLevel level, double years, int certs) {
        List<String> c = new ArrayList<>();
        for (int i = 0; i < certs; i++) {
            c.add("cert " + i);
        }
        return new CoachSkill(name, level, years, c);
    }

    CoachProfile build() {
        return new CoachProfile(
                id,
                "Coach " + id,
                "Title",
                "Company",
                "Bio",
                skills,
                experience,
                languages,
                types,
                maxParticipants,
                rate,
                currency,
                timezone,
                slots,
                new Rating(ratingAverage, ratingCount),
                new CoachMetrics(sessions, successRate, 2.0, 0.3),
                active,
                null);
    }
}
