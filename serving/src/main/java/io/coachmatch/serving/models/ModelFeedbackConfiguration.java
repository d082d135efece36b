package io.coachmatch.serving.models;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * The container of {@link ModelFeedbackListener}: one consumer reading every partition of {@code matching-feedback}
 * in batches, committing nothing. Each start of an instance reads the topic again from the earliest record kept
 * (its counts start again from the artifact), so committed offsets would serve no one and would leave a consumer
 * group behind at every restart.
 */
@Configuration(proxyBeanMethods = false)
class ModelFeedbackConfiguration {

    static final String CONTAINER_FACTORY = "modelFeedbackContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> modelFeedbackContainerFactory(
            ConsumerFactory<String, byte[]> consumers) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> f = new ConcurrentKafkaListenerContainerFactory<>();
        f.setConsumerFactory(consumers);
        f.setBatchListener(true);
        f.setConcurrency(1);
        // never acknowledged: nothing is committed
        f.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        f.getContainerProperties().setObservationEnabled(false);
        return f;
    }
}
