package io.coachmatch.training.fit;

import io.coachmatch.training.data.PairFeatures;

/**
 * How likely a requester is to look at each position, estimated from the data itself: the share of
 * pairs at position p that were engaged with (grade ≥ 1), relative to position 1, made
 * non-increasing and floored at 0.05. Engaged pairs further down were seen against the odds, so
 * weighting them by the inverse propensity undoes part of the position bias in the labels.
 *
 * @param byPosition index p (1-based) holds the propensity of position p; index 0 is 1
 */
public record Propensity(double[] byPosition) {

    static final double FLOOR = 0.05;

    public static Propensity estimate(PairFeatures data) {
        return estimate(data.position(), data.grade());
    }

    /** The estimate from pairs' positions (0 when unknown) and grades. */
    public static Propensity estimate(int[] position, int[] grade) {
        int max = 0;
        for (int p : position) {
            max = Math.max(max, p);
        }
        long[] shown = new long[max + 1];
        long[] engaged = new long[max + 1];
        for (int i = 0; i < position.length; i++) {
            int p = position[i];
            shown[p]++;
            if (grade[i] > 0) {
                engaged[p]++;
            }
        }
        double[] prop = new double[max + 1];
        prop[0] = 1.0;
        double top = max >= 1 && shown[1] > 0 ? engaged[1] / (double) shown[1] : 0;
        double last = 1.0;
        for (int p = 1; p <= max; p++) {
            double rate = shown[p] == 0 || top == 0 ? last : engaged[p] / (double) shown[p] / top;
            last = Math.max(FLOOR, Math.min(last, rate));
            prop[p] = last;
        }
        return new Propensity(prop);
    }

    /** 1/propensity for engaged pairs, 1 for the rest. */
    public double[] weights(PairFeatures data) {
        double[] w = new double[data.rows()];
        for (int i = 0; i < w.length; i++) {
            int p = data.position()[i];
            w[i] = data.grade()[i] > 0 && p > 0 && p < byPosition.length ? 1.0 / byPosition[p] : 1.0;
        }
        return w;
    }
}
