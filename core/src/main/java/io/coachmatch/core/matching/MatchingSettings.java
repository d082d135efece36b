package io.coachmatch.core.matching;

import io.coachmatch.core.money.CurrencyRates;

/**
 * What a deployment may tune about matching.
 *
 * @param weights           the rule components' weights
 * @param minMatchScore     matches below this score are dropped (default 0.6)
 * @param defaultMaxResults answers hold at most this many matches when the request names no
 *                          {@code max_results} (default 10)
 * @param rates             the currency table used to compare rates and budgets
 */
public record MatchingSettings(ScoreWeights weights, double minMatchScore, int defaultMaxResults, CurrencyRates rates) {

    /** The contract's upper bound on {@code max_results}. */
    public static final int MAX_RESULTS_LIMIT = 100;

    public MatchingSettings {
        if (weights == null) {
            throw new IllegalArgumentException("weights are required");
        }
        if (!(minMatchScore >= 0 && minMatchScore <= 1)) {
            throw new IllegalArgumentException("min match score must be within [0, 1], was " + minMatchScore);
        }
        if (defaultMaxResults < 1 || defaultMaxResults > MAX_RESULTS_LIMIT) {
            throw new IllegalArgumentException(
                    "default max results must be within [1, " + MAX_RESULTS_LIMIT + "], was " + defaultMaxResults);
        }
        if (rates == null) {
            throw new IllegalArgumentException("currency rates are required");
        }
    }

    public static MatchingSettings defaults() {
        return new MatchingSettings(ScoreWeights.defaults(), 0.6, 10, CurrencyRates.defaults());
    }

    public MatchingSettings withMinMatchScore(double min) {
        return new MatchingSettings(weights, min, defaultMaxResults, rates);
    }

    public MatchingSettings withWeights(ScoreWeights w) {
        return new MatchingSettings(w, minMatchScore, defaultMaxResults, rates);
    }
}
