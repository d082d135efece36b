package io.coachmatch.serving.matching;

import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.validation.RequestParser;
import io.coachmatch.core.validation.ValidationLimits;
import io.coachmatch.serving.cache.ServingCache;
import io.coachmatch.serving.catalog.CoachCatalog;
import io.coachmatch.serving.kafka.KafkaConfiguration;
import io.coachmatch.serving.kafka.KafkaSettings;
import io.coachmatch.serving.models.ModelService;
import io.coachmatch.serving.stats.ServingStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Configuration(proxyBeanMethods = false)
class MatchingConfiguration {

    static final String CONTAINER_FACTORY = "matchingContainerFactory";

    @Bean
    MatchingSettings matchingSettings(AnswerSettings properties) {
        return properties.toSettings();
    }

    @Bean
    MatchingService matchingService(
            AnswerSettings properties,
            MatchingSettings settings,
            CoachCatalog catalog,
            ModelService models,
            ServingCache cache,
            ServingStats stats,
            ObjectProvider<AnswerHooks> hooks,
            KafkaSettings kafka) {
        return new MatchingService(
                new MatchingEngine(settings),
                new RequestParser(ValidationLimits.defaults(), settings.rates()),
                catalog,
                models,
                cache,
                stats,
                hooks.getIfAvailable(() -> AnswerHooks.NONE),
                properties.maxAttempts(),
                properties.retryBackoffMs(),
                kafka.maxAnswerBytes(),
                Clock.systemUTC());
    }

    /**
     * The request listener's containers: a batch whose transaction rolls back (the broker or the producer failed)
     * is redelivered {@code KAFKA_MAX_ATTEMPTS - 1} more times with growing back-off; then each of its requests is
     * answered {@code INTERNAL_ERROR} in a new transaction that also commits their offsets, so no record blocks
     * its partition for good. A batch rolled back because the group moved on while it ran is retried at once and
     * not counted ({@link RequestRollbacks}).
     */
    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> matchingContainerFactory(
            ConsumerFactory<String, byte[]> cf,
            KafkaTransactionManager<String, byte[]> tm,
            KafkaSettings settings,
            KafkaTemplate<String, byte[]> template,
            @Lazy MatchingListener listener,
            MeterRegistry meters) {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(settings.maxAttempts() - 1);
        backOff.setInitialInterval(100);
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(2000);
        Counter rollbacks = Counter.builder("coachmatch.kafka.rollbacks")
                .description("Request batches whose transaction rolled back")
                .register(meters);
        Counter groupChanges = Counter.builder("coachmatch.kafka.rollbacks.group-changed")
                .description("Request batches rolled back because the group moved on while they ran (retried at once)")
                .register(meters);
        RequestRollbacks afterRollback =
                new RequestRollbacks(listener::recover, backOff, template, rollbacks, groupChanges);
        var factory = KafkaConfiguration.transactionalBatchFactory(cf, tm, settings, afterRollback);
        // without this the container never lets the processor recover a batch: it would seek back for ever
        factory.getContainerProperties().setBatchRecoverAfterRollback(true);
        // after each committed transaction, the next rollback starts its attempts afresh (see RequestRollbacks)
        factory.setBatchInterceptor(new BatchInterceptor<>() {
            @Override
            public ConsumerRecords<String, byte[]> intercept(
                    ConsumerRecords<String, byte[]> records, Consumer<String, byte[]> consumer) {
                return records;
            }

            @Override
            public void success(ConsumerRecords<String, byte[]> records, Consumer<String, byte[]> consumer) {
                // called inside the batch's transaction, after the listener: afterCommit runs on this thread
                if (TransactionSynchronizationManager.isSynchronizationActive()) {
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            afterRollback.committed();
                        }
                    });
                }
            }
        });
        return factory;
    }
}
