package io.coachmatch.core.matching;

/**
 * The formulas of the five rule components, in one place so that the fast catalog index, the
 * per-pair reference scorer and the training features cannot disagree. Every function returns a
 * value in [0, 1] for any input, including missing or absurd data.
 *
 * <h2>Skill</h2>
 * For each required skill {@code r} with weight {@code w_r} (if every weight is 0, each counts 1):
 * <pre>
 *   fit_r = 0.60·L + 0.25·Y + 0.15·C   when the coach lists the skill (names compare case-insensitively)
 *   fit_r = 0                           otherwise
 *   L = 1 if the coach's level ≥ the required level, else 1 − gap/3   (gap in levels, beginner..expert)
 *   Y = min(1, years / T(required level)),  T = 1, 2, 4, 6 years for beginner, intermediate, advanced, expert
 *   C = min(1, certifications / 2)
 *   skill = Σ w_r·fit_r / Σ w_r
 * </pre>
 *
 * <h2>Experience</h2>
 * With {@code E} the coach's years and {@code R} the years the highest required level calls for
 * (1, 3, 5, 8 for beginner .. expert), a coach reaching R scores 0.85 and extra years up to 2R add
 * the remaining 0.15:
 * <pre>  experience = 0.85·min(1, E/R) + 0.15·min(1, max(0, E − R)/R)</pre>
 *
 * <h2>Rating</h2>
 * The average is shrunk toward a prior of 3.5 stars worth 10 reviews, so that one 5-star review
 * does not beat a hundred 4.8s:
 * <pre>
 *   shrunk = (n·avg + 10·3.5)/(n + 10),   quality = clamp((shrunk − 1)/4)
 *   sessions = min(1, ln(1 + completed)/ln(201))
 *   rating = 0.6·quality + 0.2·sessions + 0.2·success_rate      (success_rate 0.5 when unknown)
 * </pre>
 *
 * <h2>Availability</h2>
 * With {@code c} the share of the requested quarter hours the coach covers, both converted to UTC at
 * the request's time, and {@code f} the request's flexibility:
 * <pre>  availability = c + f·(1 − c)/2</pre>
 *
 * <h2>Price</h2>
 * With {@code p} the coach's hourly rate and {@code B} the budget, both in US dollars:
 * <pre>
 *   fit   = 1 − 0.5·p/B                 with a budget (the filter keeps p ≤ B, so fit ∈ [0.5, 1])
 *   fit   = 1 − 0.5·min(1, p/300)       without one
 *   value = quality·100/(100 + p)       (rating quality per dollar)
 *   price = 0.7·fit + 0.3·value
 * </pre>
 */
public final class Scores {

    /** Years of practice in one skill that satisfy each required level, beginner .. expert. */
    static final double[] SKILL_YEARS_TARGET = {1, 2, 4, 6};
    /** Years of overall experience each highest required level calls for, beginner .. expert. */
    static final double[] EXPERIENCE_YEARS_TARGET = {1, 3, 5, 8};

    static final double PRIOR_MEAN = 3.5;
    static final double PRIOR_REVIEWS = 10;
    static final double SESSIONS_SATURATION = 200;
    static final double UNKNOWN_SUCCESS_RATE = 0.5;
    static final double REFERENCE_RATE_USD = 300;

    private Scores() {}

    /** {@code fit_r} of one listed skill against one required level. */
    public static double skillFit(int coachLevel, double years, int certifications, int requiredLevel) {
        double level = coachLevel >= requiredLevel ? 1.0 : Math.max(0.0, 1.0 - (requiredLevel - coachLevel) / 3.0);
        double y = clamp(finiteOr(years, 0) / SKILL_YEARS_TARGET[requiredLevel]);
        double c = Math.min(1.0, Math.max(0, certifications) / 2.0);
        return 0.60 * level + 0.25 * y + 0.15 * c;
    }

    public static double experience(double years, int highestRequiredLevel) {
        double e = Math.max(0, finiteOr(years, 0));
        double r = EXPERIENCE_YEARS_TARGET[highestRequiredLevel];
        return 0.85 * Math.min(1.0, e / r) + 0.15 * Math.min(1.0, Math.max(0.0, e - r) / r);
    }

    /** The rating's quality term: the shrunk average mapped from 1..5 stars to 0..1. */
    public static double ratingQuality(double average, int count) {
        int n = Math.max(0, count);
        double avg = n == 0 ? PRIOR_MEAN : clampRange(finiteOr(average, PRIOR_MEAN), 1.0, 5.0);
        double shrunk = (n * avg + PRIOR_REVIEWS * PRIOR_MEAN) / (n + PRIOR_REVIEWS);
        return clamp((shrunk - 1.0) / 4.0);
    }

    public static double sessionsFactor(int sessionsCompleted) {
        return Math.min(1.0, Math.log1p(Math.max(0, sessionsCompleted)) / Math.log1p(SESSIONS_SATURATION));
    }

    /** @param successRate null or NaN when unknown */
    public static double rating(double quality, int sessionsCompleted, Double successRate) {
        double success = successRate == null || successRate.isNaN() ? UNKNOWN_SUCCESS_RATE : clamp(successRate);
        return 0.6 * quality + 0.2 * sessionsFactor(sessionsCompleted) + 0.2 * success;
    }

    /** @param coverage share of the requested quarter hours the coach covers */
    public static double availability(double coverage, double flexibility) {
        double c = clamp(coverage);
        return c + clamp(flexibility) * (1.0 - c) / 2.0;
    }

    /** @param budgetUsd {@link Double#POSITIVE_INFINITY} when the request has no budget */
    public static double price(double rateUsd, double budgetUsd, double quality) {
        double p = Math.max(0, finiteOr(rateUsd, REFERENCE_RATE_USD));
        double fit = Double.isInfinite(budgetUsd)
                ? 1.0 - 0.5 * Math.min(1.0, p / REFERENCE_RATE_USD)
                : 1.0 - 0.5 * clamp(budgetUsd <= 0 ? 1.0 : p / budgetUsd);
        double value = clamp(quality) * 100.0 / (100.0 + p);
        return 0.7 * fit + 0.3 * value;
    }

    public static double clamp(double v) {
        return v < 0 || Double.isNaN(v) ? 0.0 : Math.min(v, 1.0);
    }

    private static double clampRange(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double finiteOr(double v, double fallback) {
        return Double.isFinite(v) ? v : fallback;
    }

    /** Rounds a score to six decimals, the precision at which answers compare and print. */
    public static double quantize(double score) {
        return Math.round(score * 1e6) / 1e6;
    }
}
