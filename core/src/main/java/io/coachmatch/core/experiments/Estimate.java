package io.coachmatch.core.experiments;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A point estimate with its 95% confidence interval: {@code {"value", "ci_low", "ci_high"}}. A bound is null
 * when it is undefined (for instance the lift of a variant without a single booking); the keys are always written.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Estimate(Double value, Double ciLow, Double ciHigh) {

    /** Whether the interval is known and contains x. */
    public boolean covers(double x) {
        return ciLow != null && ciHigh != null && ciLow <= x && x <= ciHigh;
    }
}
