package io.coachmatch.serving.models;

import static io.coachmatch.serving.SettingsChecks.requirePositive;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The model registry ({@code MODEL_REGISTRY_DIR}) and the alias served. */
@Validated
@ConfigurationProperties("coachmatch.models")
public record ModelSettings(
        @DefaultValue("models") @NotBlank(message = "must name a directory (MODEL_REGISTRY_DIR)")
        String registryDir,

        @DefaultValue("production") @NotBlank String alias,
        @DefaultValue("2s") Duration watchInterval) {

    public ModelSettings {
        requirePositive(watchInterval, "coachmatch.models.watch-interval");
    }
}
