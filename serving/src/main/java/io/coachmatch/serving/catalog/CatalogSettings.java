package io.coachmatch.serving.catalog;

import static io.coachmatch.serving.SettingsChecks.requirePositive;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the coach catalog comes from: {@code COACHES_FILE} (relative to the working directory),
 * or {@code BACKEND_API_URL} refreshed every {@code refreshInterval}.
 */
@Validated
@ConfigurationProperties("coachmatch.catalog")
public record CatalogSettings(
        @DefaultValue("data/coaches.jsonl") @NotBlank(message = "must name a file (COACHES_FILE)")
        String coachesFile,

        @Pattern(regexp = "^$|^https?://.+", message = "must be an http(s) URL (BACKEND_API_URL)")
        String backendApiUrl,

        @DefaultValue("30m") Duration refreshInterval,
        @DefaultValue("256") @Min(1) @Max(100000) int overlayLimit,
        @DefaultValue("5s") Duration backendTimeout) {

    public CatalogSettings {
        requirePositive(refreshInterval, "coachmatch.catalog.refresh-interval");
        requirePositive(backendTimeout, "coachmatch.catalog.backend-timeout");
    }

    public boolean backendEnabled() {
        return backendApiUrl != null && !backendApiUrl.isBlank();
    }
}
