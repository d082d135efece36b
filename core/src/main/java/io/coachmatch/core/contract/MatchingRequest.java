package io.coachmatch.core.contract;

import java.time.Instant;
import java.util.List;

/**
 * A request for coaches, as the backend sends it on {@code matching-requests}. Fields the sender
 * left out stay null, so the record writes back exactly what it read; the {@code effective*}
 * methods apply the contract's defaults. Build instances from untrusted bytes only through
 * {@link io.coachmatch.core.validation.RequestParser}, which validates first.
 */
public record MatchingRequest(
        String requestId,
        String requesterId,
        Instant createdAt,
        String title,
        String description,
        SessionType sessionType,
        Priority priority,
        List<SkillRequirement> skillsRequired,
        BudgetConstraints budgetConstraints,
        AvailabilityRequirements availabilityRequirements,
        List<String> languageRequirements,
        Integer participantsCount,
        Integer totalSessions,
        Integer maxResults) {

    public Priority effectivePriority() {
        return priority == null ? Priority.NORMAL : priority;
    }

    public int effectiveParticipantsCount() {
        return participantsCount == null ? 1 : participantsCount;
    }

    public int effectiveTotalSessions() {
        return totalSessions == null ? 1 : totalSessions;
    }

    /** The A/B unit: the requester, or the request itself when no requester is named. */
    public String effectiveRequesterId() {
        return requesterId == null ? requestId : requesterId;
    }

    public List<String> effectiveLanguages() {
        return languageRequirements == null ? List.of() : languageRequirements;
    }

    public List<SkillRequirement> effectiveSkills() {
        return skillsRequired == null ? List.of() : skillsRequired;
    }

    /** A copy with another request id (the REST endpoint assigns one when the body has none). */
    public MatchingRequest withRequestId(String id) {
        return new MatchingRequest(
                id,
                requesterId,
                createdAt,
                title,
                description,
                sessionType,
                priority,
                skillsRequired,
                budgetConstraints,
                availabilityRequirements,
                languageRequirements,
                participantsCount,
                totalSessions,
                maxResults);
    }

    /** A copy with a creation time (used when the sender gave none). */
    public MatchingRequest withCreatedAt(Instant at) {
        return new MatchingRequest(
                requestId,
                requesterId,
                at,
                title,
                description,
                sessionType,
                priority,
                skillsRequired,
                budgetConstraints,
                availabilityRequirements,
                languageRequirements,
                participantsCount,
                totalSessions,
                maxResults);
    }

    /** This request asking for another number of results. */
    public MatchingRequest withMaxResults(Integer n) {
        return new MatchingRequest(
                requestId,
                requesterId,
                createdAt,
                title,
                description,
                sessionType,
                priority,
                skillsRequired,
                budgetConstraints,
                availabilityRequirements,
                languageRequirements,
                participantsCount,
                totalSessions,
                n);
    }
}
