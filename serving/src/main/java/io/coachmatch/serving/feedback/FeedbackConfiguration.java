package io.coachmatch.serving.feedback;

import io.coachmatch.core.validation.FeedbackValidator;
import io.coachmatch.core.validation.ValidationLimits;
import io.coachmatch.serving.cache.CacheSettings;
import io.coachmatch.serving.cache.RedisStrings;
import io.coachmatch.serving.experiments.ExperimentSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where feedback and answered requests are counted, and how one feedback event is checked and counted. */
@Configuration(proxyBeanMethods = false)
class FeedbackConfiguration {

    /** With Redis, answered requests are counted by a background thread: the answering thread never waits on it. */
    @Bean
    CountStore countStore(
            ObjectProvider<RedisStrings> redis,
            ExperimentSettings settings,
            CacheSettings cache,
            MeterRegistry meters) {
        RedisStrings shared = redis.getIfAvailable();
        if (shared == null) {
            // a MeterBinder: Spring Boot registers its gauge once every singleton exists
            return new LocalCountStore(settings.localMaxSize(), settings.eventTtl(), settings.requestTtl());
        }
        return new BackgroundRequestCounts(
                new RedisCountStore(shared, settings.eventTtl(), settings.requestTtl()),
                settings.countingQueue(),
                cache.timeout(),
                settings.countingBreakerOpen(),
                meters);
    }

    @Bean
    FeedbackService feedbackService(CountStore counts, MeterRegistry meters) {
        return new FeedbackService(new FeedbackValidator(ValidationLimits.defaults()), counts, meters);
    }
}
