package io.coachmatch.core.contract;

import java.util.List;

/**
 * One ranked coach in an answer, with the score breakdown and the reason.
 *
 * @param modelScore null when no model took part (rules only)
 */
public record Match(
        CoachProfile coach,
        int rank,
        double matchScore,
        double ruleScore,
        Double modelScore,
        double skillScore,
        double experienceScore,
        double ratingScore,
        double availabilityScore,
        double priceScore,
        List<String> matchingSkills,
        List<String> missingSkills,
        double confidenceLevel,
        String recommendationReason) {}
