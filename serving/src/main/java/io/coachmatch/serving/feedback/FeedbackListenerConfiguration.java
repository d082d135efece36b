package io.coachmatch.serving.feedback;

import io.coachmatch.serving.kafka.KafkaSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The container of the feedback listener, apart from the request listener's: it produces nothing, so it needs no
 * transaction, and its only failure is an unavailable counter store, which must be waited out rather than given up
 * on. The error handler commits the records before the failing one, seeks back to it and retries it after a back-off
 * growing from 200 ms to at most 5 s, without a limit on attempts (an invalid event never fails, so only an outage
 * holds a partition, and only for as long as it lasts).
 */
@Configuration(proxyBeanMethods = false)
class FeedbackListenerConfiguration {

    static final String CONTAINER_FACTORY = "feedbackListenerContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> feedbackListenerContainerFactory(
            ConsumerFactory<String, byte[]> consumers, KafkaSettings settings) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> f = new ConcurrentKafkaListenerContainerFactory<>();
        f.setConsumerFactory(consumers);
        f.setBatchListener(true);
        f.setConcurrency(settings.concurrency());
        f.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        f.getContainerProperties().setObservationEnabled(false);
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        f.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return f;
    }
}
