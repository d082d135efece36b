package io.coachmatch.serving.cache;

import static io.coachmatch.serving.SettingsChecks.requirePositive;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Redis ({@code REDIS_HOST}, {@code REDIS_PORT}); a blank host means the in-process cache. Every
 * Redis call is bounded by {@code timeout}, so a slow or absent Redis only degrades answers. Without Redis the
 * in-process cache holds at most {@code local-max-size} bytes of answers.
 */
@Validated
@ConfigurationProperties("coachmatch.cache")
public record CacheSettings(
        String redisHost,

        @DefaultValue("6379")
        @Min(value = 1, message = "must be a port within [1, 65535] (REDIS_PORT)")
        @Max(value = 65535, message = "must be a port within [1, 65535] (REDIS_PORT)")
        int redisPort,

        @DefaultValue("250ms") Duration timeout,
        @DefaultValue("1h") Duration resultTtl,
        @DefaultValue("1h") Duration catalogTtl,
        @DefaultValue("64MB") DataSize localMaxSize) {

    public CacheSettings {
        requirePositive(timeout, "coachmatch.cache.timeout");
        requirePositive(resultTtl, "coachmatch.cache.result-ttl");
        requirePositive(catalogTtl, "coachmatch.cache.catalog-ttl");
        requirePositive(localMaxSize, "coachmatch.cache.local-max-size");
    }

    public boolean redisEnabled() {
        return redisHost != null && !redisHost.isBlank();
    }
}
