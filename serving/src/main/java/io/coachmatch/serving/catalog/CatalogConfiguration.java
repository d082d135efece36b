package io.coachmatch.serving.catalog;

import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.validation.CoachValidator;
import io.coachmatch.core.validation.ValidationLimits;
import io.coachmatch.serving.cache.ServingCache;
import io.coachmatch.serving.kafka.KafkaConsumers;
import io.coachmatch.serving.kafka.KafkaEndpoint;
import io.coachmatch.serving.kafka.KafkaSettings;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

    @Bean(destroyMethod = "close")
    CoachCatalog coachCatalog(CatalogSettings settings, MatchingSettings matching, ApplicationEventPublisher events) {
        return new CoachCatalog(settings, matching.rates(), events);
    }

    @Bean
    CoachValidator coachValidator(MatchingSettings matching) {
        return new CoachValidator(ValidationLimits.defaults(), matching.rates());
    }

    @Bean
    CatalogLoader catalogLoader(
            CatalogSettings settings, CoachCatalog catalog, CoachValidator validator, ServingCache cache) {
        return new CatalogLoader(settings, catalog, validator, cache);
    }

    @Bean
    CoachProfilesFeed coachProfilesFeed(
            KafkaEndpoint endpoint,
            KafkaSettings kafka,
            CoachCatalog catalog,
            CoachValidator validator,
            CoachProfilesSettings settings) {
        return new CoachProfilesFeed(
                () -> KafkaConsumers.unassigned(endpoint),
                kafka.topics().coachProfiles(),
                catalog,
                validator,
                settings);
    }

    @Bean
    InitialCatalogLoad initialCatalogLoad(CatalogLoader loader) {
        return new InitialCatalogLoad(loader.loadInitialAsync());
    }
}
