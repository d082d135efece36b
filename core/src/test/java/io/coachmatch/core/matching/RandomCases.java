package io.coachmatch.core.matching;

import io.coachmatch.core.contract.AvailabilityRequirements;
import io.coachmatch.core.contract.AvailabilitySlot;
import io.coachmatch.core.contract.BudgetConstraints;
import io.coachmatch.core.contract.CoachMetrics;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.CoachSkill;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.Rating;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.contract.SkillLevel;
import io.coachmatch.core.contract.SkillRequirement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random coaches and requests for property tests, drawn from the whole valid range of every
 * field (edge values included) rather than from realistic distributions, over a small vocabulary so
 * that skills, languages and hours collide often.
 */
final class RandomCases {

    static final String[] SKILLS = {"React", "react", "Go", "Java", "SQL", "Leadership", "Python", "AWS"};
    static final String[] LANGS = {"en", "es", "fr", "de"};
    static final String[] ZONES = {
        "UTC",
        "UTC-8",
        "UTC+05:30",
        "America/Los_Angeles",
        "Europe/Berlin",
        "Asia/Tokyo",
        "Australia/Sydney",
        "UTC+14",
        "UTC-12"
    };
    static final String[] CURRENCIES = {"USD", "EUR", "GBP"};

    private final SplittableRandom rnd;

    RandomCases(long seed) {
        rnd = new SplittableRandom(seed);
    }

    <T> T pick(T[] values) {
        return values[rnd.nextInt(values.length)];
    }

    String time() {
        return String.format("%02d:%02d", rnd.nextInt(24), rnd.nextInt(4) * 15 + (rnd.nextInt(10) == 0 ? 7 : 0));
    }

    String endTime(String start) {
        String end;
        do {
            end = rnd.nextInt(12) == 0 ? "24:00" : time();
        } while (end.equals(start));
        return end;
    }

    CoachProfile coach(String id) {
        List<CoachSkill> skills = new ArrayList<>();
        for (int i = rnd.nextInt(5); i > 0; i--) {
            skills.add(new CoachSkill(
                    pick(SKILLS),
                    SkillLevel.ofRank(rnd.nextInt(4)),
                    rnd.nextBoolean() ? null : rnd.nextDouble() * 15,
                    rnd.nextBoolean() ? null : List.of("a", "b", "c").subList(0, rnd.nextInt(4))));
        }
        List<String> langs = new ArrayList<>();
        for (String l : LANGS) {
            if (rnd.nextInt(3) == 0) {
                langs.add(rnd.nextBoolean() ? l : l.toUpperCase());
            }
        }
        List<SessionType> types = new ArrayList<>();
        for (SessionType t : SessionType.values()) {
            if (rnd.nextInt(3) > 0) {
                types.add(t);
            }
        }
        List<AvailabilitySlot> slots = new ArrayList<>();
        for (int i = rnd.nextInt(6); i > 0; i--) {
            String s = time();
            slots.add(new AvailabilitySlot(1 + rnd.nextInt(7), s, endTime(s)));
        }
        Rating rating = rnd.nextInt(5) == 0
                ? null
                : new Rating(1 + rnd.nextDouble() * 4, rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(2000));
        CoachMetrics metrics = rnd.nextInt(5) == 0
                ? null
                : new CoachMetrics(
                        rnd.nextInt(500), rnd.nextBoolean() ? null : rnd.nextDouble(), 3.0, rnd.nextDouble());
        return new CoachProfile(
                id,
                "Name " + id,
                null,
                null,
                null,
                skills,
                rnd.nextBoolean() ? null : rnd.nextDouble() * 40,
                langs,
                types,
                1 + rnd.nextInt(30),
                rnd.nextDouble() * 400,
                pick(CURRENCIES),
                pick(ZONES),
                slots,
                rating,
                metrics,
                rnd.nextInt(15) == 0 ? Boolean.FALSE : null,
                null);
    }

    List<CoachProfile> coaches(int n, String prefix) {
        List<CoachProfile> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(coach(prefix + i));
        }
        return list;
    }

    MatchingRequest request(String id) {
        List<SkillRequirement> skills = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
            String name = pick(SKILLS);
            if (used.contains(name.toLowerCase())) {
                continue;
            }
            used.add(name.toLowerCase());
            skills.add(new SkillRequirement(
                    name,
                    rnd.nextBoolean() ? null : SkillLevel.ofRank(rnd.nextInt(4)),
                    rnd.nextBoolean() ? null : rnd.nextDouble() * 10,
                    rnd.nextInt(4) == 0));
        }
        BudgetConstraints budget =
                rnd.nextInt(3) == 0 ? null : new BudgetConstraints(20 + rnd.nextDouble() * 400, pick(CURRENCIES));
        AvailabilityRequirements av = null;
        if (rnd.nextInt(4) > 0) {
            List<Integer> days = new ArrayList<>();
            for (int d = 1; d <= 7; d++) {
                if (rnd.nextInt(3) == 0) {
                    days.add(d);
                }
            }
            List<String> slots = new ArrayList<>();
            for (int i = rnd.nextInt(3); i > 0; i--) {
                String s = time();
                slots.add(s + "-" + endTime(s));
            }
            av = new AvailabilityRequirements(
                    days.isEmpty() ? null : days,
                    slots.isEmpty() ? null : slots,
                    pick(ZONES),
                    rnd.nextInt(3) == 0 ? rnd.nextDouble() : null);
        }
        List<String> langs = rnd.nextBoolean() ? null : List.of(pick(LANGS));
        return new MatchingRequest(
                id,
                null,
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(rnd.nextInt(366 * 86400)),
                null,
                null,
                pick(SessionType.values()),
                null,
                skills,
                budget,
                av,
                langs,
                rnd.nextBoolean() ? null : 1 + rnd.nextInt(20),
                null,
                rnd.nextBoolean() ? null : 1 + rnd.nextInt(100));
    }
}
