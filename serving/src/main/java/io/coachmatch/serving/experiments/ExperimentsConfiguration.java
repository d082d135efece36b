package io.coachmatch.serving.experiments;

import io.coachmatch.core.experiments.ExperimentsFile;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.validation.FeedbackValidator;
import io.coachmatch.core.validation.ValidationLimits;
import io.coachmatch.serving.catalog.CoachCatalog;
import io.coachmatch.serving.cache.Redis;
import io.coachmatch.serving.config.CacheSettings;
import io.coachmatch.serving.config.ExperimentSettings;
import io.coachmatch.serving.config.KafkaSettings;
import io.coachmatch.serving.feedback.BackgroundRequestCounts;
import io.coachmatch.serving.feedback.CountStore;
import io.coachmatch.serving.feedback.FeedbackService;
import io.coachmatch.serving.feedback.LocalCountStore;
import io.coachmatch.serving.feedback.RedisCountStore;
import io.coachmatch.serving.matching.MatchingService;
import io.coachmatch.serving.models.ModelService;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
class ExperimentsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ExperimentsConfiguration.class);

    /** Redis for experiments and counters, when REDIS_HOST is set. */
    record Backend(ExperimentsRedis redis) implements AutoCloseable {
        @Override
        public void close() {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    Backend experimentsBackend(CacheSettings cache, ObjectProvider<Redis> redis) {
        return new Backend(cache.redisEnabled()
                ? new ExperimentsRedis(redis.getObject(), cache.timeout().multipliedBy(4))
                : null);
    }

    @Bean
    ExperimentStore experimentStore(Backend backend, ModelService models) {
        Path file = models.directory().resolve(ExperimentsFile.FILE_NAME);
        return backend.redis() == null ? new ExperimentStore.FileStore(file)
                : new ExperimentStore.RedisStore(backend.redis(), file);
    }

    /** With Redis, answered requests are counted by a background thread: the answering thread never waits on it. */
    @Bean
    CountStore countStore(Backend backend, ExperimentSettings settings, CacheSettings cache, MeterRegistry meters) {
        if (backend.redis() == null) {
            LocalCountStore local = new LocalCountStore(settings.localMaxSize(), settings.eventTtl(),
                    settings.requestTtl());
            local.bindTo(meters);
            return local;
        }
        return new BackgroundRequestCounts(new RedisCountStore(backend.redis(), settings.eventTtl(),
                        settings.requestTtl()), settings.countingQueue(), cache.timeout(),
                        settings.countingBreakerOpen(), meters);
    }

    @Bean
    VariantModels variantModels(ModelService models, CoachCatalog catalog, MeterRegistry meters) {
        VariantModels variants = new VariantModels(models, catalog);
        variants.bindTo(meters);
        return variants;
    }

    @Bean
    Experiments experiments(ExperimentStore store, VariantModels models) {
        Experiments e = new Experiments(store, models, Clock.systemUTC());
        e.refresh();
        log.info("Experiments are shared through {}", store.mode());
        return e;
    }

    @Bean(destroyMethod = "close")
    ImpressionPublisher impressionPublisher(KafkaTemplate<String, byte[]> template, ExperimentSettings settings,
            VariantModels models, MatchingSettings matching, MeterRegistry meters) {
        return new ImpressionPublisher(template, settings.impressionsTopic(), models, matching, meters,
                settings.impressionsQueueMaxSize());
    }

    @Bean
    ExperimentHooks experimentHooks(Experiments experiments, CountStore counts, ImpressionPublisher impressions,
            ExperimentSettings settings) {
        return new ExperimentHooks(experiments, counts, settings.impressionsEnabled() ? impressions : null);
    }

    @Bean
    FeedbackService feedbackService(CountStore counts, MeterRegistry meters) {
        return new FeedbackService(new FeedbackValidator(ValidationLimits.defaults()), counts, meters);
    }

    @Bean
    KafkaAdmin.NewTopics experimentTopics(ExperimentSettings settings, KafkaSettings kafka) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(settings.impressionsTopic()).partitions(kafka.partitions())
                .replicas(kafka.replicationFactor()).build());
    }

    @Bean
    ExperimentsPoller experimentsPoller(Experiments experiments) {
        return new ExperimentsPoller(experiments);
    }

    /** Picks up experiments changed on another instance (or in the file). */
    static final class ExperimentsPoller {
        private final Experiments experiments;

        ExperimentsPoller(Experiments experiments) {
            this.experiments = experiments;
        }

        @Scheduled(fixedDelayString = "${coachmatch.experiments.poll-interval:1s}")
        void poll() {
            experiments.refresh();
        }
    }
}
