package io.coachmatch.core.features;

import static io.coachmatch.core.features.Feature.AVAILABILITY_COVERAGE;
import static io.coachmatch.core.features.Feature.CAPACITY_HEADROOM;
import static io.coachmatch.core.features.Feature.EXPERIENCE_LOG;
import static io.coachmatch.core.features.Feature.FLEXIBILITY;
import static io.coachmatch.core.features.Feature.HAS_BUDGET;
import static io.coachmatch.core.features.Feature.LANGUAGE_BREADTH;
import static io.coachmatch.core.features.Feature.LANGUAGE_FIT;
import static io.coachmatch.core.features.Feature.LEVEL_SHORTFALL;
import static io.coachmatch.core.features.Feature.LEVEL_SURPLUS;
import static io.coachmatch.core.features.Feature.MANDATORY_COVERAGE;
import static io.coachmatch.core.features.Feature.OVERLAP_HOURS_LOG;
import static io.coachmatch.core.features.Feature.PRICE_RATIO;
import static io.coachmatch.core.features.Feature.PRICE_RATIO_HIGH;
import static io.coachmatch.core.features.Feature.PRICE_RATIO_LOW;
import static io.coachmatch.core.features.Feature.REPEAT_CLIENT_RATE;
import static io.coachmatch.core.features.Feature.RESPONSE_SPEED;
import static io.coachmatch.core.features.Feature.REVIEW_COUNT_LOG;
import static io.coachmatch.core.features.Feature.RULE_AVAILABILITY;
import static io.coachmatch.core.features.Feature.RULE_EXPERIENCE;
import static io.coachmatch.core.features.Feature.RULE_PRICE;
import static io.coachmatch.core.features.Feature.RULE_RATING;
import static io.coachmatch.core.features.Feature.RULE_SKILL;
import static io.coachmatch.core.features.Feature.RULE_TOTAL;
import static io.coachmatch.core.features.Feature.SESSIONS_LOG;
import static io.coachmatch.core.features.Feature.SESSION_TYPE_BREADTH;
import static io.coachmatch.core.features.Feature.SESSION_TYPE_FIT;
import static io.coachmatch.core.features.Feature.SHRUNK_RATING;
import static io.coachmatch.core.features.Feature.SKILL_BREADTH;
import static io.coachmatch.core.features.Feature.SKILL_CERTIFICATIONS;
import static io.coachmatch.core.features.Feature.SKILL_COVERAGE;
import static io.coachmatch.core.features.Feature.SKILL_YEARS;
import static io.coachmatch.core.features.Feature.SUCCESS_RATE;
import static io.coachmatch.core.features.Feature.TFIDF_COSINE;

import io.coachmatch.core.contract.Priority;
import io.coachmatch.core.matching.RuleScorer;
import io.coachmatch.core.matching.Scores;
import java.util.Arrays;

/**
 * Ranges the features of (request, coach) pairs lie in, computed without extracting them, so that a
 * model's score can be bounded per coach: {@link #requestRanges} per request, narrowed to points by
 * {@link #coachOnly} and {@link #coachExact} per coach and by {@link #narrowToRules} with what the
 * matcher knows of a pair. The invariant, tested, is that {@link FeatureExtractor#extract} never
 * leaves these ranges.
 */
public final class FeatureBounds {

    /**
     * The features whose value follows from the coach alone: {@code rule_rating} (the rule's rating
     * component depends on the coach only) and the request-independent profile features.
     */
    public static final int[] COACH_ONLY = Feature.indices(
            RULE_RATING,
            EXPERIENCE_LOG,
            REVIEW_COUNT_LOG,
            SHRUNK_RATING,
            SESSIONS_LOG,
            SUCCESS_RATE,
            RESPONSE_SPEED,
            REPEAT_CLIENT_RATE,
            LANGUAGE_BREADTH,
            SESSION_TYPE_BREADTH,
            SKILL_BREADTH,
            Feature.CLICK_RATE,
            Feature.CONTACT_RATE,
            Feature.BOOKING_RATE,
            Feature.GOOD_RATING_RATE,
            Feature.HISTORY_COUNT);

    /**
     * The features that depend on the request and that {@link #coachExact} computes exactly, in O(1),
     * for one coach: {@code rule_experience} and {@code rule_price} (fixed by the coach and the request,
     * as {@link RuleScorer} computes them), the TF-IDF cosine (computed for every coach once per
     * request), the price ratios, language and session-type fit and capacity headroom; and, in O(skills), the
     * bio and related-skill matches and the skill fit.
     */
    public static final int[] COACH_EXACT = Feature.indices(
            RULE_EXPERIENCE,
            RULE_PRICE,
            TFIDF_COSINE,
            PRICE_RATIO,
            PRICE_RATIO_LOW,
            PRICE_RATIO_HIGH,
            LANGUAGE_FIT,
            SESSION_TYPE_FIT,
            CAPACITY_HEADROOM,
            Feature.BIO_SKILL_COVERAGE,
            Feature.RELATED_SKILL_MATCH,
            Feature.SKILL_FIT);

    /** The features that follow from the rule components only the matcher knows: skill, availability, total, coverage. */
    public static final int[] RULE_DEPENDENT =
            Feature.indices(RULE_SKILL, RULE_AVAILABILITY, RULE_TOTAL, AVAILABILITY_COVERAGE, OVERLAP_HOURS_LOG);

    private FeatureBounds() {}

    /** Writes the {@link #COACH_ONLY} features of coach {@code c} into {@code out} at their indices. */
    public static void coachOnly(CoachTable t, int c, double[] out) {
        out[RULE_RATING.ordinal()] = t.ratingScore[c];
        FeatureExtractor.copyStatics(t, c, out);
        FeatureExtractor.copyBehaviour(t, c, out);
    }

