package io.coachmatch.core.features;

import static io.coachmatch.core.features.Feature.AVAILABILITY_COVERAGE;
import static io.coachmatch.core.features.Feature.CAPACITY_HEADROOM;
import static io.coachmatch.core.features.Feature.LANGUAGE_FIT;
import static io.coachmatch.core.features.Feature.OVERLAP_HOURS_LOG;
import static io.coachmatch.core.features.Feature.PRICE_RATIO;
import static io.coachmatch.core.features.Feature.PRICE_RATIO_HIGH;
import static io.coachmatch.core.features.Feature.PRICE_RATIO_LOW;
import static io.coachmatch.core.features.Feature.RULE_AVAILABILITY;
import static io.coachmatch.core.features.Feature.RULE_EXPERIENCE;
import static io.coachmatch.core.features.Feature.RULE_PRICE;
import static io.coachmatch.core.features.Feature.RULE_SKILL;
import static io.coachmatch.core.features.Feature.RULE_TOTAL;
import static io.coachmatch.core.features.Feature.SESSION_TYPE_FIT;
import static io.coachmatch.core.features.Feature.TFIDF_COSINE;

import io.coachmatch.core.contract.Priority;
import io.coachmatch.core.matching.Scores;

/**
 * Bounds of a linear function {@code Σ w_i·x_i} of the features of (request, coach) pairs without
 * extracting them, in O(1) per coach, so that the matcher can skip coaches whose best possible model
 * score cannot matter. Built once per catalog table and weight vector: it keeps, per coach and per
 * highest required level, the sum over what follows from the coach alone ({@link FeatureBounds#COACH_ONLY},
 * {@code rule_experience}, the value-for-money share of {@code rule_price}). Per request
 * ({@link #forRequest}) it sums the extreme ends of the features only the matcher knows (rule skill,
 * availability and total, the skill and availability features: their {@link FeatureBounds#requestRanges})
 * once, and per coach adds the rest exactly (TF-IDF cosine, price, language, session type, capacity).
 *
 * <p>Invariant (tested against {@link FeatureExtractor#extract}): for any coach and the rule components
 * the matcher computes for the pair, {@code lower(c) − ε ≤ Σ w_i·x_i ≤ upper(c) + ε}, where ε covers
 * rounding only (the sums are taken in another order, and a few quotients as products). The formulas
 * follow those of {@link FeatureExtractor} and {@link Scores} term by term; the tests catch a drift.
 * Immutable; the per-request part is not shared between threads.
 */
public final class LinearBound {

    private static final int LEVELS = 4;
    /** {@code Scores}' reference rate: the price fit and ratio of a request without a budget compare against it. */
    private static final double REFERENCE_RATE_USD = 300.0;

    private static final double INVERSE_NO_BUDGET_REFERENCE = 1.0 / REFERENCE_RATE_USD;

    private final CoachTable table;
    private final double[] w;
    /** Per level h, at [h·size + c]: the coach's fixed share of the sum. */
    private final double[] fixed;
    /** The rate as {@link Scores#price} reads it (finite, not negative). */
    private final double[] priceRate;

    private final double[] inverseMax;

    public LinearBound(CoachTable table, double[] weights) {
        this.table = table;
        this.w = weights.clone();
        int n = table.size();
        fixed = new double[LEVELS * n];
        priceRate = new double[n];
        inverseMax = new double[n];
        double[] x = new double[FeatureExtractor.SIZE];
        for (int c = 0; c < n; c++) {
            FeatureBounds.coachOnly(table, c, x);
            double s = 0;
            for (int i : FeatureBounds.COACH_ONLY) {
                s += w[i] * x[i];
            }
            double rate = table.rateUsd[c];
            double p = Math.max(0, Double.isFinite(rate) ? rate : REFERENCE_RATE_USD);
            priceRate[c] = p;
            double value = Scores.clamp(table.ratingQuality[c]) * 100.0 / (100.0 + p);
            s += weight(RULE_PRICE) * 0.3 * value;
            for (int h = 0; h < LEVELS; h++) {
                fixed[h * n + c] = s + weight(RULE_EXPERIENCE) * Scores.experience(table.experienceYears[c], h);
            }
            int max = table.maxParticipants[c];
            inverseMax[c] = max <= 0 ? 0.0 : 1.0 / max;
        }
    }

    private double weight(Feature f) {
        return w[f.ordinal()];
    }

