package io.coachmatch.serving.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ExperimentSettingsTests {

    private static ExperimentSettings settings(Duration poll, String topic, Duration eventTtl) {
        return new ExperimentSettings(
                poll,
                true,
                topic,
                true,
                eventTtl,
                Duration.ofDays(3),
                DataSize.ofMegabytes(64),
                DataSize.ofMegabytes(16),
                10_000,
                Duration.ofSeconds(2));
    }

    @Test
    void aZeroPollIntervalOrTtlIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> settings(Duration.ZERO, "matching-impressions", Duration.ofDays(7)))
                .hasMessageContaining("coachmatch.experiments.poll-interval");
        assertThatThrownBy(() -> settings(Duration.ofSeconds(1), "matching-impressions", Duration.ofSeconds(-1)))
                .hasMessageContaining("coachmatch.experiments.event-ttl");
    }

    @Test
    void aBadImpressionsTopicNameIsAViolationNamingTheVariable() {
        try (var factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            assertThat(validator.validate(settings(Duration.ofSeconds(1), "bad topic!", Duration.ofDays(7))))
                    .anySatisfy(v -> assertThat(v.getMessage()).contains("MATCHING_IMPRESSIONS_TOPIC"));
            assertThat(validator.validate(settings(Duration.ofSeconds(1), "matching-impressions", Duration.ofDays(7))))
                    .isEmpty();
        }
    }
}
