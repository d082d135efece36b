package io.coachmatch.core.experiments;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * The statistics of an A/B test on proportions, all at 95% confidence, with distributions from Apache Commons
 * Math.
 *
 * <ul>
 *   <li>Rates: Wilson score interval (Wilson 1927), which unlike the Wald interval stays inside [0, 1] and keeps
 *       its coverage for small counts and rates near 0.</li>
 *   <li>Relative lift {@code pT / pC - 1}: delta method on the log of the rate ratio,
 *       {@code ln(pT/pC) ± z * sqrt(1/xT - 1/nT + 1/xC - 1/nC)}, transformed back with {@code exp(.) - 1} (the
 *       Katz log interval for a risk ratio). Undefined without a control success; the interval is undefined
 *       without a treatment success.</li>
 *   <li>p-value: two-sided two-proportion z-test with the pooled rate under the null hypothesis.</li>
 *   <li>Sample-ratio mismatch: Pearson chi-square goodness-of-fit of observed units against the configured shares,
 *       k - 1 degrees of freedom; the upper tail is the regularized incomplete gamma function Q(df/2, x/2), exact
 *       even for p-values far below 10<sup>-16</sup>.</li>
 * </ul>
 *
 * <p>Successes above trials (more bookings than requests can happen when one answer leads to two bookings) are
 * capped at the number of trials, since the methods are for proportions. All tests treat trials as independent;
 * when requests are analysed but requesters are randomised, repeat requests of one requester are correlated and
 * the intervals are somewhat too narrow.
 */
public final class ExperimentStatistics {

    /** The significance level below which a sample-ratio mismatch is flagged. */
    public static final double SRM_ALPHA = 0.001;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    /** The two-sided 95% quantile of the standard normal, 1.959963984540054. */
    public static final double Z_95 = STANDARD_NORMAL.inverseCumulativeProbability(0.975);

    private ExperimentStatistics() {}

    /** The rate {@code successes / trials} with its 95% Wilson score interval; null when there are no trials. */
    public static Estimate wilson(long successes, long trials) {
        checkCounts(successes, trials);
        if (trials == 0) {
            return null;
        }
        double n = trials;
        double p = Math.min(successes, trials) / n;
        double z2 = Z_95 * Z_95;
        double denominator = 1 + z2 / n;
        double center = (p + z2 / (2 * n)) / denominator;
        double half = Z_95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Estimate(p, Math.max(0, center - half), Math.min(1, center + half));
    }

    /**
     * The relative lift {@code pT / pC - 1} of treatment over control with its 95% delta-method (log rate ratio)
     * interval; null when it is undefined (no control trials or no control success). With no treatment success the
     * value is -1 and the interval null.
     */
    public static Estimate relativeLift(long successesT, long trialsT, long successesC, long trialsC) {
        checkCounts(successesT, trialsT);
        checkCounts(successesC, trialsC);
        long xT = Math.min(successesT, trialsT);
        long xC = Math.min(successesC, trialsC);
        if (trialsT == 0 || trialsC == 0 || xC == 0) {
            return null;
        }
        double pT = (double) xT / trialsT;
        double pC = (double) xC / trialsC;
        double lift = pT / pC - 1;
        if (xT == 0) {
            return new Estimate(lift, null, null);
        }
        double logRatio = Math.log(pT / pC);
        double se = Math.sqrt(1.0 / xT - 1.0 / trialsT + 1.0 / xC - 1.0 / trialsC);
        return new Estimate(lift, Math.expm1(logRatio - Z_95 * se), Math.expm1(logRatio + Z_95 * se));
    }

    /**
     * The z statistic of the two-proportion test, {@code (pT - pC) / sqrt(p(1-p)(1/nT + 1/nC))} with the pooled
     * rate {@code p}; 0 when both rates are 0 or both 1, NaN without trials.
     */
    public static double twoProportionZ(long successesT, long trialsT, long successesC, long trialsC) {
        checkCounts(successesT, trialsT);
        checkCounts(successesC, trialsC);
        if (trialsT == 0 || trialsC == 0) {
            return Double.NaN;
        }
        long xT = Math.min(successesT, trialsT);
        long xC = Math.min(successesC, trialsC);
        double pT = (double) xT / trialsT;
        double pC = (double) xC / trialsC;
        double pooled = (double) (xT + xC) / (trialsT + trialsC);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / trialsT + 1.0 / trialsC));
        return se == 0 ? 0 : (pT - pC) / se;
    }

    /** The two-sided p-value of the two-proportion z-test; null without trials on either side. */
    public static Double twoProportionPValue(long successesT, long trialsT, long successesC, long trialsC) {
        double z = twoProportionZ(successesT, trialsT, successesC, trialsC);
        if (Double.isNaN(z)) {
            return null;
        }
        return Math.min(1.0, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)));
    }

    /** Pearson's chi-square statistic of observed counts against expected {@code total * share}. */
    public static double chiSquareStatistic(long[] observed, double[] shares) {
        if (observed.length != shares.length || observed.length < 2) {
            throw new IllegalArgumentException("need one share per observed count, at least two; got " + observed.length
                    + " counts and " + shares.length + " shares");
        }
        double total = 0;
        double shareSum = 0;
        for (int i = 0; i < observed.length; i++) {
            if (observed[i] < 0 || !(shares[i] > 0)) {
                throw new IllegalArgumentException(
                        "counts must be >= 0 and shares > 0; got " + observed[i] + " and " + shares[i] + " at " + i);
            }
            total += observed[i];
            shareSum += shares[i];
        }
        double statistic = 0;
        for (int i = 0; i < observed.length; i++) {
            double expected = total * shares[i] / shareSum;
            double diff = observed[i] - expected;
            statistic += diff * diff / expected;
        }
        return statistic;
    }

    /**
     * The p-value of the chi-square goodness-of-fit test of observed counts against the shares (normalised to sum
     * to 1), with {@code k - 1} degrees of freedom; null when nothing was observed.
     */
    public static Double chiSquarePValue(long[] observed, double[] shares) {
        double statistic = chiSquareStatistic(observed, shares);
        long total = 0;
        for (long o : observed) {
            total += o;
        }
        if (total == 0) {
            return null;
        }
        return chiSquareUpperTail(statistic, observed.length - 1);
    }

    /** P(X >= statistic) for X chi-square distributed with df degrees of freedom. */
    public static double chiSquareUpperTail(double statistic, int df) {
        if (statistic <= 0) {
            return 1.0;
        }
        return Gamma.regularizedGammaQ(df / 2.0, statistic / 2.0);
    }

    private static void checkCounts(long successes, long trials) {
        if (successes < 0 || trials < 0) {
            throw new IllegalArgumentException("counts must be >= 0; got " + successes + " of " + trials);
        }
    }
}