    /** The bound of one request: {@code upper} for the largest sum, else the smallest. */
    public Request forRequest(RequestSide r, boolean upper) {
        return new Request(r, upper);
    }

    /** The bound of one request against the table. */
    public final class Request {

        private final RequestSide r;
        private final int offset;
        private final double constant;
        /** {@link #constant} at the other end: the smallest sum of an upper request, the largest of a lower one. */
        private final double otherConstant;

        private final boolean upper;
        /** The extreme ends of the rule-dependent features when nothing more is known, all and the availability ones. */
        private final double unknownRules;

        private final double unknownAvailability;
        private final double[] lo = new double[FeatureExtractor.SIZE];
        private final double[] hi = new double[FeatureExtractor.SIZE];
        private final double[] cosines;
        private final double cosineWeight;
        private final boolean hasBudget;
        private final boolean nonPositiveBudget;
        private final double inverseBudget;
        private final double ratioWeight;
        private final double fitWeight;
        private final boolean maskLanguages;
        private final double languageStep;
        private final double sessionWeight;
        private final int sessionBit;
        private final int participants;
        private final double capacityWeight;
        private final double languageWeight;
        /** The weights of the features {@link #sum(int, double, double, double)} adds per coach. */
        private final double skillWeight;

        private final double totalWeight;
        private final double availabilityWeight;
        private final double coverageWeight;
        private final double overlapWeight;
        /** The weights of the bio and related-skill matches and the skill fit, computed per coach only when one is not 0. */
        private final double bioWeight;

        private final double relatedWeight;
        private final double skillFitWeight;
        private final double[] extras = new double[FeatureExtractor.SIZE];
        /** The matcher asks twice about most coaches (before and after it knows the coverage): the last coach's sum. */
        private int memoCoach = -1;

        private double memoSum;

        private Request(RequestSide r, boolean upper) {
            this.r = r;
            this.offset = r.highestLevel * table.size();
            this.upper = upper;
            FeatureBounds.requestRanges(r, lo, hi);
            boolean[] known = new boolean[FeatureExtractor.SIZE];
            for (int i : FeatureBounds.COACH_ONLY) {
                known[i] = true;
            }
            for (int i : FeatureBounds.COACH_EXACT) {
                known[i] = true;
            }
            for (int i : FeatureBounds.RULE_DEPENDENT) {
                known[i] = true;
            }
            double s = 0;
            double other = 0;
            for (int i = 0; i < known.length; i++) {
                if (!known[i]) {
                    s += extreme(i, upper);
                    other += extreme(i, !upper);
                }
            }
            unknownAvailability =
                    extreme(RULE_AVAILABILITY) + extreme(AVAILABILITY_COVERAGE) + extreme(OVERLAP_HOURS_LOG);
            unknownRules = extreme(RULE_SKILL) + extreme(RULE_TOTAL) + unknownAvailability;
            boolean noLanguages = r.languages.length == 0;
            if (noLanguages) {
                s += weight(LANGUAGE_FIT);
                other += weight(LANGUAGE_FIT);
            }
            constant = s;
            otherConstant = other;
            cosines = r.cosines;
            cosineWeight = weight(TFIDF_COSINE);
            hasBudget = r.hasBudget;
            nonPositiveBudget = r.budgetUsd <= 0;
            inverseBudget = hasBudget ? 1.0 / r.budgetUsd : INVERSE_NO_BUDGET_REFERENCE;
            ratioWeight = weight(PRICE_RATIO)
                    + (r.priority == Priority.LOW ? weight(PRICE_RATIO_LOW) : 0.0)
                    + (r.priority == Priority.HIGH ? weight(PRICE_RATIO_HIGH) : 0.0);
            fitWeight = weight(RULE_PRICE) * 0.7;
            maskLanguages = !noLanguages && table.langMask != null;
            languageWeight = weight(LANGUAGE_FIT);
            languageStep = noLanguages ? 0.0 : languageWeight / r.languages.length;
            sessionWeight = weight(SESSION_TYPE_FIT);
            sessionBit = r.sessionBit;
            participants = r.participants;
            capacityWeight = weight(CAPACITY_HEADROOM);
            skillWeight = weight(RULE_SKILL);
            totalWeight = weight(RULE_TOTAL);
            availabilityWeight = weight(RULE_AVAILABILITY);
            coverageWeight = weight(AVAILABILITY_COVERAGE);
            overlapWeight = weight(OVERLAP_HOURS_LOG);
            bioWeight = weight(Feature.BIO_SKILL_COVERAGE);
            relatedWeight = weight(Feature.RELATED_SKILL_MATCH);
            skillFitWeight = weight(Feature.SKILL_FIT);
        }

