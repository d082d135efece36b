package io.coachmatch.serving.catalog;

import static io.coachmatch.serving.SettingsChecks.requirePositive;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the {@code coach-profiles} feed starts and recovers. The request listener starts only once the
 * feed has read every partition to the end offsets it found at start; past {@code catchUpTimeout}
 * startup logs a warning and keeps waiting (the listener stays stopped, {@code /health} DOWN), with a
 * progress line every {@code progressInterval}. A feed thread that fails is restarted after
 * {@code restartBackoff}, doubling up to {@code maxRestartBackoff}.
 */
@Validated
@ConfigurationProperties("coachmatch.catalog.coach-profiles")
public record CoachProfilesSettings(
        @DefaultValue("60s") Duration catchUpTimeout,
        @DefaultValue("5s") Duration progressInterval,
        @DefaultValue("1s") Duration restartBackoff,
        @DefaultValue("30s") Duration maxRestartBackoff) {

    public CoachProfilesSettings {
        requirePositive(catchUpTimeout, "coachmatch.catalog.coach-profiles.catch-up-timeout");
        requirePositive(progressInterval, "coachmatch.catalog.coach-profiles.progress-interval");
        requirePositive(restartBackoff, "coachmatch.catalog.coach-profiles.restart-backoff");
        requirePositive(maxRestartBackoff, "coachmatch.catalog.coach-profiles.max-restart-backoff");
        if (maxRestartBackoff.compareTo(restartBackoff) < 0) {
            throw new IllegalArgumentException(
                    "coachmatch.catalog.coach-profiles.max-restart-backoff (" + maxRestartBackoff
                            + ") must not be shorter than coachmatch.catalog.coach-profiles.restart-backoff ("
                            + restartBackoff + ")");
        }
    }

    public static CoachProfilesSettings defaults() {
        return new CoachProfilesSettings(
                Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }
}