    /**
     * Writes the {@link #COACH_EXACT} features of coach {@code c} for request {@code r} into
     * {@code out} at their indices: the values {@link FeatureExtractor#extract} writes for the pair,
     * given the rule components the matcher computes for it.
     */
    public static void coachExact(RequestSide r, CoachTable t, int c, double[] out) {
        out[RULE_EXPERIENCE.ordinal()] = Scores.experience(t.experienceYears[c], r.highestLevel);
        out[RULE_PRICE.ordinal()] = Scores.price(t.rateUsd[c], r.budgetUsd, t.ratingQuality[c]);
        out[TFIDF_COSINE.ordinal()] = Scores.clamp(r.cosines[c]);
        double ratio = FeatureExtractor.priceRatio(r, t, c);
        out[PRICE_RATIO.ordinal()] = ratio;
        out[PRICE_RATIO_LOW.ordinal()] = r.priority == Priority.LOW ? ratio : 0.0;
        out[PRICE_RATIO_HIGH.ordinal()] = r.priority == Priority.HIGH ? ratio : 0.0;
        out[LANGUAGE_FIT.ordinal()] = FeatureExtractor.languageFit(r, t, c);
        out[SESSION_TYPE_FIT.ordinal()] = FeatureExtractor.sessionTypeFit(r, t, c);
        out[CAPACITY_HEADROOM.ordinal()] = FeatureExtractor.capacityHeadroom(r, t, c);
        FeatureExtractor.skillExtras(r, t, c, out);
    }

    /**
     * Writes, for every feature, a range {@code [lo, hi]} its value lies in for any coach of the table
     * against request {@code r}: exact where the request alone fixes it ({@code has_budget},
     * {@code flexibility}, the skill features of a request without skills, ...), the feature's range
     * otherwise (the rule components, whose skill, availability and total only the matcher knows,
     * and the availability and skill features, which cost a pass over the coach's hours or skills).
     * Together with {@link #coachOnly} and {@link #coachExact}, which narrow ranges to points, this
     * bounds the features of a pair without computing them.
     */
    public static void requestRanges(RequestSide r, double[] lo, double[] hi) {
        Arrays.fill(lo, 0, FeatureExtractor.SIZE, 0.0);
        Arrays.fill(hi, 0, FeatureExtractor.SIZE, 1.0);
        lo[RULE_AVAILABILITY.ordinal()] = Scores.availability(0.0, r.flexibility);
        boolean noSkills = r.skills.length == 0;
        if (noSkills) {
            hi[SKILL_COVERAGE.ordinal()] = 0.0;
            hi[LEVEL_SHORTFALL.ordinal()] = 0.0;
            hi[LEVEL_SURPLUS.ordinal()] = 0.0;
            hi[SKILL_YEARS.ordinal()] = 0.0;
            hi[SKILL_CERTIFICATIONS.ordinal()] = 0.0;
        }
        if (r.mandatoryCount == 0) {
            lo[MANDATORY_COVERAGE.ordinal()] = 1.0;
        }
        hi[PRICE_RATIO.ordinal()] = 2.0;
        hi[PRICE_RATIO_LOW.ordinal()] = r.priority == Priority.LOW ? 2.0 : 0.0;
        hi[PRICE_RATIO_HIGH.ordinal()] = r.priority == Priority.HIGH ? 2.0 : 0.0;
        int budget = HAS_BUDGET.ordinal();
        lo[budget] = r.hasBudget ? 1.0 : 0.0;
        hi[budget] = lo[budget];
        if (r.requestedCells == 0) {
            hi[AVAILABILITY_COVERAGE.ordinal()] = 0.0;
        }
        hi[OVERLAP_HOURS_LOG.ordinal()] = r.overlapLog[r.requestedCells];
        if (r.languages.length == 0) {
            lo[LANGUAGE_FIT.ordinal()] = 1.0;
        }
        lo[FLEXIBILITY.ordinal()] = r.flexibility;
        hi[FLEXIBILITY.ordinal()] = r.flexibility;
    }

    /**
     * Narrows the {@link #RULE_DEPENDENT} ranges of {@link #requestRanges} to what the matcher knows
     * of a pair: the rule skill component exactly, a value the rule total is not above, and the
     * coverage to within 1e-12 (NaN when unknown).
     */
    public static void narrowToRules(
            RequestSide r, double skill, double totalAtMost, double coverage, double[] lo, double[] hi) {
        lo[RULE_SKILL.ordinal()] = skill;
        hi[RULE_SKILL.ordinal()] = skill;
        int total = RULE_TOTAL.ordinal();
        hi[total] = Math.max(lo[total], Math.min(hi[total], totalAtMost));
        if (!Double.isNaN(coverage)) {
            double cl = Scores.clamp(coverage - 1e-12);
            double ch = Scores.clamp(coverage + 1e-12);
            lo[AVAILABILITY_COVERAGE.ordinal()] = cl;
            hi[AVAILABILITY_COVERAGE.ordinal()] = ch;
            lo[RULE_AVAILABILITY.ordinal()] = Scores.availability(cl, r.flexibility) - 1e-12;
            hi[RULE_AVAILABILITY.ordinal()] = Scores.availability(ch, r.flexibility) + 1e-12;
            lo[OVERLAP_HOURS_LOG.ordinal()] = r.overlapLog[(int) Math.round(cl * r.requestedCells)];
            hi[OVERLAP_HOURS_LOG.ordinal()] = r.overlapLog[(int) Math.round(ch * r.requestedCells)];
        }
    }
}
