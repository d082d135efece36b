package io.coachmatch.serving.experiments;

import static io.coachmatch.serving.SettingsChecks.requirePositive;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * A/B tests and the feedback loop: how often instances look for changed experiments, the impression log topic
 * ({@code MATCHING_IMPRESSIONS_TOPIC}, on by default), and how long event ids and request-to-variant links are
 * remembered for deduplication and attribution: {@code request-ttl} (3 days) is how late feedback may arrive and
 * still count, as it bounds the {@code exp:req:{id}} keys of every answered request; {@code event-ttl} (7 days) how
 * long a redelivered event is still recognised. Without Redis, these are kept in process, in at most
 * {@code local-max-size} bytes. The background queue of impression logs holds at most
 * {@code impressions-queue-max-size} bytes. Requests answered inside an experiment are counted off the answering
 * thread, through a queue of {@code counting-queue} counts; a circuit breaker keeps the counter store from being
 * called for {@code counting-breaker-open} after it failed or was slow.
 */
@Validated
@ConfigurationProperties("coachmatch.experiments")
public record ExperimentSettings(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("true") boolean impressionsEnabled,

        @DefaultValue("matching-impressions")
        @NotBlank
        @Pattern(regexp = "[A-Za-z0-9._-]{1,249}", message = "is not a valid topic name (MATCHING_IMPRESSIONS_TOPIC)")
        String impressionsTopic,

        @DefaultValue("true") boolean feedbackEnabled,
        @DefaultValue("7d") Duration eventTtl,
        @DefaultValue("3d") Duration requestTtl,
        @DefaultValue("64MB") DataSize localMaxSize,
        @DefaultValue("16MB") DataSize impressionsQueueMaxSize,
        @DefaultValue("10000") @Min(1) int countingQueue,
        @DefaultValue("2s") Duration countingBreakerOpen) {

    public ExperimentSettings {
        requirePositive(pollInterval, "coachmatch.experiments.poll-interval");
        requirePositive(eventTtl, "coachmatch.experiments.event-ttl");
        requirePositive(requestTtl, "coachmatch.experiments.request-ttl");
        requirePositive(countingBreakerOpen, "coachmatch.experiments.counting-breaker-open");
        requirePositive(localMaxSize, "coachmatch.experiments.local-max-size");
        requirePositive(impressionsQueueMaxSize, "coachmatch.experiments.impressions-queue-max-size");
    }
}
