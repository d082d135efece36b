package io.coachmatch.serving.matching;

import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.ScoreWeights;
import io.coachmatch.core.money.CurrencyRates;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How requests are matched: {@code MAX_MATCHES_PER_REQUEST}, {@code MIN_MATCH_SCORE} and the five
 * {@code *_WEIGHT}s; {@code warmup} ({@code MATCHING_WARMUP}) is how long startup spends matching synthetic
 * requests before the listener starts, so that the first real requests do not run interpreted code.
 */
@Validated
@ConfigurationProperties("coachmatch.matching")
public record AnswerSettings(
        @DefaultValue("10")
        @Min(value = 1, message = "must be at least 1 (MAX_MATCHES_PER_REQUEST)")
        @Max(value = 100, message = "must be at most 100 (MAX_MATCHES_PER_REQUEST)")
        int maxMatchesPerRequest,

        @DefaultValue("0.6")
        @DecimalMin(value = "0.0", message = "must be within [0, 1] (MIN_MATCH_SCORE)")
        @DecimalMax(value = "1.0", message = "must be within [0, 1] (MIN_MATCH_SCORE)")
        double minMatchScore,

        @DefaultValue @Valid @NotNull Weights weights,

        @DefaultValue("3") @Min(value = 1, message = "must be at least 1") @Max(10)
        int maxAttempts,

        @DefaultValue("20") @Min(0) @Max(5000) long retryBackoffMs,
        @DefaultValue("3s") @NotNull Duration warmup) {

    public AnswerSettings {
        if (warmup != null && (warmup.isNegative() || warmup.compareTo(Duration.ofMinutes(5)) > 0)) {
            throw new IllegalArgumentException(
                    "coachmatch.matching.warmup (MATCHING_WARMUP) must be within [0s, 5m], was " + warmup);
        }
    }

    /** The five rule weights; renormalised to sum to 1, so only their ratios matter. */
    public record Weights(
            @DefaultValue("0.30") @DecimalMin(value = "0.0", message = "must be >= 0 (SKILL_MATCH_WEIGHT)")
            double skill,

            @DefaultValue("0.25") @DecimalMin(value = "0.0", message = "must be >= 0 (EXPERIENCE_WEIGHT)")
            double experience,

            @DefaultValue("0.20") @DecimalMin(value = "0.0", message = "must be >= 0 (RATING_WEIGHT)")
            double rating,

            @DefaultValue("0.15") @DecimalMin(value = "0.0", message = "must be >= 0 (AVAILABILITY_WEIGHT)")
            double availability,

            @DefaultValue("0.10") @DecimalMin(value = "0.0", message = "must be >= 0 (PRICE_WEIGHT)")
            double price) {

        public ScoreWeights toScoreWeights() {
            return new ScoreWeights(skill, experience, rating, availability, price);
        }
    }

    public MatchingSettings toSettings() {
        return new MatchingSettings(
                weights.toScoreWeights(), minMatchScore, maxMatchesPerRequest, CurrencyRates.defaults());
    }
}
