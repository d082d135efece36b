package io.coachmatch.core.matching;

import io.coachmatch.core.contract.AvailabilitySlot;
import io.coachmatch.core.contract.CoachMetrics;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.CoachSkill;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.time.ClockTime;
import io.coachmatch.core.time.Timezones;
import io.coachmatch.core.time.WeekMask;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the rules need to know of one coach, computed once per catalog version: the rate in US
 * dollars, the request-independent rating terms, languages and skills keyed for comparison, and the
 * weekly availability as a {@link WeekMask} in the coach's own local time.
 */
public final class CoachFacts {

    /** The best entry a coach lists for one skill (a coach listing a skill twice gets the higher level). */
    public record SkillFact(String name, int level, double years, int certifications) {}

    private final CoachProfile profile;
    private final boolean active;
    private final int sessionMask;
    private final double rateUsd;
    private final int maxParticipants;
    private final Set<String> languages;
    private final Map<String, SkillFact> skills;
    private final double experienceYears;
    private final double ratingQuality;
    private final double ratingScore;
    private final int ratingCount;
    private final ZoneId zone;
    private final long[] localMask;

    private CoachFacts(CoachProfile p, CurrencyRates rates) {
        this.profile = p;
        this.active = p.isActive();
        int mask = 0;
        for (SessionType t : p.effectiveSessionTypes()) {
            if (t != null) {
                mask |= 1 << t.ordinal();
            }
        }
        this.sessionMask = mask;
        this.rateUsd = p.hourlyRate() == null ? 0.0 : rates.toUsd(p.hourlyRate(), p.effectiveCurrency());
        this.maxParticipants = p.maxParticipants() == null ? 1 : p.maxParticipants();
        Set<String> langs = new LinkedHashSet<>();
        for (String l : p.effectiveLanguages()) {
            if (l != null) {
                langs.add(l.trim().toLowerCase(Locale.ROOT));
            }
        }
        this.languages = Collections.unmodifiableSet(langs);
        Map<String, SkillFact> sk = new HashMap<>();
        for (CoachSkill s : p.effectiveSkills()) {
            if (s == null || s.name() == null) {
                continue;
            }
            SkillFact f = new SkillFact(
                    s.name().trim(), s.effectiveLevel().rank(), s.effectiveYears(), s.certificationCount());
            sk.merge(MatchQuery.skillKey(s.name()), f, (a, b) -> a.level() >= b.level() ? a : b);
        }
        this.skills = Collections.unmodifiableMap(sk);
        this.experienceYears = p.effectiveExperienceYears();
        this.ratingCount = p.effectiveRating().effectiveCount();
        this.ratingQuality = Scores.ratingQuality(p.effectiveRating().effectiveAverage(), ratingCount);
        CoachMetrics m = p.effectiveMetrics();
        this.ratingScore = Scores.rating(
                ratingQuality, m.sessionsCompleted() == null ? 0 : m.sessionsCompleted(), m.successRate());
        this.zone = Timezones.parse(p.effectiveTimezone());
        long[] local = WeekMask.empty();
        for (AvailabilitySlot slot : p.effectiveAvailability()) {
            int start = ClockTime.parseMinutes(slot.start());
            int end = ClockTime.parseMinutes(slot.end());
            WeekMask.addRange(local, (slot.dayOfWeek() - 1) * 1440 + start, ClockTime.span(start, end), 0);
        }
        this.localMask = local;
    }

    /**
     * Computes the facts of a valid profile.
     *
     * @throws IllegalArgumentException for an unknown currency or timezone, or a malformed slot
     */
    public static CoachFacts of(CoachProfile profile, CurrencyRates rates) {
        return new CoachFacts(profile, rates);
    }

    public CoachProfile profile() {
        return profile;
    }

    public boolean active() {
        return active;
    }

    public boolean offers(SessionType type) {
        return (sessionMask & (1 << type.ordinal())) != 0;
    }

    int sessionMask() {
        return sessionMask;
    }

    public double rateUsd() {
        return rateUsd;
    }

    public int maxParticipants() {
        return maxParticipants;
    }

    public Set<String> languages() {
        return languages;
    }

    public Map<String, SkillFact> skills() {
        return skills;
    }

    public double experienceYears() {
        return experienceYears;
    }

    public double ratingQuality() {
        return ratingQuality;
    }

    public double ratingScore() {
        return ratingScore;
    }

    public int ratingCount() {
        return ratingCount;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The coach's offset from UTC at an instant, in minutes, rounded to whole quarter hours. */
    public int offsetMinutesAt(Instant at) {
        return MatchQuery.roundToCell(zone.getRules().getOffset(at).getTotalSeconds() / 60);
    }

    long[] localMask() {
        return localMask;
    }

    /** The coach's weekly hours in UTC at an instant. */
    public long[] maskUtcAt(Instant at) {
        long[] utc = WeekMask.empty();
        int shift = -offsetMinutesAt(at);
        for (AvailabilitySlot slot : profile.effectiveAvailability()) {
            int start = ClockTime.parseMinutes(slot.start());
            int end = ClockTime.parseMinutes(slot.end());
            WeekMask.addRange(utc, (slot.dayOfWeek() - 1) * 1440 + start, ClockTime.span(start, end), shift);
        }
        return utc;
    }
}
