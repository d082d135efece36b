package io.coachmatch.serving.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * A/B tests and the feedback loop: how often instances look for changed experiments, the impression log topic
 * ({@code MATCHING_IMPRESSIONS_TOPIC}, on by default), and how long event ids and request-to-variant links are
 * remembered for deduplication and attribution.
 */
@Validated
@ConfigurationProperties("coachmatch.experiments")
public record ExperimentSettings(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("true") boolean impressionsEnabled,
        @DefaultValue("matching-impressions") @NotBlank
        @Pattern(regexp = "[A-Za-z0-9._-]{1,249}", message = "is not a valid topic name (MATCHING_IMPRESSIONS_TOPIC)")
        String impressionsTopic,
        @DefaultValue("true") boolean feedbackEnabled,
        @DefaultValue("7d") Duration eventTtl,
        @DefaultValue("7d") Duration requestTtl,
        @DefaultValue("1000000") int localMaxEvents) {

    public ExperimentSettings {
        CacheSettings.requirePositive(pollInterval, "coachmatch.experiments.poll-interval");
        CacheSettings.requirePositive(eventTtl, "coachmatch.experiments.event-ttl");
        CacheSettings.requirePositive(requestTtl, "coachmatch.experiments.request-ttl");
    }
}
