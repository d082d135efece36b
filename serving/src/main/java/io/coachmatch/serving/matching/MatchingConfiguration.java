package io.coachmatch.serving.matching;

import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.validation.RequestParser;
import io.coachmatch.core.validation.ValidationLimits;
import io.coachmatch.serving.cache.ServingCache;
import io.coachmatch.serving.catalog.CoachCatalog;
import io.coachmatch.serving.config.MatchingProperties;
import io.coachmatch.serving.models.ModelService;
import io.coachmatch.serving.stats.ServingStats;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MatchingConfiguration {

    @Bean
    MatchingSettings matchingSettings(MatchingProperties properties) {
        return properties.toSettings();
    }

    @Bean
    MatchingService matchingService(MatchingProperties properties, MatchingSettings settings, CoachCatalog catalog,
            ModelService models, ServingCache cache, ServingStats stats) {
        return new MatchingService(new MatchingEngine(settings),
                new RequestParser(ValidationLimits.defaults(), settings.rates()), catalog, models, cache, stats,
                properties.maxAttempts(), properties.retryBackoffMs(), Clock.systemUTC());
    }
}