        private double extreme(Feature f) {
            return extreme(f.ordinal());
        }

        private double extreme(int i) {
            return extreme(i, upper);
        }

        private double extreme(int i, boolean largest) {
            double a = w[i] * lo[i];
            double b = w[i] * hi[i];
            return largest ? Math.max(a, b) : Math.min(a, b);
        }

        /** The bound of {@code Σ w_i·x_i} for coach {@code c}, up to rounding. */
        public double sum(int c) {
            return coachSum(c) + unknownRules;
        }

        /**
         * As {@link #sum(int)}, knowing the pair's rule skill component, a value its rule total is not
         * above and its coverage (NaN when unknown), as {@link FeatureBounds#narrowToRules} takes them.
         */
        public double sum(int c, double skill, double totalAtMost, double coverage) {
            double s = coachSum(c) + skillWeight * skill;
            double t = Math.max(0.0, Math.min(1.0, totalAtMost));
            s += upper ? Math.max(0.0, totalWeight * t) : Math.min(0.0, totalWeight * t);
            if (Double.isNaN(coverage)) {
                return s + unknownAvailability;
            }
            double cov = Scores.clamp(coverage);
            return s
                    + availabilityWeight * Scores.availability(cov, r.flexibility)
                    + coverageWeight * cov
                    + overlapWeight * r.overlapLog[(int) Math.round(cov * r.requestedCells)];
        }

        /**
         * The other end of {@link #sum(int, double, double, double)} for a known coverage and a rule total known to
         * lie in {@code [totalAtLeast, totalAtMost]}: the smallest sum of an upper request, the largest of a lower
         * one, from the same per-coach terms (computed once for both).
         */
        public double otherSum(int c, double skill, double totalAtLeast, double totalAtMost, double coverage) {
            double s = coachSum(c) - constant + otherConstant + skillWeight * skill;
            double lo = totalWeight * Math.max(0.0, Math.min(1.0, totalAtLeast));
            double hi = totalWeight * Math.max(0.0, Math.min(1.0, totalAtMost));
            s += upper ? Math.min(lo, hi) : Math.max(lo, hi);
            double cov = Scores.clamp(coverage);
            return s
                    + availabilityWeight * Scores.availability(cov, r.flexibility)
                    + coverageWeight * cov
                    + overlapWeight * r.overlapLog[(int) Math.round(cov * r.requestedCells)];
        }

        private double coachSum(int c) {
            if (c != memoCoach) {
                memoSum = computeCoachSum(c);
                memoCoach = c;
            }
            return memoSum;
        }

        private double computeCoachSum(int c) {
            CoachTable t = table;
            double s = fixed[offset + c] + constant + cosineWeight * Scores.clamp(cosines[c]);
            double rate = t.rateUsd[c];
            double ratio = hasBudget && nonPositiveBudget ? 2.0 : rate * inverseBudget;
            ratio = Math.min(2.0, Math.max(0.0, Double.isNaN(ratio) ? 2.0 : ratio));
            double p = priceRate[c];
            double fit = hasBudget
                    ? 1.0 - 0.5 * Scores.clamp(nonPositiveBudget ? 1.0 : p * inverseBudget)
                    : 1.0 - 0.5 * Math.min(1.0, p * INVERSE_NO_BUDGET_REFERENCE);
            s += ratioWeight * ratio + fitWeight * fit;
            if (maskLanguages) {
                s += languageStep * Long.bitCount(t.langMask[c] & r.languageBits);
            } else if (languageStep != 0.0) {
                s += languageWeight * FeatureExtractor.languageFit(r, t, c);
            }
            if ((t.sessionMask[c] & sessionBit) != 0) {
                s += sessionWeight;
            }
            double inv = inverseMax[c];
            if (inv > 0) {
                s += capacityWeight * Scores.clamp((t.maxParticipants[c] - participants) * inv);
            }
            if (bioWeight != 0.0 || relatedWeight != 0.0 || skillFitWeight != 0.0) {
                FeatureExtractor.skillExtras(r, t, c, extras);
                s += bioWeight * extras[Feature.BIO_SKILL_COVERAGE.ordinal()]
                        + relatedWeight * extras[Feature.RELATED_SKILL_MATCH.ordinal()]
                        + skillFitWeight * extras[Feature.SKILL_FIT.ordinal()];
            }
            return s;
        }
    }
}
