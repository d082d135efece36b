package io.coachmatch.core.contract;

/**
 * Reviews of a coach.
 *
 * @param average mean stars, 1.0-5.0
 * @param count   number of reviews
 */
public record Rating(Double average, Integer count) {

    public double effectiveAverage() {
        return average == null ? 0.0 : average;
    }

    public int effectiveCount() {
        return count == null ? 0 : count;
    }
}
