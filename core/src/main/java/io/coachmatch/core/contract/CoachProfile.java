package io.coachmatch.core.contract;

import java.time.Instant;
import java.util.List;

/**
 * A coach, as the backend publishes it on {@code coach-profiles} and as data files hold it.
 * Answers carry the whole profile, so fields the matcher does not use still round-trip.
 */
public record CoachProfile(
        String id,
        String name,
        String title,
        String company,
        String bio,
        List<CoachSkill> skills,
        Double experienceYears,
        List<String> languages,
        List<SessionType> sessionTypes,
        Integer maxParticipants,
        Double hourlyRate,
        String currency,
        String timezone,
        List<AvailabilitySlot> availability,
        Rating rating,
        CoachMetrics metrics,
        Boolean active,
        Instant updatedAt) {

    /** A coach is active unless it says {@code active: false}. */
    public boolean isActive() {
        return !Boolean.FALSE.equals(active);
    }

    public List<CoachSkill> effectiveSkills() {
        return skills == null ? List.of() : skills;
    }

    public List<String> effectiveLanguages() {
        return languages == null ? List.of() : languages;
    }

    public List<SessionType> effectiveSessionTypes() {
        return sessionTypes == null ? List.of() : sessionTypes;
    }

    public List<AvailabilitySlot> effectiveAvailability() {
        return availability == null ? List.of() : availability;
    }

    public String effectiveCurrency() {
        return currency == null ? "USD" : currency;
    }

    public String effectiveTimezone() {
        return timezone == null ? "UTC" : timezone;
    }

    public double effectiveExperienceYears() {
        return experienceYears == null ? 0.0 : experienceYears;
    }

    public Rating effectiveRating() {
        return rating == null ? new Rating(null, null) : rating;
    }

    public CoachMetrics effectiveMetrics() {
        return metrics == null ? new CoachMetrics(null, null, null, null) : metrics;
    }

    /** This profile with another bio. */
    public CoachProfile withBio(String newBio) {
        return new CoachProfile(
                id,
                name,
                title,
                company,
                newBio,
                skills,
                experienceYears,
                languages,
                sessionTypes,
                maxParticipants,
                hourlyRate,
                currency,
                timezone,
                availability,
                rating,
                metrics,
                active,
                updatedAt);
    }
}
