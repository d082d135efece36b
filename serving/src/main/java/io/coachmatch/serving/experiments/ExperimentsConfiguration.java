package io.coachmatch.serving.experiments;

import io.coachmatch.core.experiments.ExperimentsFile;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.serving.cache.RedisStrings;
import io.coachmatch.serving.catalog.CoachCatalog;
import io.coachmatch.serving.feedback.CountStore;
import io.coachmatch.serving.feedback.FeedbackForwarder;
import io.coachmatch.serving.kafka.KafkaSettings;
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

    @Bean
    ExperimentStore experimentStore(ObjectProvider<RedisStrings> redis, ModelService models) {
        Path file = models.directory().resolve(ExperimentsFile.FILE_NAME);
        RedisStrings shared = redis.getIfAvailable();
        return shared == null ? new ExperimentStore.FileStore(file) : new ExperimentStore.RedisStore(shared, file);
    }

    @Bean
    VariantModels variantModels(ModelService models, CoachCatalog catalog) {
        return new VariantModels(models, catalog); // a MeterBinder, bound by Spring Boot
    }

    @Bean
    Experiments experiments(ExperimentStore store, VariantModels models) {
        Experiments e = new Experiments(store, models, Clock.systemUTC());
        e.refresh();
        log.info("Experiments are shared through {}", store.mode());
        return e;
    }

    @Bean(destroyMethod = "close")
    ImpressionPublisher impressionPublisher(
            KafkaTemplate<String, byte[]> template,
            ExperimentSettings settings,
            VariantModels models,
            MatchingSettings matching,
            MeterRegistry meters) {
        return new ImpressionPublisher(
                template, settings.impressionsTopic(), models, matching, meters, settings.impressionsQueueMaxSize());
    }

    @Bean
    ExperimentHooks experimentHooks(
            Experiments experiments, CountStore counts, ImpressionPublisher impressions, ExperimentSettings settings) {
        return new ExperimentHooks(experiments, counts, settings.impressionsEnabled() ? impressions : null);
    }

    /** REST feedback goes on to {@code matching-feedback} through the impression log's background sender. */
    @Bean
    FeedbackForwarder feedbackForwarder(ImpressionPublisher sender) {
        return records -> sender.sendInBackground(records, "rest_feedback");
    }

    @Bean
    KafkaAdmin.NewTopics experimentTopics(ExperimentSettings settings, KafkaSettings kafka) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(settings.impressionsTopic())
                .partitions(kafka.partitions())
                .replicas(kafka.replicationFactor())
                .build());
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
