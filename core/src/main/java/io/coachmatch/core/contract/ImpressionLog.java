package io.coachmatch.core.contract;

import java.time.Instant;
import java.util.List;

/**
 * What serving showed for one answer, as published on {@code matching-impressions}: the request, which experiment,
 * variant and model version answered it, and for each coach shown its position, its scores and the feature vector
 * the model scored (in the order of {@link io.coachmatch.core.features.FeatureExtractor#FEATURES}). Training reads
 * the same record back, so it learns from exactly what serving computed rather than recomputing features later.
 *
 * <p>A duplicate request (the same request_id again) is answered from the cache and logged again with
 * {@code duplicate = true}; readers keep the first log of a request_id.
 *
 * @param featureNames the names of {@code features}, so a reader can check it computes the same list; null when
 *                     no feature extractor was available (no model loaded at all)
 * @param shown        the coaches in the answer, in rank order
 */
public record ImpressionLog(
        String requestId,
        String requesterId,
        String experiment,
        String variant,
        String modelVersion,
        Instant servedAt,
        boolean duplicate,
        MatchingRequest request,
        List<String> featureNames,
        List<Shown> shown) {

    public ImpressionLog {
        shown = shown == null ? List.of() : List.copyOf(shown);
    }

    /**
     * One coach shown.
     *
     * @param position 1-based, as in the contract's impression events
     * @param features the model's features of this (request, coach) pair; null when unavailable
     */
    public record Shown(
            String coachId, int position, double matchScore, double ruleScore, Double modelScore, double[] features) {}
}
