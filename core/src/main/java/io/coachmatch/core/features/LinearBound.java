package io.coachmatch.core.features;

import io.coachmatch.core.contract.Priority;
import io.coachmatch.core.matching.Scores;

/**
 * Bounds of a linear function {@code Σ w_i·x_i} of the features of (request, coach) pairs without
 * extracting them, in O(1) per coach, so that the matcher can skip coaches whose best possible model
 * score cannot matter. Built once per catalog table and weight vector: it keeps, per coach and per
 * highest required level, the sum over what follows from the coach alone ({@link FeatureExtractor#COACH_ONLY},
 * {@code rule_experience}, the value-for-money share of {@code rule_price}). Per request
 * ({@link #forRequest}) it sums the extreme ends of the features only the matcher knows (rule skill,
 * availability and total, the skill and availability features: their {@link FeatureExtractor#requestRanges})
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

    private final FeatureExtractor.CoachTable table;
    private final double[] w;
    /** Per level h, at [h·size + c]: the coach's fixed share of the sum. */
    private final double[] fixed;
    /** The rate as {@link Scores#price} reads it (finite, not negative). */
    private final double[] priceRate;
    private final double[] inverseMax;

    public LinearBound(FeatureExtractor.CoachTable table, double[] weights) {
        this.table = table;
        this.w = weights.clone();
        int n = table.size();
        fixed = new double[LEVELS * n];
        priceRate = new double[n];
        inverseMax = new double[n];
        double[] x = new double[FeatureExtractor.SIZE];
        for (int c = 0; c < n; c++) {
            FeatureExtractor.coachOnly(table, c, x);
            double s = 0;
            for (int i : FeatureExtractor.COACH_ONLY) {
                s += w[i] * x[i];
            }
            double rate = table.rateUsd[c];
            double p = Math.max(0, Double.isFinite(rate) ? rate : REFERENCE_RATE_USD);
            priceRate[c] = p;
            double value = Scores.clamp(table.ratingQuality[c]) * 100.0 / (100.0 + p);
            s += w[4] * 0.3 * value;
            for (int h = 0; h < LEVELS; h++) {
                fixed[h * n + c] = s + w[1] * Scores.experience(table.experienceYears[c], h);
            }
            int max = table.maxParticipants[c];
            inverseMax[c] = max <= 0 ? 0.0 : 1.0 / max;
        }
    }

    /** The bound of one request: {@code upper} for the largest sum, else the smallest. */
    public Request forRequest(FeatureExtractor.RequestSide r, boolean upper) {
        return new Request(r, upper);
    }

    /** The bound of one request against the table. */
    public final class Request {

        private final FeatureExtractor.RequestSide r;
        private final int offset;
        private final double constant;
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
        /** The matcher asks twice about most coaches (before and after it knows the coverage): the last coach's sum. */
        private int memoCoach = -1;
        private double memoSum;

        private Request(FeatureExtractor.RequestSide r, boolean upper) {
            this.r = r;
            this.offset = r.highestLevel * table.size();
            this.upper = upper;
            FeatureExtractor.requestRanges(r, lo, hi);
            boolean[] known = new boolean[FeatureExtractor.SIZE];
            for (int i : FeatureExtractor.COACH_ONLY) {
                known[i] = true;
            }
            for (int i : FeatureExtractor.COACH_EXACT) {
                known[i] = true;
            }
            for (int i : FeatureExtractor.RULE_DEPENDENT) {
                known[i] = true;
            }
            double s = 0;
            for (int i = 0; i < known.length; i++) {
                if (!known[i]) {
                    s += extreme(i);
                }
            }
            unknownAvailability = extreme(3) + extreme(24) + extreme(25);
            unknownRules = extreme(0) + extreme(5) + unknownAvailability;
            boolean noLanguages = r.languages.length == 0;
            if (noLanguages) {
                s += w[26];
            }
            constant = s;
            cosines = r.cosines;
            cosineWeight = w[6];
            hasBudget = r.hasBudget;
            nonPositiveBudget = r.budgetUsd <= 0;
            inverseBudget = hasBudget ? 1.0 / r.budgetUsd : INVERSE_NO_BUDGET_REFERENCE;
            ratioWeight = w[20] + (r.priority == Priority.LOW ? w[21] : 0.0) + (r.priority == Priority.HIGH ? w[22] : 0.0);
            fitWeight = w[4] * 0.7;
            maskLanguages = !noLanguages && table.langMask != null;
            languageStep = noLanguages ? 0.0 : w[26] / r.languages.length;
            sessionWeight = w[28];
            sessionBit = r.sessionBit;
            participants = r.participants;
            capacityWeight = w[30];
        }

        private double extreme(int i) {
            double a = w[i] * lo[i];
            double b = w[i] * hi[i];
            return upper ? Math.max(a, b) : Math.min(a, b);
        }

        /** The bound of {@code Σ w_i·x_i} for coach {@code c}, up to rounding. */
        public double sum(int c) {
            return coachSum(c) + unknownRules;
        }

        /**
         * As {@link #sum(int)}, knowing the pair's rule skill component, a value its rule total is not
         * above and its coverage (NaN when unknown), as {@link FeatureExtractor#narrowToRules} takes them.
         */
        public double sum(int c, double skill, double totalAtMost, double coverage) {
            double s = coachSum(c) + w[0] * skill;
            double t = Math.max(0.0, Math.min(1.0, totalAtMost));
            s += upper ? Math.max(0.0, w[5] * t) : Math.min(0.0, w[5] * t);
            if (Double.isNaN(coverage)) {
                return s + unknownAvailability;
            }
            double cov = Scores.clamp(coverage);
            return s + w[3] * Scores.availability(cov, r.flexibility) + w[24] * cov
                    + w[25] * r.overlapLog[(int) Math.round(cov * r.requestedCells)];
        }

        private double coachSum(int c) {
            if (c != memoCoach) {
                memoSum = computeCoachSum(c);
                memoCoach = c;
            }
            return memoSum;
        }

        private double computeCoachSum(int c) {
            FeatureExtractor.CoachTable t = table;
            double s = fixed[offset + c] + constant + cosineWeight * Scores.clamp(cosines[c]);
            double rate = t.rateUsd[c];
            double ratio = hasBudget && nonPositiveBudget ? 2.0 : rate * inverseBudget;
            ratio = Math.min(2.0, Math.max(0.0, Double.isNaN(ratio) ? 2.0 : ratio));
            double p = priceRate[c];
            double fit = hasBudget ? 1.0 - 0.5 * Scores.clamp(nonPositiveBudget ? 1.0 : p * inverseBudget)
                    : 1.0 - 0.5 * Math.min(1.0, p * INVERSE_NO_BUDGET_REFERENCE);
            s += ratioWeight * ratio + fitWeight * fit;
            if (maskLanguages) {
                s += languageStep * Long.bitCount(t.langMask[c] & r.languageBits);
            } else if (languageStep != 0.0) {
                s += w[26] * FeatureExtractor.languageFit(r, t, c);
            }
            if ((t.sessionMask[c] & sessionBit) != 0) {
                s += sessionWeight;
            }
            double inv = inverseMax[c];
            if (inv > 0) {
                s += capacityWeight * Scores.clamp((t.maxParticipants[c] - participants) * inv);
            }
            return s;
        }
    }
}
